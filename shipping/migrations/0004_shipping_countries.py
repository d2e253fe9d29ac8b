"""Every ISO 3166-1 country, as a shipping country, Vietnam listed first.

Oscar's ``address.Country`` table starts empty. The countries come from Babel's
English territory names (CLDR): two-letter codes only, without the codes that
are not ISO 3166-1 countries (EU, EZ, UN, user-assigned QO/XA/XB/XK/ZZ and
CLDR's exceptional reservations AC, CP, CQ, DG, EA, IC, TA), which leaves the
249 ISO 3166-1 entries. Rows that exist already are left alone.
"""

from django.db import migrations

NOT_ISO_3166_1 = {
    # Groupings and unions.
    "EU",
    "EZ",
    "UN",
    # User-assigned codes (ZZ: unknown region, QO: outlying Oceania,
    # XA/XB: pseudo-locales, XK: Kosovo, not in ISO 3166-1).
    "QO",
    "XA",
    "XB",
    "XK",
    "ZZ",
    # Exceptionally reserved, not assigned: Ascension, Clipperton, Sark,
    # Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha.
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "IC",
    "TA",
}
VIETNAM = "VN"
VIETNAM_DISPLAY_ORDER = 100


def iso_countries():
    from babel import Locale

    names = Locale.parse("en").territories
    for code in sorted(names):
        if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166_1:
            yield code, names[code]


def add_countries(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    for code, name in iso_countries():
        Country.objects.get_or_create(
            iso_3166_1_a2=code,
            defaults={
                "printable_name": name,
                "name": name,
                "is_shipping_country": True,
                "display_order": VIETNAM_DISPLAY_ORDER if code == VIETNAM else 0,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0003_auto_20181115_1953"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [
        migrations.RunPython(add_countries, migrations.RunPython.noop),
    ]
