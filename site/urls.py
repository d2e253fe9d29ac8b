"""URL wiring: the shop under /<lang>/shop/, Wagtail's page tree after it.

Wagtail's catch-all must come last, or the shop's URLs would be swallowed.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from address.views import province_wards
from craftsite.media import serve_media
from payment.bank_transfers import bank_webhook
from payment.webhooks import stripe_webhook
from sitewide import sitemaps
from sitewide.views import search
from users.stranger_mail import LimitedProductAlertCreateView, shop_password_reset
from users.wishlists import wishlist_with_product


def not_found(request, **kwargs):
    raise Http404


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Wagtail's admin has two pages for testing it: failwhale raises an error on
    # purpose (a 500 for any user of the CMS), test404 answers 200.
    path("cms/failwhale/", not_found),
    path("cms/test404/", not_found),
    # No revision has id 0, and Wagtail's revert view reads 0 as "not reverting".
    path("cms/pages/<int:page_id>/revisions/0/revert/", not_found),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("payments/bank/webhook/", bank_webhook, name="bank-webhook"),
    path("address/wards.json", province_wards, name="address-wards"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media)]

urlpatterns += i18n_patterns(
    # Oscar's haystack search lists nothing with the simple engine: use the site's.
    path(
        "shop/search/",
        RedirectView.as_view(pattern_name="site_search", query_string=True),
    ),
    # Oscar's pages that e-mail an address a visitor typed, within the mail
    # limits (users/stranger_mail.py); Oscar's names still reverse to them.
    path("shop/password-reset/", shop_password_reset, name="password-reset"),
    path(
        "shop/accounts/alerts/create/<int:pk>/",
        LimitedProductAlertCreateView.as_view(),
    ),
    # Oscar's view answers an unknown product with a server error.
    path(
        "shop/accounts/wishlists/create/with-product/<int:product_pk>/",
        wishlist_with_product,
    ),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("search/", search, name="site_search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
