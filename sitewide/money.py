"""Money is Vietnamese đồng, which has no minor unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def whole_dong(amount) -> int:
    """Oscar keeps two decimals and percentage offers make fractions: round to đồng."""
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
