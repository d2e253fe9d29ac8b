"""What search engines and link previews read: canonical URL, Open Graph, JSON-LD.

Every page gets a canonical link and Open Graph tags from ``social_meta``;
story pages are ``article``s with their hero image cropped to 1200×630 and
schema.org ``Article`` markup from ``article_json_ld``. Product pages and
storefronts write the data their own apps build through the ``json_ld`` filter.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from sitewide.language import current_language
from sitewide.templatetags.site_chrome import site_home_url
from stories.models import StoryPage
from stories.renditions import OPEN_GRAPH_FILTER

register = template.Library()


DESCRIPTION_WORDS = 40
HEADLINE_CHARS = 110
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class OpenGraphImage(NamedTuple):
    url: str
    width: int | None
    height: int | None
    alt: str


class SocialMeta(NamedTuple):
    """What a page tells link previews about itself."""

    title: str
    description: str
    type: str
    url: str
    locale: str
    alternate_locales: list[str]
    image: OpenGraphImage | None
    site_name: str


def default_description() -> str:
    return _(
        "Stories of Hanoi's craft villages, and a shop for the crafts of the ten "
        "village design centres recognised in December 2023."
    )


def _absolute(request, url: str) -> str:
    if not url or request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def page_url(request, page) -> str:
    """The page's absolute URL on the host the visitor used (as ``hreflang`` links)."""
    if request is None:
        return page.get_full_url() or ""
    return _absolute(request, page.get_url(request=request) or "")


def _is_story(page) -> bool:
    return isinstance(page, StoryPage)


def page_description(page) -> str:
    """A story's meta description (its search description or lead), else the page's.

    Editors write these to be read whole; a storefront without one uses its
    centre's description, shortened.
    """
    getter = getattr(page, "get_meta_description", None)
    text = getter() if callable(getter) else getattr(page, "search_description", "")
    centre = getattr(page, "centre", None)
    if not text and centre is not None:
        text = Truncator(centre.display_description).words(DESCRIPTION_WORDS)
    return " ".join(strip_tags(text or "").split())


def og_image(request, image) -> OpenGraphImage | None:
    """A 1200×630 crop of ``image`` at an absolute URL, or None."""
    if image is None:
        return None
    rendition = image.get_rendition(OPEN_GRAPH_FILTER)
    return OpenGraphImage(
        _absolute(request, rendition.url),
        rendition.width,
        rendition.height,
        image.default_alt_text,
    )


def _product_image(request, product) -> OpenGraphImage | None:
    """The product's first photo at its original size, or None without one."""
    image = product.primary_image()
    if isinstance(image, dict) or not image.original:
        return None
    return OpenGraphImage(
        _absolute(request, image.original.url),
        None,
        None,
        image.display_alt_text,
    )


@register.simple_tag(takes_context=True)
def social_meta(context) -> SocialMeta:
    """Open Graph values of the page being rendered.

    A Wagtail page speaks for itself; a product page uses the product; any other
    page (shop lists, basket, search) the site's name and description. The
    canonical URL of a page is its own URL without query string.
    """
    request = context.get("request")
    site_name = context.get("shop_name") or settings.OSCAR_SHOP_NAME
    language = current_language()
    title, description, kind, image = site_name, "", "website", None
    url = _absolute(request, request.path) if request is not None else ""

    page = context.get("page")
    product = context.get("product")
    if isinstance(page, Page) and page.pk:
        title = page.seo_title or page.title
        description = page_description(page)
        url = page_url(request, page) or url
        if _is_story(page):
            kind = "article"
            image = og_image(request, page.hero_image)
    elif product is not None and hasattr(product, "get_title"):
        title = product.get_title()
        text = getattr(product, "display_description", product.description)
        description = " ".join(strip_tags(text or "").split())
        description = Truncator(description).words(DESCRIPTION_WORDS)
        image = _product_image(request, product)

    alternates = [
        OG_LOCALES.get(code, code)
        for code, _name in settings.LANGUAGES
        if code != language
    ]
    return SocialMeta(
        title=title,
        description=description or default_description(),
        type=kind,
        url=url,
        locale=OG_LOCALES.get(language, language),
        alternate_locales=alternates,
        image=image,
        site_name=site_name,
    )


def json_for_script(data) -> SafeString:
    """``data`` as JSON that cannot close its ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_ESCAPES))


@register.filter
def json_ld(data) -> SafeString:
    """Markup another app's tag built (a product, a store) as ld+json script content.

    The catalogue and the centres build their data without importing this
    app; the escaping stays in one place.
    """
    return json_for_script(data)


@register.simple_tag(takes_context=True)
def article_json_ld(context, page) -> SafeString:
    """schema.org ``Article`` markup of a story page, ready for a ld+json script."""
    request = context.get("request")
    site_name = context.get("shop_name") or settings.OSCAR_SHOP_NAME
    organisation = {"@type": "Organization", "name": site_name}
    home_url = _absolute(request, site_home_url(context))
    if home_url:
        organisation["url"] = home_url
    url = page_url(request, page)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(page.title).chars(HEADLINE_CHARS),
        "description": page_description(page),
        "inLanguage": current_language(),
        "author": organisation,
        "publisher": organisation,
    }
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    image = og_image(request, page.hero_image)
    if image is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": image.url,
            "width": image.width,
            "height": image.height,
        }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = page.last_published_at or page.first_published_at
    if modified:
        data["dateModified"] = modified.isoformat()
    centre = page.centre
    data["about"] = {
        "@type": "Place",
        "name": centre.village,
        "containedInPlace": {"@type": "City", "name": "Hà Nội"},
    }
    return json_for_script(data)
