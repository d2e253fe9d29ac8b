"""Oscar's product queryset, forked: lists of cards in a fixed number of queries.

Every list of product cards (catalogue, storefronts, the home page, stories,
search, the product chooser) starts from ``Product.objects.browsable_cards()``
or ``.cards()``: it loads in a fixed number of queries everything a card shows
(class, maker, images, stock records with their partner's centre, and the
public children of parent products with their stock records), plus the lowest
price for sorting and filtering.
"""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from oscar.apps.catalogue import managers as oscar_managers
from oscar.core.loading import get_model

from catalogue.search import matches_all_terms, relevance


def _stockrecords_with_centre():
    StockRecord = get_model("partner", "StockRecord")
    return StockRecord.objects.select_related("partner__centre").order_by("pk")


def sold_by_condition(**stockrecord_partner) -> Q:
    """A condition on products: they (or a public child) have a stock record whose
    partner matches, e.g. ``sold_by_condition(partner__centre__in=[1, 2])``.

    ``IN`` over the matching stock records rather than joins, so the price
    annotation is not multiplied; uncorrelated, so PostgreSQL reads those records
    once and hashes them instead of probing per product.
    """
    StockRecord = get_model("partner", "StockRecord")
    records = StockRecord.objects.filter(**stockrecord_partner)
    of_children = records.filter(product__parent__isnull=False, product__is_public=True)
    return Q(pk__in=records.values("product_id")) | Q(
        pk__in=of_children.values("product__parent_id")
    )


def lowest_price() -> Coalesce:
    """A product's lowest price, else its public children's, as subqueries.

    Subqueries rather than ``Min`` over joins: no ``GROUP BY``, so a page of the
    newest products reads only its own rows' stock records and counting the
    list reads no stock record at all (a ``(product, price)`` index serves each).
    """
    StockRecord = get_model("partner", "StockRecord")
    priced = StockRecord.objects.filter(price__isnull=False).order_by("price")
    own = priced.filter(product=OuterRef("pk")).values("price")[:1]
    of_children = priced.filter(
        product__parent=OuterRef("pk"), product__is_public=True
    ).values("price")[:1]
    return Coalesce(Subquery(own), Subquery(of_children))


class ProductQuerySet(oscar_managers.ProductQuerySet):
    def cards(self) -> ProductQuerySet:
        """These products ready to be rendered as cards."""
        public_children = (
            self.model.objects.public()
            .order_by("pk")
            .prefetch_related(
                Prefetch("stockrecords", queryset=_stockrecords_with_centre())
            )
        )
        return (
            self.select_related("product_class", "maker")
            .prefetch_related(
                "images",
                Prefetch("stockrecords", queryset=_stockrecords_with_centre()),
                Prefetch(
                    "children",
                    queryset=public_children,
                    to_attr="_prefetched_public_children",
                ),
            )
            .annotate(lowest_price=lowest_price())
        )

    def browsable_cards(self) -> ProductQuerySet:
        """Browsable products ready to be rendered as cards."""
        return self.browsable().cards()

    def sold_by(self, partners) -> ProductQuerySet:
        """Products (or parents of products) with a stock record of one of
        ``partners`` (a queryset or list of partner ids)."""
        return self.filter(sold_by_condition(partner__in=partners))

    def search(self, query: str) -> ProductQuerySet:
        """Browsable products with every word of ``query``, as cards, best first.

        Ranked by ``catalogue.search.relevance``: products of a centre whose
        village the query names, then titles opening with the query, then the
        query as a phrase anywhere; then by title.
        """
        condition = matches_all_terms(query)
        if condition is None:
            return self.none()
        ranks = relevance(query, lambda ids: sold_by_condition(partner__centre__in=ids))
        return (
            self.browsable()
            .filter(condition)
            .cards()
            .alias(**ranks)
            .order_by(*ranks, "title", "pk")
        )
