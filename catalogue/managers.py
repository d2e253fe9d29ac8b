"""Oscar's product queryset, forked: lists of cards in a fixed number of queries.

Every list of product cards (catalogue, storefronts, the home page, stories,
search, the product chooser) starts from ``Product.objects.browsable_cards()``
or ``.cards()``: it loads in a fixed number of queries everything a card shows
(class, maker, images, stock records with their partner's centre, and the
public children of parent products with their stock records). The lowest
price and the sellers, to sort and filter by, are stored with each product
(``catalogue.listing``).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from oscar.apps.catalogue import managers as oscar_managers
from oscar.core.loading import get_model

from catalogue.search import matches_all_terms, relevance


def _stockrecords_with_centre():
    StockRecord = get_model("partner", "StockRecord")
    return StockRecord.objects.select_related("partner__centre").order_by("pk")


def sold_by_condition(**seller) -> Q:
    """A condition on products: they (or a public child) have a stock record whose
    partner matches, e.g. ``sold_by_condition(partner__centre__in=[1, 2])``.

    Read from the stored sellers (``catalogue.listing``): one ``IN`` over an
    index of (partner, product), never a scan of every size of every garment.
    """
    ProductSeller = get_model("catalogue", "ProductSeller")
    return Q(pk__in=ProductSeller.objects.filter(**seller).values("product_id"))


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
        return self.select_related("product_class", "maker").prefetch_related(
            "images",
            Prefetch("stockrecords", queryset=_stockrecords_with_centre()),
            Prefetch(
                "children",
                queryset=public_children,
                to_attr="_prefetched_public_children",
            ),
        )

    def browsable_cards(self) -> ProductQuerySet:
        """Browsable products ready to be rendered as cards."""
        return self.browsable().cards()

    def sold_by(self, partners) -> ProductQuerySet:
        """Products (or parents of products) with a stock record of one of
        ``partners`` (a queryset or list of partner ids)."""
        return self.filter(sold_by_condition(partner__in=partners))

    def in_categories(self, categories) -> ProductQuerySet:
        """Products in one of ``categories`` (a queryset of them), each once:
        an ``IN`` over the (category, product) index of the links."""
        ProductCategory = get_model("catalogue", "ProductCategory")
        links = ProductCategory.objects.filter(category__in=categories)
        return self.filter(pk__in=links.values("product_id"))

    def best_matches(self, query: str, limit: int) -> list:
        """The first ``limit`` products of ``search(query)``, as cards.

        Ranked on ids alone, so the sort carries no card columns, joins or
        prices; then only those rows are loaded as cards, in that order.
        """
        ids = list(self.search(query).values_list("pk", flat=True)[:limit])
        cards = {
            card.pk: card for card in self.model.objects.filter(pk__in=ids).cards()
        }
        return [cards[pk] for pk in ids if pk in cards]

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
