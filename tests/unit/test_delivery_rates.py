"""Rate tables: Oscar's weight-band rule, computed from prefetched bands."""

from decimal import Decimal

from shipping.parcels import RateTable, international_table

DOMESTIC = RateTable(
    "domestic",
    ((Decimal("1"), Decimal("30000")), (Decimal("5"), Decimal("55000"))),
    frozenset(),
)


def test_a_weight_takes_the_smallest_band_that_holds_it():
    assert DOMESTIC.charge_for(400) == Decimal("30000")
    assert DOMESTIC.charge_for(1000) == Decimal("30000")
    assert DOMESTIC.charge_for(1001) == Decimal("55000")


def test_heavier_than_the_top_band_is_several_top_bands_and_one_for_the_rest():
    assert DOMESTIC.charge_for(11_000) == 2 * Decimal("55000") + Decimal("30000")
    assert DOMESTIC.charge_for(10_000) == 2 * Decimal("55000")


def test_a_table_without_bands_prices_nothing():
    assert RateTable("empty", (), frozenset()).charge_for(500) is None


def test_a_country_in_no_zone_is_priced_by_the_worldwide_table():
    asia = RateTable("intl-asia-pacific", DOMESTIC.bands, frozenset({"JP"}))
    world = RateTable("intl-world", DOMESTIC.bands, frozenset())
    tables = {"intl-asia-pacific": asia, "intl-world": world, "domestic": DOMESTIC}
    assert international_table(tables, "JP") is asia
    assert international_table(tables, "BR") is world
