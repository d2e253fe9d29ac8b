"""Wagtail images at the sizes story pages show them, made when the image is uploaded.

Each way a page shows an image (``PICTURES``) names its crop, its widths and its
``sizes``; every width is written as AVIF (where Pillow can) and WebP, and one
as JPEG for browsers that read neither (as ``catalogue.renditions`` does).
``make_renditions`` makes all of them for an uploaded image, because an image
may end up in any of these places; Wagtail keeps each in its rendition table and
the ``renditions`` cache, so a page finds them with one cache read per image.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import features

MODERN_FORMATS = tuple(
    spec
    for spec, available in (
        ("format-avif|avifquality-50", features.check("avif")),
        ("format-webp|webpquality-75", features.check("webp")),
    )
    if available
)
FALLBACK_FORMAT = "format-jpeg|jpegquality-80"


@dataclass(frozen=True)
class PictureSpec:
    """One way of showing an image: resize operations and how wide it is shown."""

    resizes: tuple[str, ...]
    sizes: str

    @property
    def filters(self) -> list[str]:
        """Every resize in each modern format, then the second one in JPEG (all
        of them in JPEG where Pillow writes no modern format)."""
        modern = [f"{r}|{fmt}" for fmt in MODERN_FORMATS for r in self.resizes]
        fallback = self.resizes[1:2] if MODERN_FORMATS else self.resizes
        return [*modern, *(f"{r}|{FALLBACK_FORMAT}" for r in fallback)]


# Widths from static/css/site.css (the wrap is at most 76rem, 1rem padding). The
# hero and a figure share their widths, so they share the files.
WIDE = ("width-480", "width-800", "width-1200", "width-1600")
PICTURES = {
    # .story-hero__image: the page's width (edge to edge on a phone).
    "hero": PictureSpec(
        WIDE, "(min-width: 76rem) 74rem, (min-width: 48em) calc(100vw - 2rem), 100vw"
    ),
    # .story-figure in the story's 44rem column.
    "figure": PictureSpec(WIDE, "(min-width: 46rem) 44rem, calc(100vw - 2rem)"),
    # .story-card__media, 16:10: one, two, then three columns.
    "card": PictureSpec(
        ("fill-320x200-c50", "fill-640x400-c50"),
        "(min-width: 76rem) 24rem, (min-width: 64em) calc(33vw - 1.5rem), "
        "(min-width: 40em) calc(50vw - 1.5rem), calc(100vw - 2rem)",
    ),
    # .maker-box__portrait: a 6rem circle.
    "portrait": PictureSpec(("fill-96x96-c50", "fill-192x192-c50"), "6rem"),
    # .story-figure--gallery and .process-step__image, 4:3.
    "photo": PictureSpec(
        ("fill-400x300-c50", "fill-800x600-c50"),
        "(min-width: 46rem) 22rem, calc(100vw - 2rem)",
    ),
}


# A story's link preview, as sitewide.templatetags.seo_tags renders it.
OPEN_GRAPH_FILTER = "fill-1200x630"


def all_filters() -> list[str]:
    """Every filter spec of ``PICTURES`` and the link preview's, each once."""
    shown = [spec for picture in PICTURES.values() for spec in picture.filters]
    return list(dict.fromkeys([*shown, OPEN_GRAPH_FILTER]))


def make_renditions(image) -> int:
    """Make (or find) every rendition pages may show of ``image`` (a Wagtail
    image); how many it has. Safe to call again, and what a task queue runs."""
    return len(image.get_renditions(*all_filters()))
