"""The buyer confirms a cash-on-delivery order from the link in its e-mail.

Until it is confirmed (here, or to the centre on the phone) the order is
*awaiting confirmation*: nothing is sent, and it is cancelled when its time to
confirm runs out (``order/deadlines.py``). The link carries a signed token that
names the order and serves only this purpose; opening it (GET) shows the order
and a button, and only pressing the button (POST) confirms it, once.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.views import generic
from oscar.core.loading import get_class

from order.deadlines import ConfirmationLinkError, order_for_confirmation
from order.statuses import OrderStatus

EventHandler = get_class("order.processing", "EventHandler")


def confirmation_state(order) -> str:
    """What the page says: "awaiting" (with the button), "confirmed", "late"
    (time to confirm passed) or "cancelled"."""
    if order.status == OrderStatus.CANCELLED:
        return "cancelled"
    if order.status != OrderStatus.AWAITING_CONFIRMATION:
        return "confirmed"
    if order.deadline_has_passed:
        return "late"
    return "awaiting"


class ConfirmOrderView(generic.TemplateView):
    template_name = "oscar/checkout/confirm_order.html"

    def dispatch(self, request, *args, **kwargs):
        self.order, self.error = None, ""
        try:
            self.order = order_for_confirmation(kwargs["token"])
        except ConfirmationLinkError as error:
            self.error = str(error)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if self.error else 200)

    def post(self, request, *args, **kwargs):
        if self.order is None:
            return self.get(request, *args, **kwargs)
        EventHandler().confirm_cash_on_delivery(
            self.order, by="by the buyer, from the e-mailed link"
        )
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["error"] = self.error
        if self.order is not None:
            context["order"] = self.order
            context["state"] = confirmation_state(self.order)
            context["lines"] = self.order.lines.order_by("pk")
        return context
