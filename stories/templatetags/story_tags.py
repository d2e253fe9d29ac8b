"""Template helpers for stories: their kind, a centre's stories, a maker's products.

Each helper loads what it lists in a fixed number of queries, whatever the
number of stories or products.
"""

from __future__ import annotations

from django import template
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from sitewide.language import current_language
from stories.renditions import PICTURES

register = template.Library()
Product = get_model("catalogue", "Product")

CENTRE_STORIES_LIMIT = 6
MAKER_PRODUCTS_LIMIT = 8
STORY_KINDS = ("village", "maker", "process")


@register.filter
def story_kind(page) -> str:
    """ "village", "maker" or "process", also for a non-specific ``StoryPage``.

    Lists of stories hold base ``StoryPage`` rows with their content type
    selected; the kind is read from the content type's model, without a query.
    """
    kind = getattr(page, "story_kind", "")
    if kind in STORY_KINDS:
        return kind
    content_type = getattr(page, "content_type", None)
    model = content_type.model_class() if content_type is not None else None
    return getattr(model, "story_kind", "")


@register.filter
def story_kind_label(page) -> str:
    """The kind of a story in words, in the active language."""
    labels = {
        "village": _("Village heritage"),
        "maker": _("Maker profile"),
        "process": _("How it is made"),
    }
    return labels.get(story_kind(page), _("Story"))


def _locale_id(context) -> int | None:
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if locale_id is not None:
        return locale_id
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None


@register.simple_tag(takes_context=True)
def stories_of_centre(context, centre, limit: int = CENTRE_STORIES_LIMIT) -> list:
    """The newest live stories of ``centre`` in the page's language.

    Two queries: the stories (with centre, hero image and content type), and
    the hero images' renditions.
    """
    from stories.models import stories_in_locale

    locale_id = _locale_id(context)
    if centre is None or locale_id is None:
        return []
    return list(
        stories_in_locale(locale_id)
        .filter(centre=centre)
        .prefetch_related(_card_renditions())[:limit]
    )


@register.simple_tag
def maker_products(maker, limit: int = MAKER_PRODUCTS_LIMIT) -> list:
    """Up to ``limit`` browsable products of ``maker``, ready to render as cards."""
    if maker is None or not maker.live:
        return []
    queryset = (
        Product.objects.browsable_cards()
        .filter(maker=maker)
        .order_by("-date_created", "pk")
    )
    return list(queryset[:limit])


def _card_renditions() -> Prefetch:
    """The hero images' renditions a story card shows (``PICTURES["card"]``)."""
    Rendition = get_image_model().get_rendition_model()
    shown = Rendition.objects.filter(filter_spec__in=PICTURES["card"].filters)
    return Prefetch("hero_image__renditions", queryset=shown)


@register.filter
def with_hero_renditions(stories):
    """``stories`` with their hero images' renditions loaded in one query.

    Takes a queryset (evaluated or not) or a list; a card then finds its
    rendition without a query of its own.
    """
    if isinstance(stories, QuerySet):
        if stories._result_cache is None:
            return stories.prefetch_related(_card_renditions())
        items = stories._result_cache
    else:
        items = list(stories)
    prefetch_related_objects(
        [story for story in items if story.hero_image_id], _card_renditions()
    )
    return items


@register.filter
def story_date(value) -> str:
    """A date as readers of the language write it: 24/11/2026, 24 November 2026.

    Vietnamese DATE_FORMAT starts with "Ngày", which reads twice after a label.
    """
    if not value:
        return ""
    return date_format(
        localtime(value), "j/n/Y" if current_language() == "vi" else "j F Y"
    )


@register.simple_tag(takes_context=True)
def maker_profile_url(context, maker) -> str:
    """``maker``'s profile story URL in the page's language, or "" (one query)."""
    from stories.models import MakerProfilePage

    locale_id = _locale_id(context)
    if maker is None or locale_id is None:
        return ""
    profile = (
        MakerProfilePage.objects.live()
        .public()
        .filter(maker=maker, locale_id=locale_id)
        .order_by("pk")
        .first()
    )
    if profile is None:
        return ""
    return profile.get_url(request=context.get("request")) or ""
