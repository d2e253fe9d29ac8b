"""Vietnam's 34 provinces and centrally-run cities, as they stand since 1 July 2025.

Source: Resolution 202/2025/QH15 of the National Assembly, 12 June 2025, on the
rearrangement of provincial-level administrative units (in force 1 July 2025):
6 centrally-run cities (thành phố trực thuộc trung ương) and 28 provinces (tỉnh).
Together with the abolition of districts, a current Vietnamese address has two
levels of local government: "house/street or hamlet, ward (phường) or commune
(xã), province/city".

``PROVINCES`` holds ``(official Vietnamese name with its type, English label)``.
The Vietnamese name is what the checkout stores in an address's ``state``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.utils.translation import get_language

HANOI = "Thành phố Hà Nội"

PROVINCES: tuple[tuple[str, str], ...] = (
    # The six centrally-run cities.
    (HANOI, "Hanoi"),
    ("Thành phố Huế", "Hue"),
    ("Thành phố Hải Phòng", "Hai Phong"),
    ("Thành phố Đà Nẵng", "Da Nang"),
    ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
    ("Thành phố Cần Thơ", "Can Tho"),
    # The 28 provinces.
    ("Tỉnh Lai Châu", "Lai Chau province"),
    ("Tỉnh Điện Biên", "Dien Bien province"),
    ("Tỉnh Sơn La", "Son La province"),
    ("Tỉnh Lạng Sơn", "Lang Son province"),
    ("Tỉnh Quảng Ninh", "Quang Ninh province"),
    ("Tỉnh Thanh Hóa", "Thanh Hoa province"),
    ("Tỉnh Nghệ An", "Nghe An province"),
    ("Tỉnh Hà Tĩnh", "Ha Tinh province"),
    ("Tỉnh Cao Bằng", "Cao Bang province"),
    ("Tỉnh Tuyên Quang", "Tuyen Quang province"),
    ("Tỉnh Lào Cai", "Lao Cai province"),
    ("Tỉnh Thái Nguyên", "Thai Nguyen province"),
    ("Tỉnh Phú Thọ", "Phu Tho province"),
    ("Tỉnh Bắc Ninh", "Bac Ninh province"),
    ("Tỉnh Hưng Yên", "Hung Yen province"),
    ("Tỉnh Ninh Bình", "Ninh Binh province"),
    ("Tỉnh Quảng Trị", "Quang Tri province"),
    ("Tỉnh Quảng Ngãi", "Quang Ngai province"),
    ("Tỉnh Gia Lai", "Gia Lai province"),
    ("Tỉnh Khánh Hòa", "Khanh Hoa province"),
    ("Tỉnh Lâm Đồng", "Lam Dong province"),
    ("Tỉnh Đắk Lắk", "Dak Lak province"),
    ("Tỉnh Đồng Nai", "Dong Nai province"),
    ("Tỉnh Tây Ninh", "Tay Ninh province"),
    ("Tỉnh Vĩnh Long", "Vinh Long province"),
    ("Tỉnh Đồng Tháp", "Dong Thap province"),
    ("Tỉnh Cà Mau", "Ca Mau province"),
    ("Tỉnh An Giang", "An Giang province"),
)

VIETNAM = "VN"

_TYPE_PREFIXES = ("thanh pho ", "tinh ")


def fold(text: str) -> str:
    """``text`` without accents and case, for sorting: "Đắk Lắk" -> "dak lak"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _sort_key(label: str) -> str:
    """Folded label without "Thành phố"/"Tỉnh", so cities and provinces interleave."""
    folded = fold(label)
    for prefix in _TYPE_PREFIXES:
        if folded.startswith(prefix):
            return folded.removeprefix(prefix)
    return folded


def province_choices() -> list[tuple[str, str]]:
    """``(stored Vietnamese name, label)`` pairs for a select.

    Labels are Vietnamese unless the active language is English. Hanoi comes
    first (the shop is in Hanoi); the rest follow alphabetically by the folded
    name, ignoring the "Thành phố"/"Tỉnh" type.
    """
    english = (get_language() or "vi").lower().startswith("en")
    choices = [(vi, en if english else vi) for vi, en in PROVINCES]
    hanoi = [choice for choice in choices if choice[0] == HANOI]
    others = sorted(
        (choice for choice in choices if choice[0] != HANOI),
        key=lambda choice: _sort_key(choice[1]),
    )
    return hanoi + others


def is_hanoi(address: Any) -> bool:
    """True when ``address`` (an Oscar address) is in Vietnam, in Thành phố Hà Nội."""
    if address is None:
        return False
    country_code = getattr(address, "country_id", None)
    if country_code is None:
        country = getattr(address, "country", None)
        country_code = getattr(country, "iso_3166_1_a2", None)
    return country_code == VIETNAM and (address.state or "").strip() == HANOI
