"""The delivery the buyer chose for each centre's parcel, kept in the checkout session.

The checkout's delivery step stores the choices and Oscar's shipping
repository reads them back; both go through Oscar's checkout session data, so
they are kept where the rest of the checkout's answers are and flushed with them.
"""

from __future__ import annotations

from oscar.apps.checkout.utils import CheckoutSessionData


class ParcelChoicesMixin:
    """For Oscar's ``CheckoutSessionData``: partner id (as text) → delivery kind."""

    def set_parcel_choices(self, choices: dict[str, str]) -> None:
        self._set("shipping", "parcels", choices)

    def parcel_choices(self) -> dict[str, str]:
        return self._get("shipping", "parcels", {}) or {}


class ParcelChoicesData(ParcelChoicesMixin, CheckoutSessionData):
    """The session's parcel choices, read without the rest of the checkout."""


def parcel_choices(request) -> dict[str, str]:
    return ParcelChoicesData(request).parcel_choices()
