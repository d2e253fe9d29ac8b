"""Demo products of the Hạ Thái centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

LACQUER = ("Gỗ, sơn ta", "Wood, natural lacquer")

ITEMS: list[Item] = [
    Item(
        "Tranh sơn mài phong cảnh làng quê",
        "Lacquer painting: village landscape",
        "Tranh sơn mài phong cảnh làng quê, vẽ và mài qua nhiều lớp sơn.",
        "A village landscape in lacquer, painted and sanded through many coats.",
        *LACQUER,
        "40 × 60 cm",
        2400000,
        stock=3,
    ),
    Item(
        "Hộp sơn mài đựng trang sức",
        "Lacquered jewellery box",
        "Hộp gỗ phủ sơn mài đen, lòng hộp sơn đỏ.",
        "A wooden box in black lacquer with a red-lacquered inside.",
        *LACQUER,
        "18 × 12 × 8 cm",
        350000,
        stock=10,
    ),
    Item(
        "Bát sơn mài khảm vỏ trứng",
        "Lacquered bowl with eggshell inlay",
        "Bát trang trí sơn mài, mặt ngoài khảm vỏ trứng.",
        "A decorative lacquer bowl, its outside inlaid with eggshell.",
        *LACQUER,
        "Ø 20 cm",
        290000,
        stock=14,
    ),
    Item(
        "Bình sơn mài dáng cao",
        "Tall lacquered vase",
        "Bình trang trí dáng cao, sơn mài vẽ hoa văn vàng.",
        "A tall decorative vase in lacquer with gold patterns.",
        *LACQUER,
        "45 × 15 × 15 cm",
        650000,
        stock=6,
    ),
    Item(
        "Khay sơn mài chữ nhật",
        "Rectangular lacquer tray",
        "Khay sơn mài có quai, dùng bày trà hoặc bánh kẹo.",
        "A lacquer tray with handles, for tea or sweets.",
        *LACQUER,
        "40 × 28 cm",
        420000,
        stock=0,
    ),
    Item(
        "Bộ lót cốc sơn mài",
        "Lacquered coasters",
        "Sáu miếng lót cốc sơn mài kèm hộp.",
        "Six lacquered coasters in a box.",
        *LACQUER,
        "10 × 10 cm",
        180000,
        stock=22,
    ),
]
