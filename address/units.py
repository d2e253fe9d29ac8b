"""Vietnam's provinces and wards since 1 July 2025: the official list, and typed names.

Since the reorganisation of 1 July 2025 (Resolution 202/2025/QH15 for the
provinces, the abolition of districts) an address has two levels of local
government: a province or centrally-run city (34), then a ward (phường),
commune (xã) or special zone (đặc khu) of it (3,321). The list comes from the
``vietnam-provinces`` package (data of the General Statistics Office).

Codes are the official ones, as zero-padded strings: ``"01"`` is Thành phố
Hà Nội, ``"00070"`` Phường Hoàn Kiếm. Names are the official Vietnamese ones
with their type ("Tỉnh Lào Cai", "Xã Bát Tràng"): what the address lines keep
and the courier reads.

Buyers type names as they come: "hoan kiem", "Hoàn Kiếm", "phuong hoan kiem"
and "Phường Hoàn Kiếm" all name the same ward. ``sitewide.text.fold`` drops accents
and case;
``ward_matches`` finds the wards of a province a typed name can mean.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import VietNamDivisionType
from vietnam_provinces import Ward as PackageWard

from sitewide.text import fold

HANOI_CODE = "01"

#: English names that are not the Vietnamese name without its accents.
_ENGLISH_CITY_NAMES = {"01": "Hanoi", "79": "Ho Chi Minh City"}
_PROVINCE_TYPES = ("thanh pho ", "tinh ")
_WARD_TYPES = ("phuong ", "xa ", "dac khu ")


def _exact(text: str) -> str:
    """``text`` as typed, only with case and spaces made even (accents kept)."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _without_type(folded: str, types: tuple[str, ...]) -> str:
    for prefix in types:
        if folded.startswith(prefix):
            return folded.removeprefix(prefix)
    return folded


def _unaccented(text: str) -> str:
    """``text`` without accents, case kept: "Đắk Lắk" -> "Dak Lak"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Province:
    code: str
    #: Official name with its type: "Thành phố Hà Nội", "Tỉnh Lào Cai".
    name: str
    #: "Hanoi", "Lao Cai province".
    english: str

    @property
    def sort_key(self) -> str:
        """Folded name without "Thành phố"/"Tỉnh": cities and provinces interleave."""
        return _without_type(fold(self.name), _PROVINCE_TYPES)

    def label(self, language: str | None) -> str:
        english = (language or "vi").lower().startswith("en")
        return self.english if english else self.name


@dataclass(frozen=True)
class Ward:
    code: str
    #: Official name with its type: "Phường Hoàn Kiếm", "Xã Bát Tràng".
    name: str
    province_code: str

    @property
    def province(self) -> Province:
        return province_by_code(self.province_code)


def _province_from_package(unit: PackageProvince) -> Province:
    code = f"{unit.code.value:02d}"
    if unit.division_type == VietNamDivisionType.TINH:
        name = f"Tỉnh {unit.name}"
        english = f"{_unaccented(unit.name)} province"
    else:
        name = unit.name
        english = _ENGLISH_CITY_NAMES.get(
            code, _unaccented(unit.name.removeprefix("Thành phố "))
        )
    return Province(code=code, name=name, english=english)


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 units: Hanoi first (the shop is in Hanoi), then by folded name."""
    units = [_province_from_package(unit) for unit in PackageProvince.iter_all()]
    hanoi = [unit for unit in units if unit.code == HANOI_CODE]
    others = sorted(
        (unit for unit in units if unit.code != HANOI_CODE),
        key=lambda unit: unit.sort_key,
    )
    return tuple(hanoi + others)


@cache
def _provinces_by_code() -> dict[str, Province]:
    return {unit.code: unit for unit in provinces()}


@cache
def _provinces_by_key() -> dict[str, Province]:
    """Every way of writing a province's name, folded, and without spaces too
    ("ha noi", "hanoi", "thanh pho ha noi", "lao cai province")."""
    keys: dict[str, Province] = {}
    for unit in provinces():
        for written in (unit.name, unit.english):
            folded = fold(written)
            for key in (folded, _without_type(folded, _PROVINCE_TYPES)):
                keys.setdefault(key, unit)
                keys.setdefault(key.replace(" ", ""), unit)
        keys.setdefault(fold(unit.english).removesuffix(" province"), unit)
    return keys


def province_by_code(code: str | None) -> Province | None:
    return _provinces_by_code().get((code or "").strip().zfill(2))


def province_named(text: str | None) -> Province | None:
    """The province ``text`` names: its code, or its name however it is written."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return province_by_code(text)
    folded = fold(text)
    keys = _provinces_by_key()
    return keys.get(folded) or keys.get(folded.replace(" ", ""))


@cache
def _wards_by_province() -> dict[str, tuple[Ward, ...]]:
    wards: dict[str, list[Ward]] = {}
    for unit in PackageWard.iter_all():
        ward = Ward(
            code=f"{unit.code.value:05d}",
            name=unit.name,
            province_code=f"{unit.province_code.value:02d}",
        )
        wards.setdefault(ward.province_code, []).append(ward)
    return {
        code: tuple(sorted(units, key=lambda w: (_ward_key(w.name), w.name)))
        for code, units in wards.items()
    }


def _ward_key(name: str) -> str:
    return _without_type(fold(name), _WARD_TYPES)


@cache
def _wards_by_code() -> dict[str, Ward]:
    return {w.code: w for units in _wards_by_province().values() for w in units}


@cache
def _wards_by_key() -> dict[str, tuple[Ward, ...]]:
    """Every ward of the country under its folded name, with and without its type."""
    keys: dict[str, list[Ward]] = {}
    for units in _wards_by_province().values():
        for ward in units:
            for key in {fold(ward.name), _ward_key(ward.name)}:
                keys.setdefault(key, []).append(ward)
    return {key: tuple(units) for key, units in keys.items()}


def wards_of(province_code: str | None) -> tuple[Ward, ...]:
    """The wards, communes and special zones of a province, by folded name."""
    province = province_by_code(province_code)
    return _wards_by_province().get(province.code, ()) if province else ()


def ward_by_code(code: str | None) -> Ward | None:
    return _wards_by_code().get((code or "").strip().zfill(5))


_ABBREVIATIONS = re.compile(r"^(p|x|dk)\.\s*")


def _typed_key(text: str) -> str:
    """A typed ward name as a lookup key: "P. Hoàn Kiếm" -> "phuong hoan kiem"."""
    folded = fold(text)
    abbreviation = _ABBREVIATIONS.match(folded)
    if abbreviation:
        full = {"p": "phuong ", "x": "xa ", "dk": "dac khu "}[abbreviation.group(1)]
        folded = full + folded[abbreviation.end() :]
    return folded


def ward_matches(province_code: str | None, text: str | None) -> tuple[Ward, ...]:
    """The wards of the province that ``text`` names.

    The official name, whatever its case, names one ward. Without accents a
    name can fit two ("xa van lang": Xã Vân Lãng and Xã Văn Lang in Thái
    Nguyên); then both are returned and the accents decide.
    """
    units = wards_of(province_code)
    exact = _exact(text or "")
    if not exact:
        return ()
    same_name = tuple(w for w in units if _exact(w.name) == exact)
    if same_name:
        return same_name
    key = _typed_key(text or "")
    return tuple(w for w in units if key in (fold(w.name), _ward_key(w.name)))


def wards_elsewhere(province_code: str | None, text: str | None) -> tuple[Ward, ...]:
    """Wards of other provinces that ``text`` names (for "that ward is in …")."""
    key = _typed_key(text or "")
    found = tuple(
        ward
        for ward in _wards_by_key().get(key, ())
        if ward.province_code != (province_code or "")
    )
    same_name = tuple(w for w in found if _exact(w.name) == _exact(text or ""))
    return same_name or found


def ward_suggestions(
    province_code: str | None, text: str | None, limit: int = 5
) -> tuple[Ward, ...]:
    """Wards of the province a mistyped name may mean.

    Those whose folded name holds every word typed ("hoan" finds Phường Hoàn
    Kiếm, Phường Hoàng Mai…); failing that, those sharing the most whole
    words with it, more than half of them ("Phường Hoàn Kiếm cũ" finds
    Phường Hoàn Kiếm).
    """
    words = _without_type(_typed_key(text or ""), _WARD_TYPES).split()
    if not words:
        return ()
    units = wards_of(province_code)
    holding = [w for w in units if all(word in fold(w.name) for word in words)]
    if holding:
        return tuple(holding[:limit])
    scored = [
        (len(set(words) & set(_ward_key(ward.name).split())), ward) for ward in units
    ]
    best = max((score for score, _ward in scored), default=0)
    if best * 2 <= len(set(words)):
        return ()
    return tuple(itertools.islice((w for s, w in scored if s == best), limit))
