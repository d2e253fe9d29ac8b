"""The shipping methods a basket can use: one per-centre delivery, once chosen."""

from __future__ import annotations

from oscar.apps.shipping import repository

from shipping.methods import DeliveryChosenAtCheckout, PerCentreDelivery
from shipping.parcel_choices import parcel_choices
from shipping.parcels import basket_parcels, parcels_for_request


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        """The per-centre delivery, when every centre's parcel has a delivery chosen.

        The choices live in the checkout session (the delivery step stores them);
        with any parcel undecided there is no method, and Oscar's checkout sends
        the buyer back to choose.
        """
        request = kwargs.get("request")
        if request is None:
            return []
        choices = parcel_choices(request)
        parcels = parcels_for_request(request, basket, shipping_addr, choices)
        if parcels and all(parcel.chosen for parcel in parcels):
            return [PerCentreDelivery(parcels)]
        return []

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        """For the basket page: no charge yet, and each centre's estimated options."""
        request = kwargs.get("request")
        if request is None:
            return DeliveryChosenAtCheckout(basket_parcels(basket))
        return DeliveryChosenAtCheckout(parcels_for_request(request, basket))
