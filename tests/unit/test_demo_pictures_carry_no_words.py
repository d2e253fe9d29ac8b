"""The demo's pictures carry no words of one language.

One picture serves the Vietnamese and the English page, so a title drawn on it
("CRACKLE-GLAZE VASE", "Bat Trang", "ILLUSTRATION") would be in the wrong
language, or without its diacritics, on one of them. The alt text and caption
say what it shows, in the page's language; the picture only says "DEMO".
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from demo.images import render_product_image
from demo.story_images import STORY_SIZE, render_story_image

FLAT = 8
"""Largest spread of a channel in a region with nothing drawn (JPEG noise)."""


def spread(picture: bytes, box: tuple[int, int, int, int]) -> int:
    region = Image.open(io.BytesIO(picture)).convert("RGB").crop(box)
    return max(high - low for low, high in region.getextrema())


@pytest.mark.parametrize("craft", ["ceramics", "garments", "silk"])
def test_a_product_picture_has_no_title_under_its_motif(craft):
    picture = render_product_image(craft, seed="8935000000017")

    assert spread(picture, (0, 448, 800, 600)) <= FLAT


@pytest.mark.parametrize("variant", ["hero", "detail", "process"])
def test_a_story_picture_has_no_village_name_in_its_band(variant):
    width, height = STORY_SIZE
    picture = render_story_image("ceramics", "Bát Tràng", variant)

    assert spread(picture, (0, height - 216, width, height - 64)) <= FLAT
