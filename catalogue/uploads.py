"""Checks for product photos uploaded by centre staff: real images of bounded size.

A photo must be a JPEG, PNG or WebP that Pillow can open and verify (a text
file named ``.jpg`` is not one), of at most ``PRODUCT_IMAGE_MAX_BYTES`` bytes
and ``PRODUCT_IMAGE_MAX_PIXELS`` pixels. The size is checked before the file is
opened, and the pixel count from the header before anything is decoded, so a
20 MB upload or a "decompression bomb" costs no memory and never ends in a 500:
each problem is a ``ValidationError`` with a message for the field.

Only then is every pixel decoded (``decode_fully``): ``verify()`` alone passes a
JPEG cut off half-way, which would then break on every page that shows it.
Pillow's ``ImageFile.LOAD_TRUNCATED_IMAGES`` stays False, so a missing part of
the file is an error, not grey pixels.

``ProductPhotoField`` runs the checks before Django's own image checks, whose
single "not an image" message would hide the reason.
"""

from __future__ import annotations

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ACCEPT = ",".join(ALLOWED_FORMATS.values())

NOT_AN_IMAGE = _(
    "This file is not a photo we can read. Upload a JPEG, PNG or WebP image."
)
WRONG_FORMAT = _(
    "Photos must be JPEG, PNG or WebP images; this file is a %(format)s image."
)
TOO_LARGE = _(
    "This file is %(size)s; a photo may be at most %(limit)s. "
    "Save it smaller (for example 2000 pixels wide) and upload it again."
)
TOO_MANY_PIXELS = _(
    "This photo is %(width)s × %(height)s pixels; a photo may have at most "
    "%(limit)s megapixels. Make it smaller and upload it again."
)
FAR_TOO_MANY_PIXELS = _(
    "This photo has far more than %(limit)s megapixels. "
    "Make it smaller and upload it again."
)
DAMAGED = _(
    "This image file is damaged or incomplete (perhaps it was cut off while "
    "being copied or uploaded). Save or export it again and upload it again."
)


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def decode_fully(upload) -> None:
    """Decode every frame of ``upload``; ``ValidationError`` "damaged" if any fails.

    Call it only once the pixel count is known to be within bounds.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                image.load()
    except Exception as damaged:
        # Truncation and corruption surface as OSError, SyntaxError, ValueError…
        raise ValidationError(DAMAGED, code="damaged") from damaged
    finally:
        upload.seek(0)


def validate_product_image(upload) -> None:
    """Raise ``ValidationError`` unless ``upload`` is an acceptable product photo.

    Leaves the file at its start, for whatever reads it next.
    """
    max_bytes = settings.PRODUCT_IMAGE_MAX_BYTES
    max_pixels = settings.PRODUCT_IMAGE_MAX_PIXELS
    if upload.size > max_bytes:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns about an image over its own limit while reading only
            # the header: the pixel count is checked here, against ours.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        TOO_MANY_PIXELS,
                        code="too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "limit": megapixels(max_pixels),
                        },
                    )
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        WRONG_FORMAT,
                        code="wrong_format",
                        params={"format": image.format or "?"},
                    )
    except ValidationError:
        raise
    except Image.DecompressionBombError as bomb:
        # Twice over Pillow's own limit: refused before the size is known.
        raise ValidationError(
            FAR_TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={"limit": megapixels(max_pixels)},
        ) from bomb
    except Exception as unreadable:
        # Pillow reports a damaged or foreign file with many exception types
        # (OSError, SyntaxError, struct.error, …): all mean "not a photo".
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from unreadable
    finally:
        upload.seek(0)
    decode_fully(upload)


class ProductPhotoField(forms.ImageField):
    """An image upload checked by ``validate_product_image`` first."""

    default_error_messages = {"invalid_image": NOT_AN_IMAGE}

    def to_python(self, data):
        if isinstance(data, UploadedFile) and data.size:
            validate_product_image(data)
        return super().to_python(data)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = ACCEPT
        return attrs
