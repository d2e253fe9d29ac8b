"""Demo products of the Phú Vinh centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

RATTAN = ("Mây, tre", "Rattan, bamboo")

ITEMS: list[Item] = [
    Item(
        "Giỏ mây có nắp",
        "Lidded rattan basket",
        "Giỏ mây đan tay có nắp đậy, dùng đựng đồ.",
        "A hand-woven rattan basket with a lid, for storage.",
        *RATTAN,
        "30 × 30 × 25 cm",
        240000,
        stock=16,
    ),
    Item(
        "Khay tre đan tròn",
        "Round woven bamboo tray",
        "Khay tre đan hình tròn, nhẹ và bền.",
        "A round tray of woven bamboo, light and sturdy.",
        *RATTAN,
        "Ø 35 cm",
        150000,
        stock=25,
    ),
    Item(
        "Chao đèn mây đan",
        "Woven rattan lampshade",
        "Chao đèn treo đan bằng mây, ánh sáng lọt qua mắt đan.",
        "A hanging lampshade of woven rattan; light falls through the weave.",
        *RATTAN,
        "Ø 40 × 30 cm",
        380000,
        stock=8,
    ),
    Item(
        "Túi xách mây",
        "Rattan handbag",
        "Túi xách đan mây, quai da, lót vải.",
        "A woven rattan handbag with leather handles and a fabric lining.",
        *RATTAN,
        "28 × 20 × 10 cm",
        450000,
        stock=0,
    ),
    Item(
        "Bộ lót ly mây",
        "Rattan coasters",
        "Sáu miếng lót ly đan mây.",
        "Six woven rattan coasters.",
        *RATTAN,
        "Ø 10 cm",
        90000,
        stock=30,
    ),
    Item(
        "Hộp tre đựng trà",
        "Bamboo tea caddy",
        "Hộp tre đựng trà, nắp khít.",
        "A bamboo tea caddy with a close-fitting lid.",
        *RATTAN,
        "Ø 8 × 12 cm",
        130000,
        stock=12,
    ),
]
