"""The security headers' settings agree with what the site really embeds and serves.

The 500 page's one <style> is allowed by its hash; the only frames allowed are the
players the story video block embeds; an absolute MEDIA_URL (object storage) is
an allowed image origin; only the staff areas may use inline styles and only
the CMS may frame itself.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from craftsite.security import (
    ContentSecurityPolicyMiddleware,
    PermissionsPolicyMiddleware,
    is_staff_area,
)
from stories.blocks import video_embed_url

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def policy_for(path: str) -> dict[str, list[str]]:
    request = RequestFactory().get(path)
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse())
    return {
        name: sources
        for name, *sources in (
            part.split() for part in response["Content-Security-Policy"].split(";")
        )
    }


def test_the_error_pages_style_is_allowed_by_its_hash():
    page = (TEMPLATES / "500.html").read_text()
    [style] = re.findall(r"<style>(.*?)</style>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()

    assert f"'sha256-{digest}'" in policy_for("/vi/")["style-src"]


def test_only_the_video_blocks_players_may_be_framed():
    players = {
        "{0.scheme}://{0.netloc}".format(urlsplit(video_embed_url(address)))
        for address in (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://vimeo.com/76979871",
        )
    }

    assert set(policy_for("/vi/cau-chuyen/")["frame-src"]) == players
    assert policy_for("/vi/")["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    ("path", "staff_area"),
    [
        ("/vi/", False),
        ("/vi/shop/checkout/preview/", False),
        ("/vi/shop/dashboard/", True),
        ("/en/shop/dashboard/orders/", True),
        ("/cms/pages/", True),
        ("/django-admin/", True),
    ],
)
def test_inline_styles_only_in_the_staff_areas_and_scripts_by_nonce_everywhere(
    path, staff_area
):
    policy = policy_for(path)

    assert is_staff_area(path) is staff_area
    assert ("'unsafe-inline'" in policy["style-src"]) is staff_area
    assert "'unsafe-inline'" not in policy["script-src"]
    assert [source for source in policy["script-src"] if "nonce-" in source]
    assert policy["form-action"][:2] == ["'self'", "https://checkout.stripe.com"]


def test_only_the_cms_frames_its_own_previews():
    assert "'self'" in policy_for("/cms/pages/3/edit/")["frame-src"]
    assert policy_for("/cms/pages/3/edit/")["frame-ancestors"] == ["'self'"]
    assert "'self'" not in policy_for("/vi/shop/dashboard/")["frame-src"]


def test_an_absolute_media_url_is_an_allowed_image_origin(monkeypatch):
    monkeypatch.setenv("MEDIA_URL", "https://media.langnghe.example/files/")
    base = importlib.import_module("craftsite.settings.base")
    try:
        importlib.reload(base)
        directives = base.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://media.langnghe.example" in directives["img-src"]
    finally:
        monkeypatch.delenv("MEDIA_URL")
        importlib.reload(base)


def test_every_response_says_which_browser_features_it_does_not_use():
    middleware = PermissionsPolicyMiddleware(lambda request: HttpResponse())
    header = middleware(RequestFactory().get("/vi/"))["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header
    assert settings.SECURE_REFERRER_POLICY == "strict-origin-when-cross-origin"
