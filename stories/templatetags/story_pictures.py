"""``{% story_picture image "card" loading="lazy" %}``: a Wagtail image as a
``<picture>`` of AVIF, WebP and JPEG renditions with ``srcset`` and ``sizes``
(``stories.renditions.PICTURES``); the ``img`` has its rendition's width and
height. Other keyword arguments become attributes of the ``img``.
"""

from __future__ import annotations

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from stories.renditions import PICTURES

register = template.Library()


def _distinct_sizes(renditions: dict) -> dict:
    """Leave out a rendition the same size as one before it in its format (an
    image narrower than a ``width-`` step is not enlarged)."""
    seen: set[tuple[str, int, int]] = set()
    kept = {}
    for spec, rendition in renditions.items():
        key = (spec.rsplit("|format-", 1)[-1], rendition.width, rendition.height)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


@register.simple_tag
def story_picture(image, use: str, **attrs):
    if not image:
        return ""
    picture = PICTURES[use]
    renditions = _distinct_sizes(get_renditions_or_not_found(image, picture.filters))
    img_attrs = {
        "sizes": picture.sizes,
        "decoding": "async",
        **{name.replace("_", "-"): value for name, value in attrs.items()},
    }
    return Picture(renditions, img_attrs).__html__()
