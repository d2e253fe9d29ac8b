"""Load the catalogue's structure: product classes, their attributes, categories.

Each product class also gets a top-level category of the same slug: Oscar's
dashboard refuses to save a stand-alone or parent product without a category,
so demo products must have one for centre staff to edit them.
"""

from __future__ import annotations

from dataclasses import dataclass

from oscar.core.loading import get_model

from demo.catalogue_data import OPTION_GROUPS, PRODUCT_CLASSES
from demo.tally import Tally

AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Category = get_model("catalogue", "Category")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductClass = get_model("catalogue", "ProductClass")


@dataclass
class CatalogueStructure:
    """What the product loader needs: classes and categories by slug, options."""

    classes: dict[str, ProductClass]
    categories: dict[str, Category]
    #: (class slug, attribute code) → {option text: AttributeOption}
    options: dict[tuple[str, str], dict[str, AttributeOption]]


def _load_option_groups(tally: Tally) -> dict[str, dict[str, AttributeOption]]:
    groups: dict[str, dict[str, AttributeOption]] = {}
    for group_name, values in OPTION_GROUPS.items():
        group, created = AttributeOptionGroup.objects.get_or_create(name=group_name)
        tally.count(created)
        groups[group_name] = {}
        for value in values:
            option, created = AttributeOption.objects.get_or_create(
                group=group, option=value
            )
            groups[group_name][value] = option
    return groups


def _category(slug: str, name: str, tally: Tally) -> Category:
    category = Category.objects.filter(slug=slug, depth=1).first()
    if category is None:
        category = Category.add_root(name=name, slug=slug)
        tally.count(True)
    else:
        tally.count(False)
    return category


def load_catalogue_structure() -> tuple[CatalogueStructure, list[Tally]]:
    classes_tally = Tally("product classes")
    attributes_tally = Tally("product attributes")
    groups_tally = Tally("attribute option groups")
    categories_tally = Tally("categories")
    groups = _load_option_groups(groups_tally)
    structure = CatalogueStructure(classes={}, categories={}, options={})
    for data in PRODUCT_CLASSES:
        product_class, created = ProductClass.objects.get_or_create(
            slug=data.slug,
            defaults={
                "name": data.name,
                "name_en": data.name_en,
                "requires_shipping": True,
                "track_stock": True,
                "default_weight_grams": data.weight_grams,
                "delivery_area": (
                    ProductClass.DeliveryArea.HANOI
                    if data.hanoi_only
                    else ProductClass.DeliveryArea.ANYWHERE
                ),
                "ships_abroad": data.ships_abroad,
                "made_to_measure": data.made_to_measure,
            },
        )
        classes_tally.count(created)
        structure.classes[data.slug] = product_class
        for attribute in data.attributes:
            group = (
                AttributeOptionGroup.objects.get(name=attribute.option_group)
                if attribute.option_group
                else None
            )
            _, created = ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=attribute.code,
                defaults={
                    "name": attribute.name,
                    "name_en": attribute.name_en,
                    "type": attribute.type,
                    "option_group": group,
                    "required": attribute.required,
                },
            )
            attributes_tally.count(created)
            if attribute.option_group:
                structure.options[(data.slug, attribute.code)] = groups[
                    attribute.option_group
                ]
        structure.categories[data.slug] = _category(
            data.slug, data.name, categories_tally
        )
    return structure, [classes_tally, attributes_tally, groups_tally, categories_tally]
