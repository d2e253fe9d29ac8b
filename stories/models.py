"""Content pages told by editors: the home page and the villages' section.

The village heritage stories themselves build on these pages; for now the
villages index lists each village with its craft and its centre's storefront.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from centres.models import CentreStorefrontPage

HOME_FEATURED_PRODUCTS = 8


def storefronts_in_locale(page: Page):
    """Live storefront pages in the same language as ``page``, in the centres' order."""
    return (
        CentreStorefrontPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("centre")
        .order_by("centre__sort_order", "centre__name")
    )


class HomePage(Page):
    """The front door: what the site is, the ten centres, a few of their products."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "stories/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product_cards = get_class("catalogue.listing", "product_cards")
        context["storefronts"] = storefronts_in_locale(self)
        context["featured_products"] = product_cards().order_by("-date_created", "pk")[
            :HOME_FEATURED_PRODUCTS
        ]
        return context


class VillageIndexPage(Page):
    """The villages section: each village, its craft, and where to buy from it."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    template = "stories/village_index_page.html"

    class Meta:
        verbose_name = _("villages index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["storefronts"] = storefronts_in_locale(self)
        return context
