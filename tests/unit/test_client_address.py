"""The client address every limit counts by: ``REMOTE_ADDR``, or behind our
proxies the entry their header's nearest trusted proxy wrote; never an entry
the client wrote itself."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from users.sign_in_limits import client_address


def address(forwarded=None, remote="10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_without_a_proxy_setting_the_header_is_ignored(settings):
    settings.CLIENT_IP_HEADER = ""

    assert address("203.0.113.9") == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (1, " 6.6.6.6 ,203.0.113.9 ", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, None, "10.0.0.2"),
        (0, "203.0.113.9", "10.0.0.2"),
    ],
)
def test_behind_proxies_the_entry_of_the_nearest_trusted_one(
    settings, proxies, forwarded, expected
):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = proxies

    assert address(forwarded) == expected


def test_no_request_has_no_address():
    assert client_address(None) == ""
