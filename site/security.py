"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The policy itself is ``CONTENT_SECURITY_POLICY`` in the settings (django-csp).
Scripts stay nonce-only everywhere. The staff areas — Oscar's dashboard, Wagtail's
``/cms/`` and Django admin — are third-party screens whose markup sets style
attributes (Wagtail's panels, Oscar's charts, TinyMCE's editor), so there, and only
there, styles may be inline; ``/cms/`` also frames its own page previews.
"""

from __future__ import annotations

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

STAFF_AREA = re.compile(r"^/(?:cms/|django-admin/|(?:vi|en)/shop/dashboard/)")
# The site's own page frames, for the editor's live preview in the CMS.
CMS_FRAME_SOURCES = ["'self'"]


def is_staff_area(path: str) -> bool:
    return bool(STAFF_AREA.match(path))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff areas' style and frame allowances.

    Every HTML page's script-src names a fresh nonce, also a page without an
    inline script (django-csp adds it only once a template has read it), so the
    policy has one shape on every page.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.get("Content-Type", "").startswith("text/html"):
            str(request.csp_nonce)
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        path = request.path_info
        if report_only or not is_staff_area(path):
            return parts
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        replace = dict(parts.replace or {})
        # A hash or nonce beside 'unsafe-inline' would switch it off again.
        replace["style-src"] = [
            *(
                source
                for source in directives["style-src"]
                if isinstance(source, str) and not source.startswith("'sha256-")
            ),
            "'unsafe-inline'",
        ]
        if path.startswith("/cms/"):
            replace["frame-src"] = [*directives["frame-src"], *CMS_FRAME_SOURCES]
            replace["frame-ancestors"] = CMS_FRAME_SOURCES
        parts.replace = replace
        return parts


class PermissionsPolicyMiddleware:
    """Sets ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY``
    (Django has no setting for it)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allowlist}"
            for feature, allowlist in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
