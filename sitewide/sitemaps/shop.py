"""The shop in the sitemap: the catalogue, its categories and its products, in a
fixed number of queries however large the catalogue."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from oscar.core.loading import get_model

from sitewide.sitemaps.bilingual import BilingualSitemap

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class CatalogueIndexSitemap(BilingualSitemap):
    """The catalogue's first page, changed whenever a listed product changes."""

    def items(self) -> list[str]:
        return ["catalogue:index"]

    def location(self, item: str) -> str:
        return reverse(item)

    @cached_property
    def newest_product_update(self):
        return Product.objects.browsable().aggregate(newest=Max("date_updated"))[
            "newest"
        ]

    def lastmod(self, item: str):
        return self.newest_product_update


class ProductSitemap(BilingualSitemap):
    """Every product the catalogue lists: public, and not one size of another.

    The same set as ``Product.objects.browsable_cards()`` (Oscar's
    ``browsable()``); a product's page has one slug in both languages.
    """

    def items(self):
        return (
            Product.objects.browsable()
            .only("id", "slug", "date_updated")
            .order_by("pk")
        )

    def lastmod(self, product):
        return product.date_updated


class CategorySitemap(BilingualSitemap):
    """Every public category whose ancestors are public, as the catalogue shows them.

    A category's page lists its own and its subcategories' products, so it
    changed when the newest of those products did; a category without
    products has no date to give. Full slugs are put together from the
    ancestors loaded with it, not looked up per category as Oscar's
    ``get_absolute_url`` does.
    """

    def items(self) -> list:
        newest_product = (
            Product.objects.browsable()
            .filter(categories__path__startswith=OuterRef("path"))
            .order_by("-date_updated")
            .values("date_updated")[:1]
        )
        categories = list(
            Category.objects.browsable()
            .only("id", "path", "depth", "slug")
            .annotate(newest_product_update=Subquery(newest_product))
            .order_by("path")
        )
        full_slugs: dict[str, str] = {}
        for category in categories:
            parent_path = category.path[: -Category.steplen]
            parent_slug = full_slugs.get(parent_path)
            category.full_slug_from_ancestors = (
                f"{parent_slug}{Category._slug_separator}{category.slug}"
                if parent_slug
                else category.slug
            )
            full_slugs[category.path] = category.full_slug_from_ancestors
        return categories

    def location(self, category) -> str:
        return reverse(
            "catalogue:category",
            kwargs={
                "category_slug": category.full_slug_from_ancestors,
                "pk": category.pk,
            },
        )

    def lastmod(self, category):
        return category.newest_product_update
