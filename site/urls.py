"""URL wiring: the shop under /<lang>/shop/, Wagtail's page tree after it.

Wagtail's catch-all must come last, or the shop's URLs would be swallowed.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from craftsite import sitemaps
from craftsite.media import serve_media
from payment.bank_transfers import bank_webhook
from payment.webhooks import stripe_webhook
from stories.views import search

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("payments/bank/webhook/", bank_webhook, name="bank-webhook"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media)]

urlpatterns += i18n_patterns(
    # Oscar's haystack search lists nothing with the simple engine: use the site's.
    path(
        "shop/search/",
        RedirectView.as_view(pattern_name="site_search", query_string=True),
    ),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("search/", search, name="site_search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
