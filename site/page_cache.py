"""Whole public pages cached for visitors who carry nothing personal.

A tourist browsing the shop without signing in sees what every other such
visitor sees, but for the basket in the header: so each page is rendered once
per content version and language and served from the ``pages`` cache after
that, skipping the view, its queries and its templates. A session cookie
(signed in, or anything else the site remembered for the visitor) or queued
messages keep a page from being served or stored: those visitors, staff
among them, always get a page rendered for them.

What differs per visitor is put back per request: the basket summary (rendered
from the visitor's own basket between the markers of
``includes/basket_summary.html``), the CSRF token of every form (the visitor's
own, from their CSRF cookie) and the Content-Security-Policy nonce of the
inline scripts (the one in this response's header). The key holds the
language, the host, the full URL and the content token
(``sitewide.content_version``), which every change to what public pages show
renews, so prices and stock are never older than the last committed change.
Only the views in ``CACHED_VIEWS`` are stored.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from sitewide import content_version

#: The views whose pages are the same for every visitor without a session.
CACHED_VIEWS = frozenset(
    {
        "wagtail_serve",
        "catalogue:index",
        "catalogue:category",
        "catalogue:detail",
        "site_search",
    }
)
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
BASKET_SUMMARY = re.compile(rb"<!--personal:basket-->.*?<!--/personal:basket-->", re.S)
BASKET_SUMMARY_TEMPLATE = "includes/basket_summary.html"
CSRF_PLACEHOLDER = b"\x00csrf\x00"
NONCE_PLACEHOLDER = b"\x00nonce\x00"
BASKET_PLACEHOLDER = b"\x00basket\x00"
PLACEHOLDERS = re.compile(
    b"(" + b"|".join((CSRF_PLACEHOLDER, NONCE_PLACEHOLDER, BASKET_PLACEHOLDER)) + b")"
)
#: Pages this process read from the shared cache lately, by key. A key names
#: the content token, so what is under it never changes: only the token must
#: come from the shared cache on every request.
RECENT_PAGES_KEPT = 200
#: Part of every key: a release that stores pages differently never reads the
#: pages an earlier release left in the shared cache.
STORED_FORMAT = 2
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def personal_cookies() -> tuple[str, ...]:
    """Cookies whose holder is always given a page rendered for them. A basket
    alone is not one of them: its summary is rendered into the stored page."""
    return (
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGES_COOKIE_NAME", "messages"),
    )


def _may_serve(request: HttpRequest) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(request.COOKIES.get(name) for name in personal_cookies())


def _key(request: HttpRequest, token: str) -> str:
    address = f"{translation.get_language()}|{request.build_absolute_uri()}"
    return f"page{STORED_FORMAT}:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHED_VIEWS:
        return False
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or not response.get("Content-Type", "").startswith(
        "text/html"
    ):
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _impersonal(request: HttpRequest, response: HttpResponse) -> dict:
    """The page as a list of pieces, with a placeholder piece for each CSRF token
    and script nonce."""
    body = BASKET_SUMMARY.sub(BASKET_PLACEHOLDER, response.content)
    body = CSRF_VALUE.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", body)
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
    pieces = re.split(PLACEHOLDERS, body)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    return {"pieces": pieces, "headers": headers}


def _personal(request: HttpRequest, stored: dict) -> HttpResponse:
    pieces = stored["pieces"]
    values = {}
    if CSRF_PLACEHOLDER in pieces:
        values[CSRF_PLACEHOLDER] = get_token(request).encode()
    if NONCE_PLACEHOLDER in pieces:
        values[NONCE_PLACEHOLDER] = str(request.csp_nonce).encode()
    if BASKET_PLACEHOLDER in pieces:
        summary = render_to_string(BASKET_SUMMARY_TEMPLATE, {"request": request})
        values[BASKET_PLACEHOLDER] = summary.encode()
    response = HttpResponse(b"".join(values.get(piece, piece) for piece in pieces))
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCache:
    """Placed after Oscar's basket middleware, which finds the visitor's basket
    for its summary (and drops a stale basket cookie on the way out), and inside
    Django's CSRF middleware, which sets the visitor's CSRF cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.recent_pages: dict[str, tuple[float, dict]] = {}

    def __call__(self, request: HttpRequest):
        if not _may_serve(request):
            return self.get_response(request)
        cache = caches[content_version.CACHE_ALIAS]
        key = _key(request, content_version.current())
        stored = self._recalled(key) or cache.get(key)
        if stored is not None:
            self._remember(key, stored)
            return _personal(request, stored)
        response = self.get_response(request)
        if _may_store(request, response):
            stored = _impersonal(request, response)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            self._remember(key, stored)
            response["X-Page-Cache"] = "miss"
        return response

    def _recalled(self, key: str) -> dict | None:
        kept = self.recent_pages.get(key)
        if kept is None or kept[0] < time.monotonic():
            return None
        return kept[1]

    def _remember(self, key: str, stored: dict) -> None:
        if key in self.recent_pages:
            return
        if len(self.recent_pages) >= RECENT_PAGES_KEPT:
            self.recent_pages.clear()
        expires = time.monotonic() + settings.PAGE_CACHE_SECONDS
        self.recent_pages[key] = (expires, stored)


#: Models no public page shows, or written on every visit (sessions, baskets,
#: analytics, renditions, logs): a change to one of them keeps cached pages.
#: Every other model is content; tests/integration/test_page_cache.py keeps
#: each model on one side or the other, so a new model is never forgotten.
NOT_SHOWN_ON_PUBLIC_PAGES = frozenset(
    {
        "admin.LogEntry",
        "analytics.ProductRecord",
        "analytics.UserProductView",
        "analytics.UserRecord",
        "analytics.UserSearch",
        "auditlog.LogEntry",
        "auth.Group",
        "auth.Permission",
        "background.ScheduledRun",
        "background.WorkerHeartbeat",
        "basket.Basket",
        "basket.Line",
        "basket.LineAttribute",
        "communication.CommunicationEventType",
        "communication.Email",
        "communication.Notification",
        "contenttypes.ContentType",
        "django_rq.Dashboard",
        "django_tasks_database.DBTaskResult",
        "customer.ProductAlert",
        "address.UserAddress",
        "order.BillingAddress",
        "order.CommunicationEvent",
        "order.Line",
        "order.LineAttribute",
        "order.LinePrice",
        "order.Order",
        "order.OrderDiscount",
        "order.OrderLineDiscount",
        "order.OrderNote",
        "order.OrderStatusChange",
        "order.Parcel",
        "order.PaymentEvent",
        "order.PaymentEventQuantity",
        "order.PaymentEventType",
        "order.ShippingAddress",
        "order.ShippingEvent",
        "order.ShippingEventQuantity",
        "order.ShippingEventType",
        "order.Surcharge",
        "outbox.OutgoingMail",
        "partner.StockAlert",
        "payment.BankTransfer",
        "payment.Bankcard",
        "payment.PaymentAlert",
        "payment.Refund",
        "payment.Source",
        "payment.SourceType",
        "payment.StripeCheckoutSession",
        "payment.StripeWebhookEvent",
        "payment.Transaction",
        "sessions.Session",
        "thumbnail.KVStore",
        "users.LimitCounter",
        "users.User",
        "voucher.Voucher",
        "voucher.VoucherApplication",
        "voucher.VoucherSet",
        "wagtailadmin.Admin",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailcore.APIToken",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.GroupApprovalTask",
        "wagtailcore.GroupCollectionPermission",
        "wagtailcore.GroupPagePermission",
        "wagtailcore.GroupSitePermission",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.PageLogEntry",
        "wagtailcore.PageSubscription",
        "wagtailcore.ReferenceIndex",
        "wagtailcore.Revision",
        "wagtailcore.Task",
        "wagtailcore.TaskState",
        "wagtailcore.UploadedFile",
        "wagtailcore.Workflow",
        "wagtailcore.WorkflowContentType",
        "wagtailcore.WorkflowPage",
        "wagtailcore.WorkflowState",
        "wagtailcore.WorkflowTask",
        "wagtailforms.FormSubmission",
        "wagtailimages.Rendition",
        "wagtailsearch.IndexEntry",
        "wagtailsearch.SQLiteFTSIndexEntry",
        "wagtailusers.UserProfile",
        "wishlists.Line",
        "wishlists.WishList",
        "wishlists.WishListSharedEmail",
    }
)


def shown_on_public_pages(model) -> bool:
    return model._meta.label not in NOT_SHOWN_ON_PUBLIC_PAGES


def content_changed(sender, using="default", **kwargs) -> None:
    if shown_on_public_pages(sender):
        content_version.changed(using)


def relations_changed(sender, instance, action, using="default", **kwargs) -> None:
    if action.startswith("post_") and shown_on_public_pages(type(instance)):
        content_version.changed(using)


def watch_content() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(content_changed, dispatch_uid="craftsite.page_cache.save")
    post_delete.connect(content_changed, dispatch_uid="craftsite.page_cache.delete")
    m2m_changed.connect(relations_changed, dispatch_uid="craftsite.page_cache.m2m")
