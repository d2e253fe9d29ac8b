"""Oscar's order dashboard with this shop's two money actions.

- "Mark paid": cash collected on delivery, or a VietQR transfer seen in the
  bank account; the buyer gets the "payment received" e-mail.
- "Refund": a paid card order, whole or one centre's share, through Stripe.

Both are for the site's staff (``is_staff``); centre staff see the buttons'
outcome on the order but cannot move money.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.core.loading import get_class, get_model

from order.presentation import order_parcels
from order.statuses import OrderStatus, PaymentMethod
from payment.refunds import RefundError, refund_choices, refund_order

Partner = get_model("partner", "Partner")
EventHandler = get_class("order.processing", "EventHandler")
MONEY_STATUSES = get_class("order.processing", "MONEY_STATUSES")


class OrderDetailView(views.OrderDetailView):
    order_actions = views.OrderDetailView.order_actions + ("mark_paid", "refund")
    STAFF_ONLY_MESSAGE = _(
        "Only the site's staff change an order's status or payments."
    )

    def change_order_status(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        new_status = request.POST.get("new_status", "")
        if new_status in MONEY_STATUSES:
            return self.reload_page(
                error=_(
                    "Paid and refunded follow the payments: use “mark paid” or "
                    "“refund” below."
                )
            )
        return super().change_order_status(request, order)

    def create_order_payment_event(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        return super().create_order_payment_event(request, order)

    def create_payment_event(self, request, order, lines, quantities):
        if not request.user.is_staff:
            return self.reload_page(error=self.STAFF_ONLY_MESSAGE)
        return super().create_payment_event(request, order, lines, quantities)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context["order_parcels"] = order_parcels(order)
        context["refunds"] = order.refunds.select_related("partner__centre")
        if self.request.user.is_staff:
            context["refund_choices"] = refund_choices(order)
            context["can_mark_paid"] = (
                order.payment_method
                in (PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.VIETQR)
                and not order.is_paid
                and order.status != OrderStatus.CANCELLED
            )
        return context

    def mark_paid(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=_("Only the site's staff record payments."))
        if order.payment_method not in (
            PaymentMethod.CASH_ON_DELIVERY,
            PaymentMethod.VIETQR,
        ):
            return self.reload_page(error=_("Card payments are recorded by Stripe."))
        if order.status == OrderStatus.CANCELLED:
            return self.reload_page(error=_("This order was cancelled."))
        reference = request.POST.get("reference", "").replace("\x00", "").strip()[:128]
        recorded = EventHandler(request.user).mark_paid(
            order,
            reference=reference or f"staff:{request.user.email}",
            note=f"Payment received, recorded by {request.user.email}.",
        )
        if not recorded:
            return self.reload_page(error=_("This order was already paid."))
        from order.emails import send_payment_received

        transaction.on_commit(lambda: send_payment_received(order.pk))
        messages.success(request, _("Payment recorded; the buyer is told by e-mail."))
        return self.reload_page()

    def refund(self, request, order):
        if not request.user.is_staff:
            return self.reload_page(error=_("Only the site's staff make refunds."))
        scope = request.POST.get("refund_scope", "")
        partner = None
        if scope != "all":
            partner = (
                Partner.objects.filter(pk=scope).first() if scope.isdigit() else None
            )
            if partner is None or not order.lines.filter(partner=partner).exists():
                return self.reload_page(error=_("Choose what to refund."))
        try:
            refund = refund_order(order, partner=partner, user=request.user)
        except RefundError as error:
            return self.reload_page(error=str(error))
        messages.success(
            request,
            _("Refunded %(amount)s đồng through Stripe (%(reference)s).")
            % {"amount": f"{refund.amount:,.0f}", "reference": refund.stripe_refund_id},
        )
        return self.reload_page()


class OrderListView(views.OrderListView):
    def change_order_status(self, request, order):
        """The bulk status change: site staff only, and a refused change is a
        message, not an error page."""
        if not request.user.is_staff:
            messages.error(request, OrderDetailView.STAFF_ONLY_MESSAGE)
            return None
        try:
            return super().change_order_status(request, order)
        except InvalidOrderStatus as error:
            messages.error(
                request,
                _("Order %(number)s: %(reason)s")
                % {"number": order.number, "reason": error},
            )
            return None
