"""Querysets for product lists whose SQL query count does not grow with the catalogue.

Every list of product cards (catalogue, storefronts, the home page) starts from
``product_cards()``: it loads in a fixed number of queries everything a card
shows (class, maker, images, stock records with their partner's centre, and
the public children of parent products with their stock records), plus the
lowest price for sorting and filtering.
"""

from __future__ import annotations

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _stockrecords_with_centre() -> QuerySet:
    return StockRecord.objects.select_related("partner__centre").order_by("pk")


def product_cards(queryset: QuerySet | None = None) -> QuerySet:
    """Browsable products ready to be rendered as cards."""
    if queryset is None:
        queryset = Product.objects.browsable()
    public_children = (
        Product.objects.public()
        .order_by("pk")
        .prefetch_related(
            Prefetch("stockrecords", queryset=_stockrecords_with_centre())
        )
    )
    lowest_own_price = Min("stockrecords__price")
    lowest_child_price = Min(
        "children__stockrecords__price", filter=Q(children__is_public=True)
    )
    return (
        queryset.select_related("product_class", "maker")
        .prefetch_related(
            "images",
            Prefetch("stockrecords", queryset=_stockrecords_with_centre()),
            Prefetch(
                "children",
                queryset=public_children,
                to_attr="_prefetched_public_children",
            ),
        )
        .annotate(lowest_price=Coalesce(lowest_own_price, lowest_child_price))
    )


def sold_by_partners(queryset: QuerySet, partners) -> QuerySet:
    """Products (or parents of products) with a stock record of one of ``partners``.

    ``partners`` is a queryset or list of partner ids. Uses ``EXISTS`` rather
    than joins so the price annotation is not multiplied by the join.
    """
    return queryset.filter(sold_by(partner__in=partners))


def sold_by(**stockrecord_partner):
    """A condition on products: they (or a public child) have a stock record whose
    partner matches, e.g. ``sold_by(partner__centre__in=[1, 2])``."""
    own = StockRecord.objects.filter(product=OuterRef("pk"), **stockrecord_partner)
    of_child = StockRecord.objects.filter(
        product__parent=OuterRef("pk"), product__is_public=True, **stockrecord_partner
    )
    return Exists(own) | Exists(of_child)


def search_products(query: str) -> QuerySet:
    """Browsable products with every word of ``query``, as cards, best first.

    Ranked by ``catalogue.search.relevance``: products of a centre whose village
    the query names, then titles opening with the query, then the query as a
    phrase anywhere; then by title.
    """
    from catalogue.search import matches_all_terms, relevance

    condition = matches_all_terms(query)
    if condition is None:
        return Product.objects.none()
    ranks = relevance(query, lambda ids: sold_by(partner__centre__in=ids))
    return (
        product_cards(Product.objects.browsable().filter(condition))
        .alias(**ranks)
        .order_by(*ranks, "title", "pk")
    )
