"""Load each centre's demo products, their stock records and placeholder images.

Products are keyed by a stable UPC (``<centre slug>-<nnn>``, and
``<parent upc>-<size>`` for an áo dài's size variants); the stock record of
each is keyed by its partner and SKU (the UPC). A product, stock record or
image that already exists is left as it is, so prices and stock levels set by
a centre's staff survive a second run. When more products per centre are
asked for than were written by hand, numbered variants of the hand-written
ones fill the gap ("Bình gốm men rạn #7").
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from centres.models import DesignCentre, Maker
from demo.catalogue_data import SIZES, Item
from demo.catalogue_loader import CatalogueStructure
from demo.centres_data import CENTRES
from demo.images import render_product_image
from demo.items import ITEMS_BY_CENTRE
from demo.tally import Tally

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

CURRENCY = "VND"
OCOP_VALID_YEARS = 3
OCOP_NOTE = " Hạng OCOP ghi ở đây là dữ liệu demo, không phải giấy chứng nhận thật."
OCOP_NOTE_EN = " The OCOP rating shown here is demo data, not a real certificate."


def items_for(centre_slug: str, count: int) -> list[Item]:
    """The first ``count`` demo items of a centre, numbered variants after the last."""
    written = ITEMS_BY_CENTRE[centre_slug]
    items = list(written[:count])
    for number in range(len(written) + 1, count + 1):
        base = written[(number - 1) % len(written)]
        items.append(
            replace(
                base,
                title=f"{base.title} #{number}",
                title_en=f"{base.title_en} #{number}",
                price=base.price + 10000 * (number % 7),
                stock=(number * 7) % 31,
                size_stock=tuple((number + 5 * i) % 9 for i in range(len(SIZES)))
                if base.size_stock
                else (),
                ocop=None,
            )
        )
    return items


def ocop_fields(item: Item) -> dict[str, object]:
    """A demo OCOP rating: issued mid-year, valid for 36 months."""
    if item.ocop is None:
        return {}
    number, stars, year = item.ocop
    issued = datetime.date(year, 6, 30)
    return {
        "ocop_certificate_number": number,
        "ocop_stars": stars,
        "ocop_year": year,
        "ocop_expiry": issued.replace(year=year + OCOP_VALID_YEARS),
    }


class ProductLoader:
    """Creates what is missing of one run's products; counts what it finds."""

    def __init__(self, structure: CatalogueStructure) -> None:
        self.structure = structure
        self.products = Tally("products")
        self.variants = Tally("size variants (child products)")
        self.stock = Tally("stock records")
        self.images = Tally("product images")
        self.existing: dict[str, Product] = {}
        self.with_image: set[int] = set()

    @property
    def tallies(self) -> list[Tally]:
        return [self.products, self.variants, self.stock, self.images]

    def load(
        self, centres: list[DesignCentre], makers: dict[str, Maker], per_centre: int
    ) -> None:
        self.existing = {p.upc: p for p in Product.objects.filter(upc__isnull=False)}
        self.with_image = set(
            ProductImage.objects.values_list("product_id", flat=True).distinct()
        )
        class_of = {data.slug: data.product_class for data in CENTRES}
        for centre in centres:
            class_slug = class_of[centre.slug]
            for number, item in enumerate(items_for(centre.slug, per_centre), start=1):
                upc = f"{centre.slug}-{number:03d}"
                self._load_item(centre, makers[centre.slug], class_slug, upc, item)

    def _load_item(
        self, centre: DesignCentre, maker: Maker, class_slug: str, upc: str, item: Item
    ) -> None:
        is_parent = bool(item.size_stock)
        product = self.existing.get(upc)
        self.products.count(product is None)
        if product is None:
            product = self._create_product(maker, class_slug, upc, item, is_parent)
        has_image = product.pk in self.with_image
        if not has_image:
            self._create_image(product, class_slug, centre, item)
        self.images.count(not has_image)
        if not is_parent:
            self._ensure_stock(centre, product, upc, item.price, item.stock)
            return
        size_options = self.structure.options[(class_slug, "size")]
        for size, in_stock in zip(SIZES, item.size_stock, strict=True):
            child_upc = f"{upc}-{size.lower()}"
            child = self.existing.get(child_upc)
            self.variants.count(child is None)
            if child is None:
                child = Product(
                    structure=Product.CHILD, parent=product, upc=child_upc, title=""
                )
                child.attr.size = size_options[size]
                child.save()
            self._ensure_stock(centre, child, child_upc, item.price, in_stock)

    def _create_product(
        self, maker: Maker, class_slug: str, upc: str, item: Item, is_parent: bool
    ) -> Product:
        ocop_note, ocop_note_en = (OCOP_NOTE, OCOP_NOTE_EN) if item.ocop else ("", "")
        product = Product(
            structure=Product.PARENT if is_parent else Product.STANDALONE,
            upc=upc,
            title=item.title,
            title_en=item.title_en,
            description=item.description + ocop_note,
            description_en=item.description_en + ocop_note_en,
            product_class=self.structure.classes[class_slug],
            maker=maker,
            materials=item.materials,
            materials_en=item.materials_en,
            dimensions=item.dimensions,
            **ocop_fields(item),
        )
        for code, value in item.attributes.items():
            options = self.structure.options.get((class_slug, code))
            setattr(product.attr, code, options[value] if options else value)
        product.save()
        ProductCategory.objects.create(
            product=product, category=self.structure.categories[class_slug]
        )
        return product

    def _ensure_stock(
        self,
        centre: DesignCentre,
        product: Product,
        sku: str,
        price: int,
        in_stock: int,
    ) -> None:
        _, created = StockRecord.objects.get_or_create(
            partner_id=centre.partner_id,
            partner_sku=sku,
            defaults={
                "product": product,
                "price_currency": CURRENCY,
                "price": Decimal(price),
                "num_in_stock": in_stock,
            },
        )
        self.stock.count(created)

    def _create_image(
        self, product: Product, class_slug: str, centre: DesignCentre, item: Item
    ) -> None:
        data = render_product_image(class_slug, seed=product.upc)
        image = ProductImage(
            product=product,
            caption=product.title[:200],
            alt_text=f"Ảnh minh hoạ: {item.title}"[:250],
            alt_text_en=f"Placeholder picture: {item.title_en}"[:250],
            display_order=0,
        )
        image.original.save(f"{product.upc}.jpg", ContentFile(data), save=True)
        self.with_image.add(product.pk)
