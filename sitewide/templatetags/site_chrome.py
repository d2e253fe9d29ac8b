"""The site's chrome, shared by Wagtail and Oscar pages: sections and languages.

Every page, content or shop, renders the same header. The section pages (the
home page, the villages index, the centres index) are looked up once per
request and language, in a fixed number of queries, whatever the page.
"""

from __future__ import annotations

from typing import NamedTuple

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from centres.pages import CentreIndexPage
from sitewide.language import current_language
from sitewide.request_cache import once_per_request
from stories.models import HomePage, StoryIndexPage, VillageIndexPage

register = template.Library()


class LanguageLink(NamedTuple):
    """One entry of the language switch: where this page lives in language ``code``."""

    code: str
    name: str
    url: str
    is_current: bool


class SectionLink(NamedTuple):
    """One entry of the main navigation."""

    key: str
    label: str
    url: str
    is_current: bool


def _locale_root_url(code: str) -> str:
    """The home of language ``code``: Wagtail serves each locale's home at /<code>/."""
    with translation.override(code):
        try:
            return reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            return f"/{code}/"


def _section_pages(request) -> dict[str, Page]:
    """The home, villages, stories and centres pages of the active language (one query).

    Once per request: the header, the footer and the page itself may all ask
    for them.
    """
    return once_per_request(request, "section pages", _load_section_pages)


def _load_section_pages() -> dict[str, Page]:
    kinds = {
        "home": HomePage,
        "villages": VillageIndexPage,
        "stories": StoryIndexPage,
        "centres": CentreIndexPage,
    }
    kind_of_content_type = {
        ContentType.objects.get_for_model(model).pk: key for key, model in kinds.items()
    }
    candidates = (
        Page.objects.live()
        .filter(content_type_id__in=kind_of_content_type)
        .filter(locale__language_code=current_language())
        .order_by("path")
    )
    pages: dict[str, Page] = {}
    for page in candidates:
        pages.setdefault(kind_of_content_type[page.content_type_id], page)
    return pages


def _page_url(page: Page | None, request) -> str:
    if page is None:
        return ""
    return page.get_url(request=request) or ""


@register.simple_tag(takes_context=True)
def site_home_url(context) -> str:
    """The home page of the active language (``/vi/`` or ``/en/``)."""
    request = context.get("request")
    url = _page_url(_section_pages(request).get("home"), request)
    return url or _locale_root_url(current_language())


@register.simple_tag(takes_context=True)
def section_links(context) -> list[SectionLink]:
    """Villages, stories, centres and shop in the active language, if they exist."""
    request = context.get("request")
    pages = _section_pages(request)
    path = request.path if request is not None else ""
    links = [
        ("villages", _("Villages"), _page_url(pages.get("villages"), request)),
        ("stories", _("Stories"), _page_url(pages.get("stories"), request)),
        ("centres", _("Centres"), _page_url(pages.get("centres"), request)),
        ("shop", _("Shop"), reverse("catalogue:index")),
    ]
    return [
        SectionLink(key, label, url, bool(path) and path.startswith(url))
        for key, label, url in links
        if url
    ]


def _wagtail_page_urls(page: Page, request) -> dict[str, str]:
    """URLs of the live translations of ``page``, by language code (one query)."""
    translations = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    urls = {}
    for translated in translations:
        url = translated.get_url(request=request)
        if url:
            urls[translated.locale.language_code] = url
    return urls


def _shop_page_urls(request, current: str) -> dict[str, str]:
    """The request's path under each language prefix, query string kept."""
    full_path = request.get_full_path()
    urls = {}
    for code, _name in settings.LANGUAGES:
        translated = translate_url(full_path, code)
        if code == current or translated != full_path:
            urls[code] = translated
    return urls


def _is_missing_wagtail_page(request) -> bool:
    """A path routed to Wagtail without a page in the context: its 404 page."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"


def _or_home(urls: dict[str, str], code: str) -> str:
    return urls.get(code) or _locale_root_url(code)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """The current page in each language, as ``(code, name, url, is_current)``.

    A Wagtail page links to its translations (their slugs may differ); a shop
    page swaps the language prefix of its path. The query string is kept. When
    a page has no counterpart in a language, the link goes to that language's
    home page rather than to a page that does not exist. Computed once per
    request: the header and the ``hreflang`` links share it.
    """
    request = context.get("request")
    return once_per_request(
        request, "language links", lambda: _language_links(request, context.get("page"))
    )


def _language_links(request, page) -> list[LanguageLink]:
    current = current_language()
    urls: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        urls = _wagtail_page_urls(page, request)
        query = request.META.get("QUERY_STRING", "") if request is not None else ""
        if query:
            urls = {code: f"{url}?{query}" for code, url in urls.items()}
    elif request is not None and not _is_missing_wagtail_page(request):
        urls = _shop_page_urls(request, current)

    return [
        LanguageLink(code, name, _or_home(urls, code), code == current)
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def hreflang_alternates(context) -> list[tuple[str, str]]:
    """``(hreflang, absolute URL)`` of each language, plus ``x-default``.

    ``x-default`` is the site's default language (Vietnamese).
    """
    if context.get("request") is None:
        return []
    alternates = [
        (link.code, absolute_url(context, link.url)) for link in language_links(context)
    ]
    default = settings.LANGUAGE_CODE.split("-")[0]
    defaults = [("x-default", href) for code, href in alternates if code == default]
    return alternates + defaults


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` with scheme and host, for ``hreflang`` and canonical links."""
    request = context.get("request")
    if request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)
