"""Indexes for browsing and searching a catalogue of 100,000 products.

- One partial index per sort of the catalogue (newest, name, OCOP rating) over
  browsable products only, so a page of them is read in order and the list is
  counted from the index.
- Stock records by (product, price), for each card's lowest price.
- On PostgreSQL, a trigram (``pg_trgm``) GIN index on the folded search text, so
  ``search_text LIKE '%term%'`` (``catalogue.search.matches_all_terms``) is an
  index scan. SQLite has no such index; its search scans the folded text.

Written as SQL per database (``schema_editor.connection.vendor``): SQLite takes
no ``NULLS LAST`` in an index (its ``DESC`` puts NULLs last already) and knows
no GIN. The model state does not change.
"""

from django.db import migrations

BROWSABLE = "WHERE parent_id IS NULL AND is_public"

INDEXES = {
    "catalogue_product_newest_idx": (
        "catalogue_product (date_created DESC, id) " + BROWSABLE
    ),
    "catalogue_product_title_idx": "catalogue_product (title, id) " + BROWSABLE,
    "partner_stockrecord_product_price_idx": (
        "partner_stockrecord (product_id, price) WHERE price IS NOT NULL"
    ),
}
OCOP_INDEX = {
    "postgresql": "catalogue_product (ocop_stars DESC NULLS LAST, id) " + BROWSABLE,
    "sqlite": "catalogue_product (ocop_stars DESC, id) " + BROWSABLE,
}
TRIGRAM_INDEX = "catalogue_product_search_text_trgm_idx"


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [
        f"CREATE INDEX IF NOT EXISTS {name} ON {definition}"
        for name, definition in INDEXES.items()
    ]
    if vendor in OCOP_INDEX:
        statements.append(
            "CREATE INDEX IF NOT EXISTS catalogue_product_ocop_idx ON "
            + OCOP_INDEX[vendor]
        )
    if vendor == "postgresql":
        statements += [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON catalogue_product "
            "USING gin (search_text gin_trgm_ops)",
        ]
    for statement in statements:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    names = [*INDEXES, "catalogue_product_ocop_idx"]
    if schema_editor.connection.vendor == "postgresql":
        names.append(TRIGRAM_INDEX)
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0038_product_image_alt_text"),
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
