"""Product photos: only real JPEG, PNG or WebP images of bounded size and pixels.

Every refusal is a message next to the photo, the rest of the form keeps what
was typed, nothing is saved, and nothing ends in a server error: not a text
file named ``.jpg``, not an image with too many pixels (a real one drawn by
Pillow, or a header claiming more than Pillow itself accepts), not a 20 MB file,
not a JPEG or PNG cut off half-way (every pixel is decoded before it is kept).
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image, ImageFile

from catalogue.uploads import validate_product_image
from tests.factories import DesignCentreFactory, ProductFactory
from tests.integration.test_centre_listings import (
    MODEL_BACKEND,
    errors_of,
    make_centre_staff,
    submit,
)
from tests.markup import html_of

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")

TWENTY_MB = 20 * 1024 * 1024


def image_file(name, size=(40, 30), mode="RGB", image_format="PNG", **options):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def png_header_only(width: int, height: int) -> SimpleUploadedFile:
    """A PNG whose header claims ``width`` × ``height`` pixels and holds none."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bom.png", data)


def cut_in_half(name: str, image_format: str) -> SimpleUploadedFile:
    """A noisy photo of ``image_format`` whose second half never arrived."""
    buffer = io.BytesIO()
    Image.effect_noise((120, 90), 60).convert("RGB").save(buffer, format=image_format)
    data = buffer.getvalue()
    return SimpleUploadedFile(name, data[: len(data) // 2])


def truncated_jpeg() -> SimpleUploadedFile:
    return cut_in_half("binh-dang-do.jpg", "JPEG")


def truncated_png() -> SimpleUploadedFile:
    return cut_in_half("binh-dang-do.png", "PNG")


def text_named_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.jpg", "Đây không phải là ảnh.".encode())


def twenty_megabytes() -> SimpleUploadedFile:
    """A JPEG start followed by 20 MB of nothing: judged by its size alone."""
    data = b"\xff\xd8\xff\xe0" + bytes(TWENTY_MB - 4)
    return SimpleUploadedFile("to-qua.jpg", data, content_type="image/jpeg")


def refusal(upload) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        validate_product_image(upload)
    return refused.value


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("name", "image_format", "mode"),
    [("a.jpg", "JPEG", "RGB"), ("a.png", "PNG", "P"), ("a.webp", "WEBP", "RGB")],
)
def test_jpeg_png_and_webp_photos_are_accepted(name, image_format, mode):
    upload = image_file(name, mode=mode, image_format=image_format)

    validate_product_image(upload)

    assert upload.tell() == 0


def test_a_text_file_named_jpg_is_not_a_photo():
    assert refusal(text_named_jpg()).code == "not_an_image"


@pytest.mark.parametrize("upload", [truncated_jpeg, truncated_png])
def test_a_photo_cut_off_half_way_is_refused_as_damaged(upload):
    error = refusal(upload())

    assert error.code == "damaged"
    assert "damaged or incomplete" in error.messages[0]


def test_pillow_never_fills_in_a_truncated_image():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_an_image_of_another_format_is_refused_by_name():
    error = refusal(image_file("anh.gif", image_format="GIF", mode="P"))

    assert error.code == "wrong_format"
    assert "GIF" in error.messages[0]


def test_the_pixel_limit_is_a_setting(settings):
    settings.PRODUCT_IMAGE_MAX_PIXELS = 100

    error = refusal(image_file("nho.png", size=(20, 20)))

    assert error.code == "too_many_pixels"
    assert "20 × 20 pixels" in error.messages[0]
    assert "0.0001 megapixels" in error.messages[0]


def test_a_real_48_megapixel_image_is_over_the_40_megapixel_default(settings):
    assert settings.PRODUCT_IMAGE_MAX_PIXELS == 40_000_000
    upload = image_file("rong.png", size=(8000, 6000), mode="1")
    assert upload.size < 100_000, "a 1-bit PNG of one colour stays small"

    error = refusal(upload)

    assert error.code == "too_many_pixels"
    assert "8000 × 6000 pixels" in error.messages[0]


def test_a_header_claiming_more_than_pillow_accepts_is_refused():
    error = refusal(png_header_only(20_000, 20_000))

    assert error.code == "too_many_pixels"
    assert "far more than 40 megapixels" in error.messages[0]


def test_the_size_is_checked_first_against_a_setting(settings):
    assert refusal(twenty_megabytes()).code == "too_large"

    settings.PRODUCT_IMAGE_MAX_BYTES = 25 * 1024 * 1024
    assert refusal(twenty_megabytes()).code == "not_an_image"


@pytest.fixture
def edit_page(client):
    """Bát Tràng's staff, signed in, on the edit page of one of their products."""
    centre = DesignCentreFactory(slug="bat-trang", village="Bát Tràng")
    product = ProductFactory(centre=centre, title="Bình cũ")
    category = Category.add_root(name="Gốm", slug="gom")
    ProductCategory.objects.create(product=product, category=category)
    client.force_login(make_centre_staff(centre), backend=MODEL_BACKEND)
    return (
        client,
        product,
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}),
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (text_named_jpg, "This file is not a photo we can read"),
        (lambda: image_file("rong.png", size=(8000, 6000), mode="1"), "8000 × 6000"),
        (lambda: png_header_only(20_000, 20_000), "far more than 40 megapixels"),
        (twenty_megabytes, "This file is 20.0 MB; a photo may be at most 10.0 MB"),
        (truncated_jpeg, "This image file is damaged or incomplete"),
        (truncated_png, "This image file is damaged or incomplete"),
    ],
    ids=[
        "text-named-jpg",
        "48-megapixels",
        "pillow-bomb",
        "20-mb",
        "truncated-jpeg",
        "truncated-png",
    ],
)
def test_the_dashboard_refuses_the_photo_keeps_the_form_and_saves_nothing(
    edit_page, upload, message
):
    client, product, url = edit_page

    response = submit(
        client,
        url,
        {
            "title": "Bình mới",
            "images-0-original": upload(),
            "images-0-alt_text": "Bình gốm",
            "images-0-alt_text_en": "A ceramic jar",
        },
    )

    assert response.status_code == 200
    assert message in errors_of(response)
    html = html_of(response)
    assert 'value="Bình mới"' in html
    assert 'value="A ceramic jar"' in html
    assert not ProductImage.objects.exists()
    product.refresh_from_db()
    assert product.title == "Bình cũ"


def test_the_dashboard_saves_a_real_photo(edit_page):
    client, product, url = edit_page

    response = submit(
        client,
        url,
        {
            "images-0-original": image_file("binh.webp", image_format="WEBP"),
            "images-0-alt_text": "Bình gốm",
            "images-0-alt_text_en": "A ceramic jar",
        },
    )

    assert response.status_code == 302, errors_of(response)
    assert product.images.get().alt_text_en == "A ceramic jar"
