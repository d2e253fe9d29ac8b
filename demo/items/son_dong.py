"""Demo products of the Sơn Đồng centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

GILT = ("Gỗ, sơn son, vàng quỳ", "Wood, red lacquer, gold leaf")
WOOD = ("Gỗ tự nhiên", "Natural wood")

ITEMS: list[Item] = [
    Item(
        "Tượng Phật gỗ sơn son thếp vàng",
        "Gilded red-lacquer Buddha statue",
        "Tượng Phật ngồi tạc gỗ, sơn son và thếp vàng.",
        "A seated Buddha carved in wood, red-lacquered and gilded.",
        *GILT,
        "Cao 30 cm",
        3500000,
        stock=3,
    ),
    Item(
        "Tượng Di Lặc gỗ",
        "Wooden Maitreya statue",
        "Tượng Di Lặc tạc gỗ, để mộc đánh dầu.",
        "A Maitreya statue carved in wood, left unlacquered and oiled.",
        *WOOD,
        "Cao 25 cm",
        2200000,
        stock=4,
    ),
    Item(
        "Đôi hạc thờ",
        "Pair of altar cranes",
        "Đôi hạc đứng trên lưng rùa, sơn son thếp vàng.",
        "A pair of cranes standing on tortoises, lacquered and gilded.",
        *GILT,
        "Cao 60 cm",
        4800000,
        stock=2,
    ),
    Item(
        "Đài sen gỗ sơn son",
        "Red-lacquered lotus stand",
        "Đài sen gỗ để đặt tượng, sơn son.",
        "A wooden lotus stand for a statue, in red lacquer.",
        *GILT,
        "Ø 20 × 10 cm",
        650000,
        stock=8,
    ),
    Item(
        "Mâm bồng thờ",
        "Footed offering tray",
        "Mâm bồng gỗ có chân, sơn son viền vàng.",
        "A footed wooden offering tray, red lacquer with gilt edges.",
        *GILT,
        "Ø 30 × 20 cm",
        480000,
        stock=10,
    ),
    Item(
        "Đôi chân nến thờ gỗ",
        "Wooden altar candle stands",
        "Một đôi chân nến gỗ tiện, sơn son thếp vàng.",
        "A pair of turned wooden candle stands, lacquered and gilded.",
        *GILT,
        "Cao 35 cm",
        900000,
        stock=0,
    ),
]
