"""Placeholder product photos drawn with Pillow: no downloads, no font files.

Each craft has its own background colour and a simple motif (a vase, woven
lines, a folded garment, …), marked "DEMO". No title is written on it: one
picture serves the Vietnamese and the English page, so words in it would be in
the wrong language on one of them (and Pillow's built-in font has no Vietnamese
glyphs); the alt text names the product in the page's language. The same
product always gives the same bytes, and one image takes a few milliseconds.
"""

from __future__ import annotations

import io
import unicodedata
import zlib
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 800, 600
MOTIF_BOX = (250, 70, 550, 390)

Colour = tuple[int, int, int]

BACKGROUNDS: dict[str, Colour] = {
    "ceramics": (46, 84, 122),
    "lacquer": (110, 24, 28),
    "inlay": (36, 42, 56),
    "rattan-bamboo": (150, 118, 62),
    "food": (52, 96, 50),
    "statues": (128, 40, 30),
    "wood": (96, 62, 38),
    "garments": (150, 40, 80),
    "silk": (70, 60, 120),
}
DEFAULT_BACKGROUND: Colour = (80, 80, 80)
GOLD: Colour = (214, 170, 74)
CREAM: Colour = (244, 234, 212)


def ascii_fold(text: str) -> str:
    """Strip diacritics (and map đ to d) so the built-in font can draw the text."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "ignore").decode("ascii")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _shade(colour: Colour, amount: int) -> Colour:
    r, g, b = (max(0, min(255, channel + amount)) for channel in colour)
    return (r, g, b)


def _vase(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    cx = (x0 + x1) // 2
    draw.ellipse((x0 + 20, y0 + 100, x1 - 20, y1), fill=accent)
    draw.rectangle((cx - 45, y0 + 10, cx + 45, y0 + 140), fill=accent)
    draw.ellipse((cx - 70, y0, cx + 70, y0 + 30), fill=_shade(accent, -30))
    for offset in (170, 210, 250):
        draw.arc(
            (x0 + 40, y0 + offset - 40, x1 - 40, y0 + offset + 40),
            20,
            160,
            fill=CREAM,
            width=3,
        )


def _panel(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    draw.rectangle(MOTIF_BOX, fill=(20, 16, 14))
    for inset in (12, 24):
        draw.rectangle(
            (x0 + inset, y0 + inset, x1 - inset, y1 - inset), outline=GOLD, width=3
        )
    draw.ellipse((x0 + 90, y0 + 90, x1 - 90, y1 - 90), fill=accent)


def _inlay(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    draw.rectangle(MOTIF_BOX, fill=(28, 20, 16))
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    for index in range(8):
        dx = (index % 4 - 1.5) * 60
        dy = (index // 4 - 0.5) * 110
        tint = _shade(CREAM, (index * 9) % 40 - 20)
        draw.ellipse(
            (cx + dx - 22, cy + dy - 40, cx + dx + 22, cy + dy + 40), fill=tint
        )
    draw.ellipse((cx - 18, cy - 18, cx + 18, cy + 18), fill=accent)


def _weave(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    for x in range(x0, x1, 24):
        draw.rectangle((x, y0, x + 12, y1), fill=_shade(accent, 30))
    for y in range(y0, y1, 24):
        for x in range(x0 + (y // 24 % 2) * 24, x1, 48):
            draw.rectangle((x, y, x + 24, y + 12), fill=_shade(accent, -40))


def _parcel(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    draw.rectangle((cx - 140, cy - 140, cx + 140, cy + 140), fill=(88, 150, 70))
    draw.rectangle((cx - 120, cy - 120, cx + 120, cy + 120), outline=accent, width=4)
    for shift in (-60, 60):
        draw.line((cx + shift, cy - 140, cx + shift, cy + 140), fill=CREAM, width=6)
        draw.line((cx - 140, cy + shift, cx + 140, cy + shift), fill=CREAM, width=6)


def _statue(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    cx = (x0 + x1) // 2
    draw.pieslice((x0 + 10, y1 - 120, x1 - 10, y1 + 40), 180, 360, fill=GOLD)
    draw.ellipse((cx - 90, y0 + 90, cx + 90, y1 - 60), fill=accent)
    draw.ellipse((cx - 45, y0 + 20, cx + 45, y0 + 110), fill=GOLD)


def _grain(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    wood = (176, 122, 72)
    draw.rectangle(MOTIF_BOX, fill=wood)
    for step in range(0, 90, 15):
        draw.ellipse(
            (
                x0 + 90 - step,
                y0 + 130 - step // 2,
                x0 + 150 + step,
                y0 + 190 + step // 2,
            ),
            outline=_shade(wood, -45),
            width=3,
        )
    for y in range(y0 + 20, y1, 34):
        draw.line((x0 + 240, y, x1 - 10, y + 6), fill=_shade(wood, -35), width=3)
    draw.rectangle(MOTIF_BOX, outline=accent, width=6)


def _garment(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    cx = (x0 + x1) // 2
    body = [
        (cx - 40, y0),
        (cx + 40, y0),
        (cx + 70, y0 + 60),
        (cx + 90, y1),
        (cx - 90, y1),
        (cx - 70, y0 + 60),
    ]
    draw.polygon(body, fill=accent)
    draw.polygon(
        [(cx - 70, y0 + 40), (x0, y0 + 200), (x0 + 30, y0 + 215), (cx - 60, y0 + 90)],
        fill=_shade(accent, -25),
    )
    draw.polygon(
        [(cx + 70, y0 + 40), (x1, y0 + 200), (x1 - 30, y0 + 215), (cx + 60, y0 + 90)],
        fill=_shade(accent, -25),
    )
    draw.rectangle((cx - 20, y0 - 15, cx + 20, y0 + 5), fill=GOLD)


def _waves(draw: ImageDraw.ImageDraw, accent: Colour) -> None:
    x0, y0, x1, y1 = MOTIF_BOX
    for index, y in enumerate(range(y0, y1, 40)):
        colour = accent if index % 2 else _shade(accent, 60)
        points = [
            (x, y + (12 if (x // 50) % 2 else -12)) for x in range(x0, x1 + 1, 50)
        ]
        draw.line(points, fill=colour, width=18, joint="curve")


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, Colour], None]] = {
    "ceramics": _vase,
    "lacquer": _panel,
    "inlay": _inlay,
    "rattan-bamboo": _weave,
    "food": _parcel,
    "statues": _statue,
    "wood": _grain,
    "garments": _garment,
    "silk": _waves,
}


def render_product_image(craft: str, seed: str) -> bytes:
    """A JPEG placeholder for a product of ``craft`` (a product class slug).

    ``seed`` (the product's UPC) varies the motif's colour, always the same way.
    """
    background = BACKGROUNDS.get(craft, DEFAULT_BACKGROUND)
    variation = zlib.crc32(seed.encode()) % 7
    accent = (
        _shade(CREAM, -20 * variation)
        if craft != "ceramics"
        else _shade((200, 220, 230), -15 * variation)
    )
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    MOTIFS.get(craft, _vase)(draw, accent)

    draw.rectangle((0, 440, WIDTH, HEIGHT), fill=_shade(background, -30))
    draw.text((20, 20), "DEMO", font=_font(24), fill=GOLD)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
