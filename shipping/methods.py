"""Oscar's shipping methods, plus the one this shop uses: a delivery per centre."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from shipping.parcels import total_charge


class PerCentreDelivery(Base):
    """Each centre's parcel delivered (or collected) as the buyer chose for it.

    Oscar prices an order with one shipping method; this one's charge is the sum
    of the parcels' charges, and it carries the parcels so the order can record
    them one by one.
    """

    code = "per-centre"
    name = _("Delivery per centre")

    def __init__(self, parcels):
        self.parcels = parcels

    def calculate(self, basket):
        charge = total_charge(self.parcels)
        return prices.Price(currency=basket.currency, excl_tax=charge, incl_tax=charge)


class DeliveryChosenAtCheckout(PerCentreDelivery):
    """The basket page's method: nothing charged yet, each centre's options shown."""

    code = "per-centre-estimate"
    name = _("Delivery is chosen for each centre at checkout")
