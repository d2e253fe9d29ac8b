"""Wagtail's image and document forms: alt text, whole uploads, live files kept.

- Images must say what they show (the alt text, Wagtail's "description").
- An image upload is decoded whole before Wagtail looks at it: a file cut off
  half-way (or otherwise damaged) gets a message next to the field, where
  Wagtail's own checks would fail with a server error (``catalogue.uploads``).
  This holds for the single upload and the multiple upload, which both build
  their form from ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
- The file of an image or document that live content uses is replaced only by
  a moderator (``stories.live_media``).
"""

import warnings

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from catalogue.uploads import DAMAGED, decode_fully
from stories.live_media import (
    FILE_IN_USE,
    is_used_by_live_content,
    may_change_live_media,
)


class FullyDecodedImageField(WagtailImageField):
    """Wagtail's image field, which first refuses, with the field's own messages,
    an upload too large in bytes or pixels, then decodes every pixel of it.

    Files Pillow cannot identify are left to Wagtail's checks, which say what
    is wrong with them (an unsupported format, a wrong extension).
    """

    def to_python(self, data):
        if isinstance(data, UploadedFile) and data.size:
            self._check_decodes(data)
        return super().to_python(data)

    def _check_decodes(self, upload) -> None:
        if self.max_upload_size is not None and upload.size > self.max_upload_size:
            return  # Wagtail's size check says so, before reading anything.
        upload.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(upload) as image:
                    width, height = image.size
                    pixels = width * height * getattr(image, "n_frames", 1)
        except (UnidentifiedImageError, Image.DecompressionBombError):
            # A foreign file or a bomb: Wagtail's own checks say which it is.
            return
        except Exception as damaged:
            # A recognised header cut off before the size (OSError, SyntaxError…),
            # which Wagtail's checks would not survive.
            raise ValidationError(DAMAGED, code="damaged") from damaged
        finally:
            upload.seek(0)
        if self.max_image_pixels is not None and pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )
        decode_fully(upload)


class LiveFileMixin:
    """Refuses a new file for an image or document that live content uses,
    unless the person editing may change live media."""

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.instance.pk
            and "file" in self.changed_data
            and not (self.user is not None and may_change_live_media(self.user))
            and is_used_by_live_content(self.instance)
        ):
            self.add_error("file", FILE_IN_USE)
        return cleaned_data


class AltTextRequiredImageForm(LiveFileMixin, BaseImageForm):
    """Every image used in a story must say what it shows to those who cannot see it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            # Wagtail builds the field itself; the subclass only adds a check
            # before its to_python, so swapping the class keeps all its options.
            file_field.__class__ = FullyDecodedImageField
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("Alt text")
            field.help_text = _(
                "What the image shows, for people who cannot see it "
                "(read aloud by screen readers)."
            )


class LiveFileDocumentForm(LiveFileMixin, BaseDocumentForm):
    """Wagtail's document form; the extensions allowed: ``WAGTAILDOCS_EXTENSIONS``."""
