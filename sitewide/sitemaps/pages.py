"""A sitemap of every public Wagtail page, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from wagtail.models import Page, Site

from sitewide.language import current_language
from sitewide.sitemaps.bilingual import BilingualSitemap


@dataclass
class TranslatedPage:
    """One page in the languages it is live in: its path and last change in each."""

    paths: dict[str, str] = field(default_factory=dict)
    lastmods: dict[str, datetime | None] = field(default_factory=dict)


class BilingualPageSitemap(BilingualSitemap):
    """The live public pages of every locale's tree, each listed once per language.

    Wagtail's sitemap lists one locale's tree, at the Wagtail site's hostname.
    Here a page and its translations make one item whose alternates are its
    translations, whose slugs differ from language to language; a language
    without a live translation of the page is left out. Paths and dates are
    read from one query.
    """

    def items(self) -> list[TranslatedPage]:
        site = Site.find_for_request(self.request) or Site.objects.get(
            is_default_site=True
        )
        root = site.root_page
        pages = Page.objects.none()
        for tree_root in Page.objects.filter(translation_key=root.translation_key):
            pages |= Page.objects.descendant_of(tree_root, inclusive=True)
        pages = (
            pages.live()
            .public()
            .select_related("locale")
            .only(
                "url_path",
                "translation_key",
                "last_published_at",
                "latest_revision_created_at",
                "locale__language_code",
            )
            .order_by("path")
        )
        translated: dict[object, TranslatedPage] = {}
        for page in pages:
            parts = page.get_url_parts(request=self.request)
            if not parts or not parts[2]:
                continue
            item = translated.setdefault(page.translation_key, TranslatedPage())
            language = page.locale.language_code
            item.paths[language] = parts[2]
            item.lastmods[language] = (
                page.last_published_at or page.latest_revision_created_at
            )
        return list(translated.values())

    def get_languages_for_item(self, item: TranslatedPage) -> list[str]:
        return [code for code, _name in settings.LANGUAGES if code in item.paths]

    def location(self, item: TranslatedPage) -> str:
        return item.paths[current_language()]

    def lastmod(self, item: TranslatedPage):
        """The newest of the translations' changes (the section's, in the index)."""
        return max((date for date in item.lastmods.values() if date), default=None)

    def get_urls(self, page=1, site=None, protocol=None):
        """Each language's URL carries the date of its own translation."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            item, language = url["item"]
            url["lastmod"] = item.lastmods[language]
        return urls
