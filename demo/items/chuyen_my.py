"""Demo products of the Chuyên Mỹ centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

INLAY = ("Gỗ, vỏ trai, vỏ ốc", "Wood, mother-of-pearl, shell")

ITEMS: list[Item] = [
    Item(
        "Hộp gỗ khảm trai hoa sen",
        "Mother-of-pearl lotus box",
        "Hộp gỗ nắp khảm trai họa tiết hoa sen.",
        "A wooden box with a mother-of-pearl lotus on its lid.",
        *INLAY,
        "20 × 14 × 7 cm",
        550000,
        stock=9,
    ),
    Item(
        "Tranh khảm trai chữ Phúc",
        "Inlaid panel: the character Phúc",
        "Tranh gỗ khảm trai chữ Phúc, treo tường.",
        "A wall panel inlaid with the character Phúc (happiness).",
        *INLAY,
        "60 × 40 cm",
        1800000,
        stock=4,
    ),
    Item(
        "Khay trà khảm trai",
        "Inlaid tea tray",
        "Khay trà gỗ, mặt khay khảm trai hoa lá.",
        "A wooden tea tray with an inlaid pattern of flowers and leaves.",
        *INLAY,
        "38 × 26 cm",
        680000,
        stock=7,
    ),
    Item(
        "Hộp danh thiếp khảm trai",
        "Inlaid business-card case",
        "Hộp nhỏ đựng danh thiếp, khảm trai hai mặt.",
        "A small business-card case inlaid on both sides.",
        *INLAY,
        "10 × 7 × 2 cm",
        220000,
        stock=18,
    ),
    Item(
        "Bình phong để bàn khảm trai",
        "Inlaid table screen",
        "Bình phong nhỏ để bàn, ba tấm gỗ khảm trai phong cảnh.",
        "A small three-panel table screen inlaid with a landscape.",
        *INLAY,
        "50 × 35 cm",
        2900000,
        stock=2,
    ),
    Item(
        "Đũa gỗ khảm trai",
        "Inlaid chopsticks",
        "Năm đôi đũa gỗ, đầu đũa khảm trai, đựng trong hộp.",
        "Five pairs of wooden chopsticks with inlaid tops, boxed.",
        *INLAY,
        "24 cm",
        260000,
        stock=20,
    ),
]
