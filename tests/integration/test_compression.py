"""Pages go out compressed to a browser that asks; photos go out as they are."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

from catalogue.renditions import renditions_of
from tests.factories import ProductImageFactory, blue_glaze_vase

pytestmark = pytest.mark.django_db


def test_a_page_is_compressed_for_a_browser_that_asks(client, centres, page_tree):
    blue_glaze_vase(centres["four"])

    response = client.get(reverse("catalogue:index"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_ask(client, centres, page_tree):
    response = client.get(reverse("catalogue:index"))

    assert not response.has_header("Content-Encoding")


def test_a_photo_is_served_as_it_is(client, centres):
    photo = ProductImageFactory(product=blue_glaze_vase(centres["four"]))
    url = renditions_of(photo).default().url

    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
