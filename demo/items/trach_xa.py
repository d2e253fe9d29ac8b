"""Demo products of the Trạch Xá centre: ready-made áo dài, one child per size.

``size_stock`` gives the number in stock for sizes S, M, L and XL.
"""

from __future__ import annotations

from demo.catalogue_data import Item

READY_MADE = "May sẵn theo cỡ S đến XL."
READY_MADE_EN = "Ready-made in sizes S to XL."

ITEMS: list[Item] = [
    Item(
        "Áo dài lụa trơn màu đỏ",
        "Plain red silk áo dài",
        f"Áo dài nữ lụa trơn màu đỏ, cổ cao. {READY_MADE}",
        f"A women's áo dài in plain red silk with a high collar. {READY_MADE_EN}",
        "Lụa tơ tằm",
        "Silk",
        "S, M, L, XL",
        1200000,
        size_stock=(3, 5, 4, 0),
    ),
    Item(
        "Áo dài gấm hoa văn",
        "Patterned brocade áo dài",
        f"Áo dài nữ may từ gấm dệt hoa văn. {READY_MADE}",
        f"A women's áo dài cut from patterned silk brocade. {READY_MADE_EN}",
        "Gấm",
        "Silk brocade (gấm)",
        "S, M, L, XL",
        1800000,
        size_stock=(2, 3, 3, 1),
    ),
    Item(
        "Áo dài cách tân vải đũi",
        "Modern-cut áo dài in đũi",
        f"Áo dài kiểu cách tân, tà ngắn, vải đũi. {READY_MADE}",
        f"A modern-cut áo dài with short panels, in đũi silk. {READY_MADE_EN}",
        "Vải đũi",
        "Đũi silk",
        "S, M, L, XL",
        950000,
        size_stock=(6, 8, 5, 2),
    ),
    Item(
        "Áo dài nam vải the",
        "Men's áo dài in the silk",
        f"Áo dài nam may bằng vải the, màu xanh đậm. {READY_MADE}",
        f"A men's áo dài in dark blue 'the' silk. {READY_MADE_EN}",
        "Vải the",
        "The silk",
        "S, M, L, XL",
        1100000,
        size_stock=(1, 4, 4, 3),
    ),
    Item(
        "Áo dài cưới thêu hoa",
        "Embroidered wedding áo dài",
        f"Áo dài cưới lụa, thêu hoa ở thân và tay áo. {READY_MADE}",
        f"A silk wedding áo dài, embroidered on the body and sleeves. {READY_MADE_EN}",
        "Lụa, chỉ thêu",
        "Silk, embroidery thread",
        "S, M, L, XL",
        2500000,
        size_stock=(1, 2, 1, 0),
    ),
    Item(
        "Áo dài lụa in hoa sen",
        "Lotus-print silk áo dài",
        f"Áo dài nữ lụa in họa tiết hoa sen. {READY_MADE}",
        f"A women's áo dài in silk printed with lotus flowers. {READY_MADE_EN}",
        "Lụa in",
        "Printed silk",
        "S, M, L, XL",
        1300000,
        size_stock=(4, 6, 5, 2),
    ),
]
