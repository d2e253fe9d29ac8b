"""Wagtail pages of the centres: the list of all ten, and each centre's storefront.

Registered by ``CentresConfig.import_models``; they build on ``centres.models``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from centres.models import DesignCentre, star_level_filter_choices
from sitewide.pages import IntroducedPage
from sitewide.slugs import VietnameseSlugMixin


class CentreIndexPage(IntroducedPage):
    """All recognised centres, filterable by star level (``?stars=3|4|unknown``)."""

    subpage_types = ["centres.CentreStorefrontPage"]
    max_count_per_parent = 1
    template = "centres/centre_index_page.html"

    class Meta:
        verbose_name = _("centre index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        selected = request.GET.get("stars", "")
        valid = {key for key, _label in star_level_filter_choices()}
        if selected not in valid:
            selected = ""
        storefronts = (
            CentreStorefrontPage.objects.live()
            .public()
            .child_of(self)
            .select_related("centre")
            .order_by("centre__sort_order", "centre__name")
        )
        if selected:
            centres = DesignCentre.objects.with_star_level(selected)
            storefronts = storefronts.filter(centre__in=centres)
        context.update(
            storefronts=storefronts,
            star_filter_choices=star_level_filter_choices(),
            selected_stars=selected,
        )
        return context


class CentreStorefrontPage(VietnameseSlugMixin, Page):
    """A centre's storefront: star badge, its story so far, visiting details, products.

    Products are those with a stock record of the centre's partner; the
    catalogue (above the centres) is reached through the app registry.
    """

    centre = models.ForeignKey(
        DesignCentre, on_delete=models.PROTECT, related_name="storefronts"
    )
    intro = RichTextField(
        _("the centre's story so far"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [*Page.content_panels, FieldPanel("centre"), FieldPanel("intro")]
    parent_page_types = ["centres.CentreIndexPage"]
    subpage_types: list[str] = []
    template = "centres/centre_storefront_page.html"

    class Meta:
        verbose_name = _("centre storefront")

    def get_products(self):
        Product = get_model("catalogue", "Product")
        return (
            Product.objects.browsable_cards()
            .sold_by([self.centre.partner_id])
            .order_by("-date_created", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        """The newest products, a page's worth; the catalogue filtered by the
        centre lists them all, however many the centre sells."""
        context = super().get_context(request, *args, **kwargs)
        shown = settings.OSCAR_PRODUCTS_PER_PAGE
        products = list(self.get_products()[: shown + 1])
        context["products"] = products[:shown]
        context["more_products"] = len(products) > shown
        return context
