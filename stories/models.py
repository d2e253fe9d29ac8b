"""Content pages told by editors: the home page, the villages' section and the stories.

A story belongs to a centre (and so to a village and a craft) and is one of three
kinds: a village's heritage story, a maker's profile, or how something is made.
Stories show on their centre's storefront and can sell what they tell through
the "shop this story" block.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalogue.search import matches_all_terms, relevance
from centres.models import DesignCentre
from centres.pages import CentreStorefrontPage
from sitewide.pages import IntroducedPage
from sitewide.slugs import VietnameseSlugMixin
from sitewide.text import fold
from stories.blocks import StoryStreamBlock

Product = get_model("catalogue", "Product")

HOME_FEATURED_PRODUCTS = 8
STORIES_PER_PAGE = 12


def storefronts_in_locale(page: Page):
    """Live storefront pages in the same language as ``page``, in the centres' order."""
    return (
        CentreStorefrontPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("centre")
        .order_by("centre__sort_order", "centre__name")
    )


class HomePage(IntroducedPage):
    """The front door: what the site is, the ten centres, a few of their products."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "stories/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["storefronts"] = storefronts_in_locale(self)
        context["featured_products"] = Product.objects.browsable_cards().order_by(
            "-date_created", "pk"
        )[:HOME_FEATURED_PRODUCTS]
        return context


class VillageIndexPage(IntroducedPage):
    """The villages section: each village, its craft, and where to buy from it."""

    max_count_per_parent = 1
    template = "stories/village_index_page.html"

    class Meta:
        verbose_name = _("villages index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["storefronts"] = storefronts_in_locale(self)
        return context


class StoryIndexPage(IntroducedPage):
    """All stories of the active language, filterable by village and by craft."""

    subpage_types = [
        "stories.VillageStoryPage",
        "stories.MakerProfilePage",
        "stories.ProcessStoryPage",
    ]
    max_count_per_parent = 1
    template = "stories/story_index_page.html"

    class Meta:
        verbose_name = _("stories index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        centres = DesignCentre.objects.all()
        villages = sorted({centre.village for centre in centres})
        crafts = {centre.craft_code: centre.display_craft for centre in centres}
        village = request.GET.get("village", "")
        craft = request.GET.get("craft", "")
        stories = stories_in_locale(self.locale_id)
        if village in villages:
            stories = stories.filter(centre__village=village)
        else:
            village = ""
        if craft in crafts:
            stories = stories.filter(centre__craft_code=craft)
        else:
            craft = ""
        paginator = Paginator(stories, STORIES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        querystring = request.GET.copy()
        querystring.pop("page", None)
        context.update(
            stories=page_obj.object_list,
            story_count=paginator.count,
            page_obj=page_obj,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            filter_querystring=querystring.urlencode(),
            villages=villages,
            crafts=sorted(crafts.items(), key=lambda item: item[1]),
            selected_village=village,
            selected_craft=craft,
        )
        return context


class StoryPage(VietnameseSlugMixin, Page):
    """What every story has: its centre, a lead, a hero image, a body of blocks."""

    centre = models.ForeignKey(
        DesignCentre,
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    lead = models.TextField(
        _("lead"),
        max_length=400,
        help_text=_("One or two sentences that open the story."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    search_text = models.TextField(editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("centre"),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    template = "stories/story_page.html"
    story_kind = "story"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        return super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [self.title, self.seo_title, self.search_description, self.lead]
        parts += list(_texts_of(self.body.raw_data))
        if self.centre_id:
            centre = self.centre
            parts += [centre.village, centre.name, centre.name_en, centre.craft]
            parts.append(centre.craft_en)
        return fold(" ".join(part for part in parts if part))

    def get_meta_description(self) -> str:
        return self.search_description or self.lead


class VillageStoryPage(StoryPage):
    """A village's heritage story: where the craft came from and what it makes now."""

    story_kind = "village"
    template = StoryPage.template

    class Meta:
        verbose_name = _("village heritage story")


class MakerProfilePage(StoryPage):
    """A maker's profile: who they are, what they make, what they sell here."""

    maker = models.ForeignKey(
        "centres.Maker",
        verbose_name=_("maker"),
        on_delete=models.PROTECT,
        related_name="profiles",
    )

    content_panels = [*StoryPage.content_panels, FieldPanel("maker")]
    story_kind = "maker"
    template = StoryPage.template

    class Meta:
        verbose_name = _("maker profile")


class ProcessStoryPage(StoryPage):
    """How something is made, step by step."""

    story_kind = "process"
    template = StoryPage.template

    class Meta:
        verbose_name = _("how it is made")


STORY_MODELS = (VillageStoryPage, MakerProfilePage, ProcessStoryPage)


def stories_in_locale(locale_id):
    """Live, public stories of one language, newest first, with their centres."""
    return (
        StoryPage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .select_related("centre", "hero_image", "content_type")
        .order_by("-first_published_at", "pk")
    )


def search_stories(query: str, locale_id):
    """Stories with every word of ``query``, best first (``search.relevance``)."""
    condition = matches_all_terms(query)
    if condition is None:
        return StoryPage.objects.none()
    ranks = relevance(query, lambda ids: models.Q(centre__in=ids))
    return (
        stories_in_locale(locale_id)
        .filter(condition)
        .alias(**ranks)
        .order_by(*ranks, "-first_published_at", "pk")
    )


def _texts_of(value):
    """Every string inside a StreamField's raw data (block types and ids left out)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"type", "id"}:
                yield from _texts_of(item)
    elif isinstance(value, Sequence):
        for item in value:
            yield from _texts_of(item)
