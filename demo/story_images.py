"""Illustrations for the demo stories, drawn with Pillow from the product motifs.

Every picture is plainly an illustration: an abstract motif of the village's
craft (the same motifs as the product placeholders), marked "DEMO". Words of one
language are left out (one picture serves the Vietnamese and the English page);
the caption and alt text say, in the page's language, that it is an
illustration and not a photograph. Maker portraits are abstract patterns with
the maker's initials: no face, no likeness of anyone. A village's
name seeds the colours and the layout, so two villages of the same craft
(Bát Tràng and Kim Lan) still differ, and the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zlib

from PIL import Image, ImageDraw

from demo.images import (
    BACKGROUNDS,
    CREAM,
    DEFAULT_BACKGROUND,
    GOLD,
    HEIGHT,
    MOTIF_BOX,
    MOTIFS,
    WIDTH,
    _font,
    _shade,
    _vase,
    ascii_fold,
)

STORY_SIZE = (1200, 800)
PORTRAIT_SIZE = (800, 800)
LABEL = "DEMO"

# What each craft's motif shows, in Vietnamese, for the images' alt text.
MOTIF_ALT: dict[str, str] = {
    "ceramics": "hình bình gốm cách điệu",
    "lacquer": "tấm sơn mài cách điệu có viền vàng",
    "inlay": "các mảnh khảm trai cách điệu trên nền gỗ tối",
    "rattan-bamboo": "họa tiết nan đan cách điệu",
    "food": "hình gói bánh lá xanh cách điệu",
    "statues": "hình tượng cách điệu màu vàng",
    "wood": "họa tiết vân gỗ cách điệu",
    "garments": "hình tà áo dài cách điệu",
    "silk": "họa tiết sóng lụa cách điệu",
}


def _seed(text: str) -> int:
    return zlib.crc32(text.encode())


def _motif(craft: str, accent: tuple[int, int, int], scale: float) -> Image.Image:
    """The craft's motif, cut out of a product-sized canvas and scaled."""
    background = BACKGROUNDS.get(craft, DEFAULT_BACKGROUND)
    canvas = Image.new("RGB", (WIDTH, HEIGHT), background)
    MOTIFS.get(craft, _vase)(ImageDraw.Draw(canvas), accent)
    x0, y0, x1, y1 = MOTIF_BOX
    tile = canvas.crop((x0 - 20, y0 - 20, x1 + 20, y1 + 20))
    return tile.resize((int(tile.width * scale), int(tile.height * scale)))


def _accent(craft: str, seed: int) -> tuple[int, int, int]:
    if craft == "ceramics":
        return _shade((200, 220, 230), -12 * (seed % 6))
    return _shade(CREAM, -15 * (seed % 6))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _label(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    draw.rectangle((0, height - 56, width, height), fill=(20, 20, 20))
    draw.text((24, height - 42), LABEL, font=_font(26), fill=GOLD)


def _tint(colour: tuple[int, int, int], seed: int) -> tuple[int, int, int]:
    """Shift each channel its own way, so each village gets its own shade."""
    r, g, b = (
        max(0, min(255, channel + (seed >> shift) % 41 - 20))
        for channel, shift in zip(colour, (0, 6, 12), strict=True)
    )
    return (r, g, b)


def _pattern(draw: ImageDraw.ImageDraw, background, seed: int) -> None:
    """One of three background patterns: stripes, diagonals or dots."""
    width, height = STORY_SIZE
    light = _shade(background, 18)
    kind = seed % 3
    if kind == 0:
        for y in range(0, height, 40):
            if (y // 40 + seed) % 3 == 0:
                draw.rectangle((0, y, width, y + 14), fill=light)
    elif kind == 1:
        for x in range(-height, width, 70):
            draw.line((x, height, x + height, 0), fill=light, width=10)
    else:
        for y in range(30, height, 60):
            for x in range(30 + (y // 60 % 2) * 30, width, 60):
                draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=light)


def render_story_image(craft: str, village: str, variant: str) -> bytes:
    """A 1200×800 JPEG for a story: ``variant`` is "hero", "detail" or "process"."""
    seed = _seed(f"{village}:{variant}")
    background = _tint(BACKGROUNDS.get(craft, DEFAULT_BACKGROUND), _seed(village))
    width, height = STORY_SIZE
    image = Image.new("RGB", STORY_SIZE, background)
    draw = ImageDraw.Draw(image)
    accent = _accent(craft, seed)
    motif_on_left = _seed(village) % 2 == 0

    if variant == "detail":
        tile = _motif(craft, accent, 0.9)
        for row in range(2):
            for column in range(4):
                x = 20 + column * (tile.width + 10) - (row * 150)
                y = 20 + row * (tile.height + 20)
                image.paste(tile, (x, y))
    elif variant == "process":
        tile = _motif(craft, accent, 1.2)
        image.paste(tile, (width - tile.width - 60, 90))
        centres = [(140 + step * 190, 330) for step in range(3)]
        draw.line((*centres[0], *centres[-1]), fill=CREAM, width=6)
        for number, (cx, cy) in enumerate(centres, start=1):
            draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), fill=GOLD)
            draw.text(
                (cx, cy), str(number), font=_font(64), fill=background, anchor="mm"
            )
    else:
        _pattern(draw, background, seed)
        tile = _motif(craft, accent, 1.6)
        tile_x = 40 if motif_on_left else width - tile.width - 40
        image.paste(tile, (tile_x, 30))
        cx = width - 260 if motif_on_left else 260
        cy = 120 + seed % 140
        draw.ellipse((cx - 120, cy - 120, cx + 120, cy + 120), fill=_shade(GOLD, -20))

    draw.rectangle((0, height - 230, width, height), fill=_shade(background, -35))
    _label(draw, width, height)
    return _jpeg(image)


def render_portrait(craft: str, name: str) -> bytes:
    """An 800×800 abstract stand-in for a fictional maker's portrait: no face."""
    seed = _seed(name)
    background = _shade(BACKGROUNDS.get(craft, DEFAULT_BACKGROUND), -25)
    width, height = PORTRAIT_SIZE
    image = Image.new("RGB", PORTRAIT_SIZE, background)
    draw = ImageDraw.Draw(image)
    cx, cy = width // 2, height // 2 - 40
    for ray in range(4):
        angle = (seed // (ray + 1)) % 360
        draw.pieslice((20, 20, width - 20, height - 100), angle, angle + 25, fill=CREAM)
    for ring in range(5, 0, -1):
        radius = ring * 55
        colour = GOLD if ring % 2 else _shade(background, 40 + seed % 30)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colour)
    folded = ascii_fold(name.replace("(demo)", ""))
    initials = "".join(word[0] for word in folded.split() if word[:1].isalpha())
    draw.text((cx, cy), initials, font=_font(110), fill=background, anchor="mm")
    _label(draw, width, height)
    return _jpeg(image)
