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


OPTION_GROUPS: dict[str, tuple[str, ...]] = {
    "Cỡ áo dài": SIZES,
    "Loại vải lụa": FABRIC_KINDS,
}

PRODUCT_CLASSES: list[ProductClassData] = [
    ProductClassData("ceramics", "Gốm sứ", "Ceramics"),
    ProductClassData("lacquer", "Sơn mài", "Lacquerware"),
    ProductClassData("inlay", "Khảm trai", "Mother-of-pearl inlay"),
    ProductClassData("rattan-bamboo", "Mây tre đan", "Rattan and bamboo"),
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
    ),
    ProductClassData("statues", "Tượng", "Statues"),
    ProductClassData("wood", "Đồ gỗ mỹ nghệ", "Fine woodwork"),
    ProductClassData(
        "garments",
        "Áo dài",
        "Áo dài",
        (AttributeData("size", "Cỡ", "Size", "option", option_group="Cỡ áo dài"),),
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
