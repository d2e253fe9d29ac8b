"""``{% product_picture image "card" alt=… %}``: a product photo as a ``<picture>``.

AVIF and WebP sources, each with a ``srcset`` of the photo's renditions
(``catalogue.renditions``) and ``sizes`` for where the layout shows it, and a
JPEG ``img`` for browsers that read neither; the ``img`` carries the width and
height of its rendition, so the page does not shift as photos arrive. Lazy
unless ``priority`` (the page's first, largest photo): then eager, with
``fetchpriority="high"``. A photo whose file cannot be read shows the "no photo
yet" drawing.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

from catalogue.renditions import FALLBACK, renditions_of

register = template.Library()

# How wide each layout shows a photo, from static/css/site.css: the wrap is at
# most 76rem with 1rem padding each side.
SIZES = {
    # .card-grid--products: 1, 2, 3 then 4 columns (3 beside the catalogue's filters).
    "card": (
        "(min-width: 76rem) 17.5rem, (min-width: 64em) calc(25vw - 1.5rem), "
        "(min-width: 48em) calc(33vw - 1.5rem), "
        "(min-width: 22.5em) calc(50vw - 1.4rem), calc(100vw - 2rem)"
    ),
    # .product-gallery's first photo: the page's width, half of it from 48em.
    "gallery": (
        "(min-width: 76rem) 36rem, (min-width: 48em) calc(50vw - 2rem), "
        "calc(100vw - 2rem)"
    ),
    # The gallery's other photos: four to a row under the first.
    "gallery_thumb": (
        "(min-width: 76rem) 8.7rem, (min-width: 48em) calc(12.5vw - 0.9rem), "
        "calc(25vw - 0.9rem)"
    ),
    # .basket-line__media: 5rem square.
    "line": "5rem",
}


def _srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def product_picture(image, layout: str, alt: str = "", priority: bool = False, **attrs):
    """``image`` is a ``ProductImage``; ``layout`` a key of ``SIZES``; other
    keyword arguments become attributes of the ``img`` (``class``, ``lang``)."""
    renditions = renditions_of(image)
    if renditions is None:
        return format_html(
            '<img src="{}" alt="{}" width="480" height="360">',
            static("img/no-photo.svg"),
            alt,
        )
    sizes = SIZES[layout]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (mime_type, _srcset(found), sizes)
            for mime_type, found in renditions.by_type.items()
            if mime_type != FALLBACK.mime_type
        ),
    )
    shown = renditions.default()
    fallback_srcset = (
        {"srcset": _srcset(renditions.fallback), "sizes": sizes}
        if len(renditions.fallback) > 1
        else {}
    )
    img_attrs = {
        "src": shown.url,
        **fallback_srcset,
        "alt": alt,
        "width": shown.width,
        "height": shown.height,
        "decoding": "async",
        **({"fetchpriority": "high"} if priority else {"loading": "lazy"}),
        **{name.replace("_", "-"): value for name, value in attrs.items()},
    }
    return format_html(
        "<picture>{}<img{}></picture>",
        sources,
        format_html_join("", ' {}="{}"', img_attrs.items()),
    )
