"""Demo products of the Kim Lan centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

CLAY = ("Đất sét, men gốm", "Clay, ceramic glaze")

ITEMS: list[Item] = [
    Item(
        "Bình gốm men nâu dáng tỏi",
        "Garlic-neck vase, brown glaze",
        "Bình gốm cổ tỏi, men nâu.",
        "A garlic-neck vase in brown glaze.",
        *CLAY,
        "28 × 16 × 16 cm",
        420000,
        stock=7,
    ),
    Item(
        "Bát gốm men tro",
        "Ash-glaze bowl",
        "Bát gốm men tro, dùng ăn hoặc bày.",
        "An ash-glaze bowl for the table or for display.",
        *CLAY,
        "Ø 16 cm",
        150000,
        stock=20,
    ),
    Item(
        "Lọ gốm mộc",
        "Unglazed pottery vase",
        "Lọ gốm để mộc, không tráng men.",
        "A small pottery vase left unglazed.",
        "Đất sét",
        "Clay",
        "18 × 10 × 10 cm",
        160000,
        stock=0,
    ),
    Item(
        "Bộ ấm trà men xám",
        "Grey-glaze tea set",
        "Một ấm và bốn chén, men xám.",
        "A teapot and four cups in grey glaze.",
        *CLAY,
        "Ấm 13 × 11 cm",
        650000,
        stock=6,
    ),
    Item(
        "Đĩa gốm vẽ cá",
        "Fish-painted plate",
        "Đĩa gốm vẽ đôi cá bơi.",
        "A plate painted with two swimming fish.",
        *CLAY,
        "Ø 24 cm",
        260000,
        stock=11,
    ),
    Item(
        "Chum gốm nhỏ",
        "Small pottery jar",
        "Chum gốm nhỏ có nắp, để bày hoặc đựng.",
        "A small lidded pottery jar, for display or storage.",
        *CLAY,
        "20 × 18 × 18 cm",
        300000,
        stock=9,
    ),
]
