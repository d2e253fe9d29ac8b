"""The base of every sitemap section: each item in Vietnamese and English.

Every section lists each item in both languages with hreflang alternates, on
the host the sitemap was requested from, in a fixed number of queries however
many items it has.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.core.paginator import Paginator
from django.utils.functional import cached_property

X_DEFAULT = "x-default"


class BilingualSitemap(Sitemap):
    """A section whose items each have a URL in every language, as alternates.

    Django's views give a sitemap the domain of the ``Site`` record (SITE_ID);
    this one answers with the request's host, so the URLs are those of the
    server a crawler asked. ``x-default`` is the Vietnamese URL, as in the
    pages' own ``hreflang`` links: Django's would drop the language prefix,
    which sends an English reader of a Wagtail page to the Vietnamese slug
    under ``/en/``, a page that does not exist.

    Its items are loaded once per sitemap: the index asks for both the latest
    change and the number of pages.
    """

    i18n = True
    alternates = True
    limit = 5000

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None) -> str:
        return RequestSite(self.request).domain

    @cached_property
    def paginator(self) -> Paginator:
        return Paginator(self._items(), self.limit)

    def get_latest_lastmod(self):
        """The newest change among the section's items, or None if none is known."""
        lastmods = [self.lastmod(item) for item, _lang in self.paginator.object_list]
        return max((lastmod for lastmod in lastmods if lastmod), default=None)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["alternates"] += [
                {"location": alternate["location"], "lang_code": X_DEFAULT}
                for alternate in url["alternates"]
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            ]
        return urls
