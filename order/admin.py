"""Oscar's order admin, made view-only where it holds money.

Orders move through the dashboard, where paid and refunded follow payments
recorded by Stripe, the bank webhook or staff with a reference
(``order.processing``). Django admin's change forms would let anyone with the
permission set a status, a paid date, a price or a payment record by hand, with
no payment behind it: for these models it only shows.
"""

from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403
from oscar.core.loading import get_model

Order = get_model("order", "Order")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
Parcel = get_model("order", "Parcel")
PaymentEvent = get_model("order", "PaymentEvent")
OrderStatusChange = get_model("order", "OrderStatusChange")
OrderDiscount = get_model("order", "OrderDiscount")
Surcharge = get_model("order", "Surcharge")


class ViewOnlyAdminMixin:
    """Shown in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def register_view_only(model, model_admin_class=admin.ModelAdmin) -> None:
    """(Re-)register ``model`` with its admin class made view-only."""
    registered = admin.site._registry.get(model)
    if registered is not None:
        model_admin_class = type(registered)
        admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"ViewOnly{model_admin_class.__name__}",
            (ViewOnlyAdminMixin, model_admin_class),
            {},
        ),
    )


MONEY_MODELS = (
    Order,
    Line,
    LinePrice,
    Parcel,
    PaymentEvent,
    OrderStatusChange,
    OrderDiscount,
    Surcharge,
)

for money_model in MONEY_MODELS:
    register_view_only(money_model)
