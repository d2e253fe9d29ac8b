"""Demo products of the Bát Tràng centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

CLAY = ("Đất sét, men gốm", "Clay, ceramic glaze")

ITEMS: list[Item] = [
    Item(
        "Bình gốm men rạn",
        "Crackle-glaze vase",
        "Bình cắm hoa dáng cao, men rạn màu ngà, tạo hình bằng tay.",
        "A tall flower vase in ivory crackle glaze, shaped by hand.",
        *CLAY,
        "32 × 18 × 18 cm",
        450000,
        stock=12,
    ),
    Item(
        "Bộ ấm chén men lam",
        "Blue-glaze tea set",
        "Một ấm và sáu chén, men lam vẽ tay họa tiết hoa sen.",
        "A teapot and six cups, hand-painted with lotus in blue glaze.",
        *CLAY,
        "Ấm 14 × 12 cm, chén Ø 6 cm",
        780000,
        stock=8,
        ocop=("DEMO-OCOP-2024-001", 4, 2024),
    ),
    Item(
        "Đĩa gốm vẽ hoa sen",
        "Lotus-painted plate",
        "Đĩa trang trí vẽ hoa sen, có móc treo tường.",
        "A decorative plate painted with lotus flowers, ready to hang.",
        *CLAY,
        "Ø 26 cm",
        280000,
        stock=20,
    ),
    Item(
        "Lọ hoa men xanh ngọc",
        "Celadon bud vase",
        "Lọ nhỏ men xanh ngọc, vừa một cành hoa.",
        "A small celadon vase for a single stem.",
        *CLAY,
        "15 × 8 × 8 cm",
        180000,
        stock=0,
    ),
    Item(
        "Bộ bát ăn cơm men nâu",
        "Brown-glaze rice bowls",
        "Bốn bát ăn cơm men nâu cho bữa cơm hằng ngày.",
        "Four brown-glaze rice bowls for everyday meals.",
        *CLAY,
        "Ø 11,5 cm",
        320000,
        stock=15,
    ),
    Item(
        "Chén trà men hỏa biến",
        "Flambé-glaze tea cup",
        "Chén uống trà men hỏa biến, mỗi chiếc một sắc màu riêng.",
        "A flambé-glaze tea cup; each one comes out of the kiln a little different.",
        *CLAY,
        "Ø 7 cm",
        120000,
        stock=25,
    ),
]
