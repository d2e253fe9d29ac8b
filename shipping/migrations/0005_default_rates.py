"""Starting rate tables: delivery in Vietnam by weight, and three international zones.

Weight bands are in kilograms and charges in đồng, as Oscar's weight-based
shipping stores them; staff change them in the dashboard (Shipping). A country
in no zone's list is priced by "intl-world".
"""

from decimal import Decimal

from django.db import migrations

ASIA_PACIFIC = (
    "AU BN CN HK ID IN JP KH KR LA MM MO MY NZ PH SG TH TW"
).split()
EUROPE = (
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO "
    "PL PT RO SE SI SK"
).split()

RATE_TABLES = [
    (
        "domestic",
        "Giao hàng trong nước / Delivery in Vietnam",
        [],
        [("0.5", 25000), ("1", 30000), ("2", 38000), ("5", 55000), ("10", 85000), ("20", 140000), ("30", 190000)],
    ),
    (
        "intl-asia-pacific",
        "Quốc tế: châu Á – Thái Bình Dương / International: Asia and Pacific",
        ASIA_PACIFIC,
        [("0.5", 290000), ("1", 420000), ("2", 650000), ("5", 1250000), ("10", 2200000), ("20", 3900000)],
    ),
    (
        "intl-europe",
        "Quốc tế: châu Âu / International: Europe",
        EUROPE,
        [("0.5", 420000), ("1", 620000), ("2", 980000), ("5", 1900000), ("10", 3300000), ("20", 5900000)],
    ),
    (
        "intl-world",
        "Quốc tế: các nước khác / International: rest of the world",
        [],
        [("0.5", 480000), ("1", 720000), ("2", 1150000), ("5", 2300000), ("10", 3900000), ("20", 7000000)],
    ),
]


def create_rate_tables(apps, schema_editor):
    WeightBased = apps.get_model("shipping", "WeightBased")
    WeightBand = apps.get_model("shipping", "WeightBand")
    Country = apps.get_model("address", "Country")
    for code, name, countries, bands in RATE_TABLES:
        method, created = WeightBased.objects.get_or_create(
            code=code, defaults={"name": name, "default_weight": Decimal("1.000")}
        )
        if not created:
            continue
        for upper_limit, charge in bands:
            WeightBand.objects.create(
                method=method, upper_limit=Decimal(upper_limit), charge=Decimal(charge)
            )
        method.countries.set(Country.objects.filter(iso_3166_1_a2__in=countries))


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_shipping_countries")]

    operations = [
        migrations.RunPython(create_rate_tables, migrations.RunPython.noop),
    ]
