"""What crawlers read first: ``/robots.txt`` and the sitemap index with its sections.

URLs are those of the host the request came to. Django's index view takes its
domain from the ``Site`` record (SITE_ID), with no way to pass another, so the
index is built here; each section is Django's view.
"""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView

from sitewide.sitemaps.pages import BilingualPageSitemap
from sitewide.sitemaps.shop import (
    CatalogueIndexSitemap,
    CategorySitemap,
    ProductSitemap,
)

SECTIONS = {
    "pages": BilingualPageSitemap,
    "catalogue": CatalogueIndexSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
}


def _sections(request) -> dict:
    return {name: sitemap_class(request) for name, sitemap_class in SECTIONS.items()}


@sitemap_views.x_robots_tag
def index(request):
    """The sitemap index: every page of every section, with its latest change."""
    entries = []
    for name, sitemap in _sections(request).items():
        location = request.build_absolute_uri(
            reverse("sitemap-section", kwargs={"section": name})
        )
        lastmod = sitemap.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        entries += [
            sitemap_views.SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


def section(request, section: str):
    return sitemap_views.sitemap(request, _sections(request), section=section)


robots_txt = TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
