"""Numbered copies of the demo products, bulk-inserted, to measure the site at scale.

Bench product *n* (UPC ``bench-000001`` …) is a copy of one of the demo products of
centre ``n mod 10``, so the ten centres share the catalogue evenly and every copy
has its template's product class, category, maker, materials, attributes, photo
(the same file) and, for an áo dài, its sizes as child products. Each copy gets
its own title, price and stock (some sold out) and, for some, a demo OCOP rating,
so the catalogue's filters, sorts and pages, the storefronts and search all have
work to do.

Rows go in with ``bulk_create``, one transaction per batch: a batch is loaded
whole or not at all, and a second run loads only the numbers still missing (so
10,000 can later grow to 100,000). Each row goes in complete, never updated
after: the search text is folded by the product's own ``build_search_text``
(told the centre of the template, whose partner the copy's stock records get),
and the lowest price is that of its stock record, or its cheapest size's
(``catalogue.listing``, whose ``refresh_sellers`` stores the sellers of a batch).
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Prefetch
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from catalogue.listing import refresh_sellers
from demo.products_loader import CURRENCY, OCOP_NOTE, OCOP_NOTE_EN, OCOP_VALID_YEARS

Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductSeller = get_model("catalogue", "ProductSeller")
StockRecord = get_model("partner", "StockRecord")
DesignCentre = get_model("centres", "DesignCentre")

BENCH_UPC_PREFIX = "bench-"
DEMO_UPC = re.compile(r"^[a-z-]+-\d{3}$")
OCOP_STARS_BY_REMAINDER = (None, None, 3, 4, 5, None, 3)
OCOP_YEAR = 2024


def bench_upc(number: int) -> str:
    return f"{BENCH_UPC_PREFIX}{number:06d}"


@dataclass
class Template:
    """A demo product to copy, with what a copy needs of it, loaded once."""

    product: Product
    partner_id: int
    centre: DesignCentre | None
    price: Decimal
    category_ids: list[int]
    images: list[ProductImage]
    attribute_values: list[ProductAttributeValue]
    #: For a parent: each child with its attribute values and its price.
    children: list[tuple[Product, list[ProductAttributeValue], Decimal]] = field(
        default_factory=list
    )


def load_templates() -> list[list[Template]]:
    """The demo products of each centre (none of the bench's), in centre order."""
    centres = list(DesignCentre.objects.order_by("sort_order", "pk"))
    demo_products = (
        Product.objects.filter(parent=None, upc__isnull=False)
        .exclude(upc__startswith=BENCH_UPC_PREFIX)
        .select_related("product_class", "maker")
        .prefetch_related(
            "images",
            "productcategory_set",
            "attribute_values",
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__centre"),
            ),
            "children__attribute_values",
            Prefetch(
                "children__stockrecords",
                queryset=StockRecord.objects.select_related("partner__centre"),
            ),
        )
        .order_by("upc")
    )
    by_partner: dict[int, list[Template]] = {c.partner_id: [] for c in centres}
    for product in demo_products:
        if not DEMO_UPC.match(product.upc):
            continue
        template = _template_of(product)
        if template is not None and template.partner_id in by_partner:
            by_partner[template.partner_id].append(template)
    return [by_partner[c.partner_id] for c in centres if by_partner[c.partner_id]]


def _template_of(product: Product) -> Template | None:
    children = [
        (child, list(child.attribute_values.all()), record)
        for child in product.children.all()
        for record in child.stockrecords.all()[:1]
    ]
    records = list(product.stockrecords.all()[:1]) or [c[2] for c in children[:1]]
    if not records:
        return None
    return Template(
        product=product,
        partner_id=records[0].partner_id,
        centre=getattr(records[0].partner, "centre", None),
        price=records[0].price,
        category_ids=[link.category_id for link in product.productcategory_set.all()],
        images=list(product.images.all()),
        attribute_values=list(product.attribute_values.all()),
        children=[(child, values, record.price) for child, values, record in children],
    )


def _suffix(parent: Product, child: Product, index: int) -> str:
    """A size's part of its UPC: ``-m`` of ``trach-xa-001-m``, else its number."""
    prefix = f"{parent.upc}-"
    if child.upc and child.upc.startswith(prefix):
        return child.upc[len(prefix) :]
    return str(index)


def ocop_rating(number: int) -> dict[str, object]:
    """A demo OCOP rating for some copies (about half), certificate ``DEMO-BENCH-…``."""
    stars = OCOP_STARS_BY_REMAINDER[number % len(OCOP_STARS_BY_REMAINDER)]
    if stars is None:
        return {}
    return {
        "ocop_stars": stars,
        "ocop_certificate_number": f"DEMO-BENCH-{number:06d}",
        "ocop_year": OCOP_YEAR,
        "ocop_expiry": datetime.date(OCOP_YEAR + OCOP_VALID_YEARS, 6, 30),
    }


def price_of(template_price: Decimal, number: int) -> Decimal:
    """The template's price moved by up to ±100,000 ₫ in steps of 1,000 ₫
    (never below 10,000 ₫)."""
    return max(Decimal(10000), template_price + 1000 * ((number * 37) % 201 - 100))


def stock_of(number: int) -> int:
    """1 to 30 in stock; every 13th copy sold out."""
    return 0 if number % 13 == 0 else (number * 7) % 30 + 1


def _copy_values(values, product: Product) -> list[ProductAttributeValue]:
    copies = []
    for value in values:
        fields = {
            f.attname: getattr(value, f.attname)
            for f in ProductAttributeValue._meta.concrete_fields
            if f.name not in ("id", "product")
        }
        copies.append(ProductAttributeValue(product=product, **fields))
    return copies


class BenchCatalogueLoader:
    """Loads bench products 1 … ``total`` that are missing, ``batch_size`` at a time.

    ``progress(done, todo, seconds)`` is called every ``progress_every`` products.
    """

    def __init__(
        self,
        total: int,
        batch_size: int = 1000,
        progress_every: int = 5000,
        progress: Callable[[int, int, float], None] | None = None,
    ) -> None:
        self.total = total
        self.batch_size = batch_size
        self.progress_every = progress_every
        self.progress = progress or (lambda done, todo, seconds: None)
        self.created_products = 0
        self.created_rows = 0

    def missing_numbers(self) -> list[int]:
        existing = set(
            Product.objects.filter(
                parent=None, upc__startswith=BENCH_UPC_PREFIX
            ).values_list("upc", flat=True)
        )
        return [n for n in range(1, self.total + 1) if bench_upc(n) not in existing]

    def load(self, templates: list[list[Template]]) -> None:
        numbers = self.missing_numbers()
        started = time.monotonic()
        reported = 0
        for start in range(0, len(numbers), self.batch_size):
            with transaction.atomic():
                self._load_batch(templates, numbers[start : start + self.batch_size])
            if self.created_products - reported >= self.progress_every or (
                self.created_products == len(numbers)
            ):
                reported = self.created_products
                self.progress(reported, len(numbers), time.monotonic() - started)
                analyze_tables()
        if numbers:
            analyze_tables(vacuum=True)

    def _load_batch(self, templates: list[list[Template]], numbers: list[int]) -> None:
        pairs = [(n, self._template_for(templates, n)) for n in numbers]
        products = Product.objects.bulk_create(
            [self._product(template, n) for n, template in pairs]
        )
        children, child_sources = [], []
        for product, (number, template) in zip(products, pairs, strict=True):
            for index, (child_template, values, price) in enumerate(
                template.children, start=1
            ):
                child = Product(
                    structure=Product.CHILD,
                    parent=product,
                    upc=product.upc
                    + "-"
                    + _suffix(template.product, child_template, index),
                    title="",
                    slug=product.slug,
                    lowest_price=price_of(price, number),
                )
                children.append(child)
                child_sources.append((number, template, values, price))
        children = Product.objects.bulk_create(children)
        values, records, links, images = [], [], [], []
        for product, (number, template) in zip(products, pairs, strict=True):
            values += _copy_values(template.attribute_values, product)
            links += [
                ProductCategory(product=product, category_id=category_id)
                for category_id in template.category_ids
            ]
            images += [
                ProductImage(
                    product=product,
                    original=image.original.name,
                    caption=product.title[:200],
                    alt_text=image.alt_text,
                    alt_text_en=image.alt_text_en,
                    display_order=image.display_order,
                )
                for image in template.images
            ]
            if not template.children:
                records.append(
                    self._record(
                        template, product, price_of(template.price, number), number
                    )
                )
        for child, (number, template, child_values, price) in zip(
            children, child_sources, strict=True
        ):
            values += _copy_values(child_values, child)
            records.append(
                self._record(template, child, price_of(price, number), number)
            )
        ProductAttributeValue.objects.bulk_create(values)
        StockRecord.objects.bulk_create(records)
        ProductCategory.objects.bulk_create(links)
        ProductImage.objects.bulk_create(images)
        refresh_sellers([p.pk for p in products] + [c.pk for c in children])
        self.created_products += len(products)
        self.created_rows += (
            len(products)
            + len(children)
            + len(values)
            + len(records)
            + len(links)
            + len(images)
        )

    @staticmethod
    def _template_for(templates: list[list[Template]], number: int) -> Template:
        of_centre = templates[(number - 1) % len(templates)]
        return of_centre[((number - 1) // len(templates)) % len(of_centre)]

    @staticmethod
    def _product(template: Template, number: int) -> Product:
        source = template.product
        rating = ocop_rating(number)
        title = f"{source.title} · mẫu {number}"
        product = Product(
            structure=source.structure,
            upc=bench_upc(number),
            title=title,
            title_en=f"{source.title_en} · model {number}",
            slug=slugify(title),
            description=source.description + (OCOP_NOTE if rating else ""),
            description_en=source.description_en + (OCOP_NOTE_EN if rating else ""),
            product_class=source.product_class,
            maker=source.maker,
            materials=source.materials,
            materials_en=source.materials_en,
            dimensions=source.dimensions,
            weight_grams=source.weight_grams,
            **rating,
        )
        product.search_text = product.build_search_text(centre=template.centre)
        product.lowest_price = min(
            [price_of(price, number) for _child, _values, price in template.children]
            or [price_of(template.price, number)]
        )
        return product

    @staticmethod
    def _record(
        template: Template, product: Product, price: Decimal, number: int
    ) -> StockRecord:
        return StockRecord(
            product=product,
            partner_id=template.partner_id,
            partner_sku=product.upc,
            price_currency=CURRENCY,
            price=price,
            num_in_stock=stock_of(number),
        )


def analyze_tables(vacuum: bool = False) -> None:
    """Fresh planner statistics on PostgreSQL (SQLite: nothing), at each progress
    line: planned on the statistics of the small demo tables, the batches' own
    lookups turn into scans of the whole growing table.

    ``vacuum`` (at the end, outside a transaction) also marks the new rows visible
    to index-only scans, which count the catalogue from its index.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        model._meta.db_table
        for model in (
            Product,
            ProductAttributeValue,
            ProductCategory,
            ProductImage,
            ProductSeller,
            StockRecord,
        )
    )
    command = (
        "VACUUM ANALYZE" if vacuum and not connection.in_atomic_block else "ANALYZE"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")
