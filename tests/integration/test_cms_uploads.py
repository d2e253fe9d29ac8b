"""Uploads in the CMS: images decoded whole, documents of known kinds, downloaded.

- An image cut off half-way, uploaded by an editor on Wagtail's "Add an image"
  page or its multiple upload, gets a message next to the file, never a server
  error, and no image is made.
- A document must have one of ``WAGTAILDOCS_EXTENSIONS``: an editor's
  ``evil.html`` is refused. Every document is served by Wagtail's view as a
  download (``Content-Disposition: attachment``) with ``nosniff``, a PDF too;
  the media URL of the documents' folder serves nothing.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import cms_member, speaks
from tests.integration.test_image_uploads import truncated_jpeg, truncated_png

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

DAMAGED = "This image file is damaged or incomplete"
DAMAGED_VI = "Tệp ảnh này bị hỏng hoặc không đầy đủ"
A_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def editor(client):
    """An editor, signed in to the CMS, which speaks English to them."""
    user = cms_member("Editors", cms_language="en")
    client.force_login(user)
    return user


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def add_image(client, upload):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bình gốm",
            "description": "Bình gốm men lam",
            "collection": root_collection(),
            "tags": "",
            "file": upload,
        },
    )


@pytest.mark.parametrize("upload", [truncated_jpeg, truncated_png])
def test_a_truncated_image_gets_a_message_on_the_add_page(client, editor, upload):
    response = add_image(client, upload())

    assert response.status_code == 200
    assert DAMAGED in response.content.decode()
    assert not Image.objects.exists()


def test_the_message_is_vietnamese_for_a_vietnamese_editor(client, editor):
    speaks(editor, "vi")

    response = add_image(client, truncated_jpeg())

    assert response.status_code == 200
    assert DAMAGED_VI in response.content.decode()


@pytest.mark.parametrize("upload", [truncated_jpeg, truncated_png])
def test_a_truncated_image_is_refused_by_the_multiple_upload(client, editor, upload):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"title": "Bình gốm", "collection": root_collection(), "files[]": upload()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert DAMAGED in answer["error_message"]
    assert not Image.objects.exists()


def test_a_whole_image_is_still_accepted(client, editor):
    from PIL import Image as Pillow

    buffer = io.BytesIO()
    Pillow.effect_noise((120, 90), 60).convert("RGB").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("binh.jpg", buffer.getvalue())

    response = add_image(client, upload)

    assert response.status_code == 302
    assert Image.objects.get().title == "Bình gốm"


def test_an_html_document_is_refused_by_its_extension(client, editor):
    evil = SimpleUploadedFile(
        "evil.html", b"<script>alert(document.cookie)</script>", "text/html"
    )

    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "evil", "collection": root_collection(), "tags": "", "file": evil},
    )

    assert response.status_code == 200
    assert "File extension “html” is not allowed" in response.content.decode()
    assert not Document.objects.exists()


def test_an_html_document_is_refused_by_the_multiple_upload(client, editor):
    evil = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", "text/html")

    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "evil", "collection": root_collection(), "files[]": evil},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.json()["success"] is False
    assert not Document.objects.exists()


@pytest.fixture
def brochure():
    document = Document(title="Giới thiệu làng gốm", collection_id=root_collection())
    document.file.save("gioi-thieu.pdf", ContentFile(A_PDF), save=False)
    document.save()
    return document


def test_a_pdf_is_served_as_a_download_with_nosniff(client, brochure):
    response = client.get(
        reverse("wagtaildocs_serve", args=[brochure.pk, brochure.filename])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == A_PDF


def test_documents_are_not_served_from_the_media_folder(client, brochure, settings):
    assert settings.SERVE_MEDIA
    response = client.get(f"{settings.MEDIA_URL}{brochure.file.name}")

    assert response.status_code == 404
