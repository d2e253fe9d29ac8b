"""Places as the shop names them: countries in the reader's language, Vietnam
and its 34 provinces and cities, and the Hanoi rule.

The units, their codes and names come from ``address.units`` (the official
list since 1 July 2025). Perishable food goes to Hanoi addresses only: an
address is in Hanoi by its province code, or, for an address saved before the
codes were kept, by the province's name in ``state``.
"""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError

from address.units import HANOI_CODE, province_by_code, province_named, provinces
from sitewide.language import current_language

#: Vietnam's ISO 3166-1 code, the primary key of its ``address.Country``.
VIETNAM = "VN"

HANOI = province_by_code(HANOI_CODE).name

#: ``(official Vietnamese name with its type, English label)`` of each unit.
PROVINCES: tuple[tuple[str, str], ...] = tuple(
    (unit.name, unit.english) for unit in provinces()
)


def province_choices() -> list[tuple[str, str]]:
    """``(official Vietnamese name, label in the active language)``, Hanoi first."""
    language = current_language()
    return [(unit.name, unit.label(language)) for unit in provinces()]


def is_hanoi(address: Any) -> bool:
    """True when ``address`` (an Oscar address) is in Vietnam, in Thành phố Hà Nội."""
    if address is None:
        return False
    country_code = getattr(address, "country_id", None)
    if country_code is None:
        country = getattr(address, "country", None)
        country_code = getattr(country, "iso_3166_1_a2", None)
    if country_code != VIETNAM:
        return False
    code = getattr(address, "province_code", "")
    if code:
        return code == HANOI_CODE
    province = province_named(address.state)
    return province is not None and province.code == HANOI_CODE


def territory_names(language: str | None = None) -> dict[str, str]:
    """Babel's country names in ``language`` (default: the active language)."""
    language = language or current_language()
    try:
        return Locale.parse(language.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en").territories


def country_label(country) -> str:
    """The name of an ``address.Country`` in the active language."""
    return territory_names().get(country.iso_3166_1_a2) or str(country)
