"""A product's folded search text, written again when what it is built from
changes elsewhere (its centre, maker, product class, stock records)."""

from __future__ import annotations

from oscar.core.loading import get_model

from sitewide import content_version


def refresh_search_text(product) -> None:
    Product = get_model("catalogue", "Product")
    Product.objects.filter(pk=product.pk).update(
        search_text=product.build_search_text()
    )


def refold_products(products) -> int:
    count = 0
    for product in products.select_related("product_class", "maker"):
        refresh_search_text(product)
        count += 1
    if count:
        content_version.changed()
    return count
