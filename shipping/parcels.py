"""One parcel per centre: which deliveries each centre's share of a basket allows.

A basket may hold products of several centres; each centre packs and sends its
own parcel, so delivery is chosen and charged per centre:

- delivery in Vietnam, priced by weight band;
- international delivery, priced by the zone of the destination country, when
  every product in the parcel may travel;
- pickup at the centre, free.

Perishable food (a product class whose delivery area is Hanoi) is delivered
only to Hanoi addresses, or collected. Rates are Oscar's weight-based shipping
methods, so staff edit bands and zones in Oscar's dashboard; the codes below
name the ones this module reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from address.places import VIETNAM, is_hanoi
from order.models import DeliveryKind
from order.partner_centre import PartnerCentreMixin

WeightBased = get_model("shipping", "WeightBased")

DOMESTIC_RATES = "domestic"
INTERNATIONAL_RATES_PREFIX = "intl-"
WORLDWIDE_RATES = "intl-world"

RATE_TABLE_NAMES = {
    DOMESTIC_RATES: _("Delivery in Vietnam"),
    "intl-asia-pacific": _("International: Asia and Pacific"),
    "intl-europe": _("International: Europe"),
    WORLDWIDE_RATES: _("International: rest of the world"),
}


@dataclass(frozen=True)
class RateTable:
    code: str
    bands: tuple[tuple[Decimal, Decimal], ...]
    countries: frozenset[str]

    def charge_for(self, weight_grams: int) -> Decimal | None:
        """Oscar's rule: the smallest band that holds the weight, or as many top bands
        as needed plus one band for the rest."""
        if not self.bands:
            return None
        weight = Decimal(weight_grams) / 1000
        top_limit, top_charge = self.bands[-1]
        if weight <= top_limit:
            return self._band_charge(weight)
        full_bands, rest = divmod(weight, top_limit)
        charge = full_bands * top_charge
        if rest:
            charge += self._band_charge(rest)
        return charge

    def _band_charge(self, weight: Decimal) -> Decimal:
        return next(charge for limit, charge in self.bands if limit >= weight)


def load_rate_tables() -> dict[str, RateTable]:
    """Every weight-based method with its bands and countries, in three queries."""
    tables = {}
    for method in WeightBased.objects.prefetch_related("bands", "countries"):
        bands = sorted((band.upper_limit, band.charge) for band in method.bands.all())
        countries = frozenset(c.iso_3166_1_a2 for c in method.countries.all())
        tables[method.code] = RateTable(method.code, tuple(bands), countries)
    return tables


def international_table(
    tables: dict[str, RateTable], country_code: str
) -> RateTable | None:
    international = [
        table
        for code, table in sorted(tables.items())
        if code.startswith(INTERNATIONAL_RATES_PREFIX)
    ]
    for table in international:
        if country_code in table.countries:
            return table
    return tables.get(WORLDWIDE_RATES)


@dataclass(frozen=True)
class DeliveryOption:
    kind: str
    charge: Decimal
    rate_code: str = ""

    @property
    def label(self) -> str:
        return str(DeliveryKind(self.kind).label)

    @property
    def is_pickup(self) -> bool:
        return self.kind == DeliveryKind.PICKUP


@dataclass
class BasketParcel(PartnerCentreMixin):
    """A centre's lines in a basket and the deliveries open to them (the parcel
    it will be; the order keeps it as ``order.models.Parcel``)."""

    partner: object
    lines: list = field(default_factory=list)
    options: list[DeliveryOption] = field(default_factory=list)
    chosen: DeliveryOption | None = None

    @property
    def weight_grams(self) -> int:
        return sum(
            line.product.shipping_weight_grams * line.quantity for line in self.lines
        )

    @property
    def subtotal(self) -> Decimal:
        return sum(
            (line.line_price_incl_tax_incl_discounts for line in self.lines),
            Decimal(0),
        )

    @property
    def hanoi_only(self) -> bool:
        return any(_product_class(line).hanoi_only for line in self.lines)

    @property
    def may_travel(self) -> bool:
        return all(_product_class(line).ships_abroad for line in self.lines)

    @property
    def made_to_measure_lines(self) -> list:
        return [line for line in self.lines if _product_class(line).made_to_measure]

    @property
    def charge(self) -> Decimal:
        return self.chosen.charge if self.chosen else Decimal(0)

    def option(self, kind: str) -> DeliveryOption | None:
        return next((option for option in self.options if option.kind == kind), None)

    @property
    def domestic_estimate(self) -> DeliveryOption | None:
        return self.option(DeliveryKind.DOMESTIC)


def _product_class(line):
    return line.product.shipping_class


def basket_parcels(
    basket,
    address=None,
    choices: dict[str, str] | None = None,
    tables: dict[str, RateTable] | None = None,
) -> list[BasketParcel]:
    """The basket's lines grouped by centre, with each centre's delivery options.

    Without an address (the basket page) the options are those for an address
    in Vietnam, as estimates. ``choices`` maps a partner id (as text) to the
    delivery kind the buyer chose; a choice no longer open is dropped.
    """
    lines = list(basket.all_lines())
    prefetch_related_objects(
        lines,
        "product__product_class",
        "product__parent__product_class",
        "stockrecord__partner__centre",
    )
    tables = load_rate_tables() if tables is None else tables
    parcels: dict[int, BasketParcel] = {}
    for line in lines:
        partner = line.stockrecord.partner
        parcels.setdefault(partner.pk, BasketParcel(partner=partner)).lines.append(line)
    choices = choices or {}
    for parcel in parcels.values():
        parcel.options = delivery_options(parcel, address, tables)
        chosen = choices.get(str(parcel.partner.pk))
        parcel.chosen = parcel.option(chosen) if chosen else None
    return list(parcels.values())


def parcels_for_request(
    request, basket, address=None, choices: dict[str, str] | None = None
) -> list[BasketParcel]:
    """``basket_parcels``, built once per request for the same basket and address.

    A checkout request asks for the parcels from its preconditions, Oscar's
    shipping repository (several times), the order total and the page; each
    asks with a fresh copy of the session's address. They are kept on the
    request with what they were built from (the basket's lines and quantities,
    the address's fields, the choices), and built again only if one of those
    changed during the request.
    """
    built_from = (
        basket.pk,
        [(line.pk, line.quantity, line.stockrecord_id) for line in basket.all_lines()],
        _address_fields(address),
        dict(choices or {}),
    )
    kept = getattr(request, "_basket_parcels", None)
    if kept is not None and kept[0] == built_from:
        return kept[1]
    parcels = basket_parcels(basket, address, choices)
    request._basket_parcels = (built_from, parcels)
    return parcels


def _address_fields(address) -> list | None:
    if address is None:
        return None
    return [getattr(address, f.attname) for f in address._meta.concrete_fields]


def delivery_options(
    parcel: BasketParcel, address, tables: dict[str, RateTable]
) -> list[DeliveryOption]:
    options = []
    country = _country_code(address)
    weight = parcel.weight_grams
    if country == VIETNAM:
        domestic = tables.get(DOMESTIC_RATES)
        reaches = address is None or not parcel.hanoi_only or is_hanoi(address)
        charge = domestic.charge_for(weight) if domestic else None
        if reaches and charge is not None:
            options.append(DeliveryOption(DeliveryKind.DOMESTIC, charge, domestic.code))
    elif parcel.may_travel and not parcel.hanoi_only:
        table = international_table(tables, country)
        charge = table.charge_for(weight) if table else None
        if charge is not None:
            options.append(
                DeliveryOption(DeliveryKind.INTERNATIONAL, charge, table.code)
            )
    options.append(DeliveryOption(DeliveryKind.PICKUP, Decimal(0)))
    return options


def _country_code(address) -> str:
    if address is None:
        return VIETNAM
    return getattr(address, "country_id", None) or VIETNAM


def total_charge(parcels: list[BasketParcel]) -> Decimal:
    return sum((parcel.charge for parcel in parcels), Decimal(0))
