"""Product photos at the sizes pages show them, made when the photo is uploaded.

Centre staff may upload photos of up to 10 MB and 40 megapixels; no page shows
one of those. Each photo gets renditions at ``WIDTHS`` (never wider than the
photo itself) in AVIF (where Pillow can write it) and WebP, and one JPEG for
browsers that read neither, through sorl-thumbnail, whose key-value store
records what exists. ``make_renditions``
makes them (once; a second call writes nothing) and remembers the photo's
``RenditionSet`` in the ``renditions`` cache under one key per file, so a page
of cards reads one cache entry per card and never opens a photo or writes a
file. ``renditions_of`` is what pages call: the remembered set, or, for a photo
uploaded before renditions existed, the set made there and then.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import caches
from PIL import Image, features
from sorl.thumbnail import default as sorl_default
from sorl.thumbnail import get_thumbnail
from sorl.thumbnail.images import ImageFile

logger = logging.getLogger(__name__)

WIDTHS = (240, 400, 640, 960, 1280)
# Browsers that read neither AVIF nor WebP (none released since 2020) get one
# JPEG this wide instead of a srcset: fewer files, and shorter pages.
FALLBACK_WIDTH = 640
CACHE_ALIAS = "renditions"
_ROTATED_ORIENTATIONS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class Encoding:
    """One file format renditions are written in, best first."""

    mime_type: str
    sorl_format: str
    quality: int


ENCODINGS = tuple(
    encoding
    for encoding, available in (
        (Encoding("image/avif", "AVIF", 50), features.check("avif")),
        (Encoding("image/webp", "WEBP", 75), features.check("webp")),
        (Encoding("image/jpeg", "JPEG", 80), True),
    )
    if available
)
FALLBACK = ENCODINGS[-1]


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int

    @property
    def url(self) -> str:
        return sorl_default.storage.url(self.name)


@dataclass(frozen=True)
class RenditionSet:
    """A photo's renditions by MIME type, narrowest first."""

    by_type: dict[str, tuple[Rendition, ...]]

    def __len__(self) -> int:
        return sum(len(renditions) for renditions in self.by_type.values())

    @property
    def fallback(self) -> tuple[Rendition, ...]:
        return self.by_type[FALLBACK.mime_type]

    def default(self) -> Rendition:
        """The rendition the ``img`` itself shows, where no source is read."""
        return self.fallback[-1]


def widths_for(source_width: int, encoding: Encoding) -> list[int]:
    """``WIDTHS`` narrower than the photo, then the photo's own width (capped);
    for the fallback beside a modern format, one width."""
    if encoding is FALLBACK and len(ENCODINGS) > 1:
        return [min(source_width, FALLBACK_WIDTH)]
    widest = min(source_width, WIDTHS[-1])
    return [*(width for width in WIDTHS if width < widest), widest]


def displayed_width(image_file) -> int:
    """The photo's width as shown, after its EXIF orientation (sorl applies it).

    sorl's store knows it once a rendition was made; only a new photo is opened
    (its header only)."""
    known = sorl_default.kvstore.get(ImageFile(image_file))
    if known is not None and known.size:
        return known.width
    with image_file.open("rb"), Image.open(image_file) as photo:
        orientation = photo.getexif().get(_EXIF_ORIENTATION)
        width, height = photo.size
    return height if orientation in _ROTATED_ORIENTATIONS else width


def _cache_key(image) -> str:
    """Keyed by the file, not the row: a replaced photo is a new file name, and
    copies of a product that share a file share its renditions."""
    digest = hashlib.md5(image.original.name.encode(), usedforsecurity=False)
    return f"product-photo-renditions:{digest.hexdigest()}"


def _intermediate(image, source_width: int):
    """What the renditions are made from: the upload, or for one more than twice
    as wide as the widest rendition, a copy at that width (JPEG, quality 95), so
    a 40-megapixel photo is decoded once rather than once per rendition."""
    if source_width <= 2 * WIDTHS[-1]:
        return image.original
    return get_thumbnail(
        image.original, str(WIDTHS[-1]), format="JPEG", quality=95, upscale=False
    )


def make_renditions(image) -> RenditionSet:
    """Make (or find) every rendition of ``image`` (a ``ProductImage``) and
    remember the set; safe to call again, and what a task queue runs."""
    by_type: dict[str, tuple[Rendition, ...]] = {}
    source_width = displayed_width(image.original)
    source = _intermediate(image, source_width)
    for encoding in ENCODINGS:
        made = []
        for width in widths_for(source_width, encoding):
            thumbnail = get_thumbnail(
                source,
                str(width),
                format=encoding.sorl_format,
                quality=encoding.quality,
                upscale=False,
                progressive=encoding.sorl_format == "JPEG",
            )
            if not thumbnail.size:
                raise OSError(f"cannot read {image.original.name}")
            made.append(Rendition(thumbnail.name, thumbnail.width, thumbnail.height))
        by_type[encoding.mime_type] = tuple(made)
    renditions = RenditionSet(by_type)
    caches[CACHE_ALIAS].set(_cache_key(image), renditions)
    return renditions


def renditions_of(image) -> RenditionSet | None:
    """The renditions of ``image`` a page shows: one cache read when they exist;
    None when its file cannot be read (lost from storage, damaged)."""
    remembered = caches[CACHE_ALIAS].get(_cache_key(image))
    if remembered is not None:
        return remembered
    try:
        return make_renditions(image)
    except OSError:
        logger.warning("no renditions of %s", image.original.name, exc_info=True)
        return None
