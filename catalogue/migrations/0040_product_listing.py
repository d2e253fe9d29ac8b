"""What the catalogue lists products by, stored (``catalogue.listing``): each
product's lowest price and its sellers, filled in for the products there are,
with the indexes that read them.

- One partial index per price sort over browsable products (as in 0039):
  ``lowest_price`` ascending (NULLs last, PostgreSQL's default) and descending
  with NULLs last; and one by craft, newest first, so a craft's products are
  counted and paged from it.
- Products by category, so a category's products are read from the index.

Written as SQL per database (``schema_editor.connection.vendor``): SQLite takes
no ``NULLS LAST`` in an index (its ``DESC`` puts NULLs last already).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

BROWSABLE = "WHERE parent_id IS NULL AND is_public"
INDEXES = {
    "catalogue_product_price_idx": {
        "postgresql": "catalogue_product (lowest_price, id) " + BROWSABLE,
        "sqlite": "catalogue_product (lowest_price, id) " + BROWSABLE,
    },
    "catalogue_product_price_desc_idx": {
        "postgresql": "catalogue_product (lowest_price DESC NULLS LAST, id) "
        + BROWSABLE,
        "sqlite": "catalogue_product (lowest_price DESC, id) " + BROWSABLE,
    },
    "catalogue_product_class_newest_idx": {
        vendor: "catalogue_product (product_class_id, date_created DESC, id) "
        + BROWSABLE
        for vendor in ("postgresql", "sqlite")
    },
    "catalogue_productcategory_category_product_idx": {
        vendor: "catalogue_productcategory (category_id, product_id)"
        for vendor in ("postgresql", "sqlite")
    },
}
BATCH = 5000


def fill_listing(apps, schema_editor):
    """What ``catalogue.listing.refresh_listing`` stores, with these models."""
    Product = apps.get_model("catalogue", "Product")
    ProductSeller = apps.get_model("catalogue", "ProductSeller")
    StockRecord = apps.get_model("partner", "StockRecord")
    priced = StockRecord.objects.filter(price__isnull=False).order_by("price")
    own = priced.filter(product=OuterRef("pk")).values("price")[:1]
    of_children = priced.filter(
        product__parent=OuterRef("pk"), product__is_public=True
    ).values("price")[:1]
    Product.objects.update(lowest_price=Coalesce(Subquery(own), Subquery(of_children)))

    sellers = set(StockRecord.objects.values_list("product_id", "partner_id"))
    sellers |= set(
        StockRecord.objects.filter(
            product__parent__isnull=False, product__is_public=True
        ).values_list("product__parent_id", "partner_id")
    )
    ProductSeller.objects.bulk_create(
        [ProductSeller(product_id=p, partner_id=partner) for p, partner in sellers],
        batch_size=BATCH,
    )


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, definitions in INDEXES.items():
        if vendor in definitions:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {definitions[vendor]}"
            )


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0039_browse_and_search_indexes"),
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="lowest_price",
            field=models.DecimalField(
                decimal_places=2,
                editable=False,
                help_text="The lowest price of its stock records, else of its "
                "public children's; stored for sorting and filtering "
                "(catalogue.listing).",
                max_digits=12,
                null=True,
            ),
        ),
        migrations.CreateModel(
            name="ProductSeller",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="partner.partner",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sellers",
                        to="catalogue.product",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("partner", "product"),
                        name="catalogue_productseller_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(fill_listing, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
