"""The demo catalogue's shape: product classes, their attributes, and the item record.

Product classes follow the crafts of the ten centres. Three carry attributes a
buyer needs: food its shelf life, áo dài its size (one child product per
size), silk its length per unit and its kind of fabric.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SIZES = ("S", "M", "L", "XL")
FABRIC_KINDS = ("gấm", "vóc", "the", "lĩnh", "sa", "đũi")


@dataclass(frozen=True)
class AttributeData:
    code: str
    name: str
    name_en: str
    type: str
    option_group: str = ""
    required: bool = False


@dataclass(frozen=True)
class ProductClassData:
    slug: str
    name: str
    name_en: str
    attributes: tuple[AttributeData, ...] = ()
    weight_grams: int = 1000
    hanoi_only: bool = False
    ships_abroad: bool = True
    made_to_measure: bool = False


OPTION_GROUPS: dict[str, tuple[str, ...]] = {
    "Cỡ áo dài": SIZES,
    "Loại vải lụa": FABRIC_KINDS,
}

PRODUCT_CLASSES: list[ProductClassData] = [
    ProductClassData("ceramics", "Gốm sứ", "Ceramics", weight_grams=1500),
    ProductClassData("lacquer", "Sơn mài", "Lacquerware", weight_grams=1200),
    ProductClassData("inlay", "Khảm trai", "Mother-of-pearl inlay", weight_grams=1500),
    ProductClassData(
        "rattan-bamboo", "Mây tre đan", "Rattan and bamboo", weight_grams=900
    ),
    ProductClassData(
        "food",
        "Thực phẩm",
        "Food",
        (
            AttributeData(
                "shelf_life_days",
                "Hạn dùng (ngày)",
                "Shelf life (days)",
                "integer",
                required=True,
            ),
        ),
        weight_grams=1200,
        hanoi_only=True,
        ships_abroad=False,
    ),
    ProductClassData("statues", "Tượng", "Statues", weight_grams=3000),
    ProductClassData("wood", "Đồ gỗ mỹ nghệ", "Fine woodwork", weight_grams=2500),
    ProductClassData(
        "garments",
        "Áo dài",
        "Áo dài",
        (AttributeData("size", "Cỡ", "Size", "option", option_group="Cỡ áo dài"),),
        weight_grams=600,
        made_to_measure=True,
    ),
    ProductClassData(
        "silk",
        "Lụa",
        "Silk",
        (
            AttributeData(
                "length_m",
                "Chiều dài mỗi đơn vị (m)",
                "Length per unit (m)",
                "float",
                required=True,
            ),
            AttributeData(
                "fabric_kind",
                "Loại vải",
                "Fabric",
                "option",
                option_group="Loại vải lụa",
            ),
        ),
    ),
]


@dataclass(frozen=True)
class Item:
    """One hand-written demo product (for áo dài: a parent with one child per size).

    ``stock`` is the number in stock; for áo dài, ``size_stock`` gives it per
    size instead. ``ocop`` is a demo rating: (certificate number, stars, year).
    """

    title: str
    title_en: str
    description: str
    description_en: str
    materials: str
    materials_en: str
    dimensions: str
    price: int
    stock: int = 0
    size_stock: tuple[int, ...] = ()
    attributes: dict[str, object] = field(default_factory=dict)
    ocop: tuple[str, int, int] | None = None
