"""Demo products of the Thiết Úng centre: plausible pieces, demo prices in đồng."""

from __future__ import annotations

from demo.catalogue_data import Item

WOOD = ("Gỗ tự nhiên", "Natural wood")

ITEMS: list[Item] = [
    Item(
        "Tranh gỗ phù điêu tứ quý",
        "Four-seasons carved relief",
        "Tranh phù điêu gỗ chạm bốn loài cây của bốn mùa.",
        "A carved wooden relief of four plants for the four seasons.",
        *WOOD,
        "80 × 40 cm",
        2600000,
        stock=3,
        ocop=("DEMO-OCOP-2024-002", 4, 2024),
    ),
    Item(
        "Bình gỗ tiện",
        "Turned wooden vase",
        "Bình trang trí tiện từ một khối gỗ, đánh bóng.",
        "A decorative vase turned from one block of wood and polished.",
        *WOOD,
        "Cao 30 cm",
        1200000,
        stock=5,
    ),
    Item(
        "Tượng ông đồ gỗ",
        "Carved wooden scholar figure",
        "Tượng ông đồ ngồi viết chữ, tạc gỗ.",
        "A carved wooden figure of a scholar writing calligraphy.",
        *WOOD,
        "Cao 22 cm",
        1500000,
        stock=4,
    ),
    Item(
        "Hộp gỗ chạm hoa văn",
        "Carved wooden box",
        "Hộp gỗ nắp chạm hoa văn dây lá.",
        "A wooden box with a carved scrolling-leaf lid.",
        *WOOD,
        "22 × 15 × 8 cm",
        380000,
        stock=12,
    ),
    Item(
        "Đôn gỗ chạm",
        "Carved wooden stool",
        "Đôn gỗ chạm thủng, dùng làm ghế hoặc kệ.",
        "A pierced-carved wooden stool, for sitting or display.",
        *WOOD,
        "Ø 35 × 45 cm",
        3200000,
        stock=1,
    ),
    Item(
        "Tượng con trâu gỗ",
        "Carved wooden buffalo",
        "Tượng trâu nhỏ tạc gỗ, để bàn.",
        "A small carved wooden buffalo for a desk or shelf.",
        *WOOD,
        "20 × 8 × 12 cm",
        450000,
        stock=9,
    ),
]
