"""Oscar's checkout session data, plus the per-centre deliveries and measurements."""

from __future__ import annotations

from oscar.apps.checkout import utils

from shipping.parcel_choices import ParcelChoicesMixin


class CheckoutSessionData(ParcelChoicesMixin, utils.CheckoutSessionData):
    def set_measurements(self, measurements: dict[str, dict[str, int]]) -> None:
        """Made-to-measure sizes by basket line id (as text)."""
        self._set("shipping", "measurements", measurements)

    def measurements(self) -> dict[str, dict[str, int]]:
        return self._get("shipping", "measurements", {}) or {}
