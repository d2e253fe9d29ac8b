"""What happens to an order after it is placed: paid, cancelled, refunded.

Each change runs on a locked order row and checks the order's state first, so
a repeated or late signal (a webhook delivered twice, staff clicking twice)
changes nothing the second time. Stock held by an order that will never be paid
goes back on sale.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.order import processing
from oscar.apps.order.exceptions import InvalidLineStatus, InvalidOrderStatus
from oscar.apps.payment.exceptions import PaymentError
from oscar.core.loading import get_model

from order.models import store_shares
from order.signals import payments_closed_for_cancelling
from order.statuses import LineStatus, OrderStatus, PaymentMethod

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Parcel = get_model("order", "Parcel")
PaymentEventType = get_model("order", "PaymentEventType")
ShippingEventType = get_model("order", "ShippingEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

#: Statuses that follow the money: set by payments and refunds, never by hand.
MONEY_STATUSES = {OrderStatus.PAID, OrderStatus.PARTLY_REFUNDED, OrderStatus.REFUNDED}

#: Line statuses that only make sense for a parcel sent by a carrier, or collected.
DELIVERY_ONLY = {LineStatus.PACKED, LineStatus.SHIPPED}
PICKUP_ONLY = {LineStatus.READY_FOR_PICKUP, LineStatus.COLLECTED}
#: A line in one of these no longer needs its centre.
LINE_DONE = {LineStatus.SHIPPED, LineStatus.COLLECTED, LineStatus.CANCELLED}
#: Lines wait in these orders: nothing is sent before the buyer has paid or
#: chosen to pay on delivery.
NOT_READY_TO_SEND = {
    OrderStatus.AWAITING_CARD,
    OrderStatus.AWAITING_TRANSFER,
    OrderStatus.AWAITING_CONFIRMATION,
    OrderStatus.CANCELLED,
}


class LineMoveError(Exception):
    """A line status change that cannot be made; the message is for the user."""


class PaymentRefused(Exception):
    """Money that may not be recorded or refunded this way; the message is for
    the user."""


AWAITING_CONFIRMATION_MESSAGE = gettext_lazy(
    "The buyer has not confirmed this order yet: phone them, and once they "
    "confirm, press “Confirmed by phone”."
)


class Recorder(Enum):
    """Who records money received for an order."""

    STRIPE = "Stripe's webhook"
    BANK_STATEMENT = "the bank statement"
    SITE_STAFF = "the site's staff"
    CENTRE_STAFF = "a centre's staff"


#: The ways to pay each recorder may record.
RECORDS = {
    Recorder.STRIPE: {PaymentMethod.CARD},
    Recorder.BANK_STATEMENT: {PaymentMethod.VIETQR},
    Recorder.SITE_STAFF: {PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.VIETQR},
    Recorder.CENTRE_STAFF: {PaymentMethod.CASH_ON_DELIVERY},
}

BANK_TRANSFERS_MESSAGE = gettext_lazy(
    "Bank transfers go to the site's own account: only the site's managers "
    "confirm them."
)


def check_payment(order, by: Recorder) -> None:
    """Raise ``PaymentRefused`` unless ``by`` may record money received for ``order``.

    The one rule for marking an order, or a centre's share of it, paid. A card
    payment is recorded only by Stripe's webhook. A bank transfer reaches the
    site's own account, which centres never see: the bank statement confirms
    it, or a site manager with its bank reference. Cash on delivery is
    recorded by the centre that took it, or by the site's staff. Nothing is
    recorded by hand for a cancelled order; a card payment that settles after
    its order was cancelled is recorded (``mark_paid`` notes to refund it);
    the bank statement pays only an order still awaiting its transfer. An
    order paid before is not refused: recording it again changes nothing.
    """
    method = order.payment_method
    if method not in RECORDS[by]:
        if method == PaymentMethod.VIETQR:
            raise PaymentRefused(BANK_TRANSFERS_MESSAGE)
        raise PaymentRefused(_("Card payments are recorded by Stripe."))
    if by is Recorder.STRIPE:
        return
    if by is Recorder.BANK_STATEMENT:
        if order.status != OrderStatus.AWAITING_TRANSFER or order.paid_at is not None:
            raise PaymentRefused(_("This order does not await a bank transfer."))
        return
    if order.status == OrderStatus.CANCELLED:
        raise PaymentRefused(_("This order was cancelled."))


def may_record_payment(order, by: Recorder) -> bool:
    """``check_payment`` as a yes or no, for offering the action."""
    try:
        check_payment(order, by)
    except PaymentRefused:
        return False
    return True


def check_refund(order) -> None:
    """Raise ``PaymentRefused`` unless ``order`` may be refunded: only a paid
    card order is, through Stripe."""
    if order.payment_method != PaymentMethod.CARD or not order.is_paid:
        raise PaymentRefused(_("Only paid card orders are refunded through Stripe."))


def may_refund(order) -> bool:
    """``check_refund`` as a yes or no, for offering the action."""
    try:
        check_refund(order)
    except PaymentRefused:
        return False
    return True


SOURCE_TYPE_NAMES = {
    PaymentMethod.CARD: "Stripe",
    PaymentMethod.CASH_ON_DELIVERY: "Cash on delivery",
    PaymentMethod.VIETQR: "VietQR bank transfer",
}


def payment_source(order) -> Source:
    """The order's payment source for its payment method, made on first use."""
    source_type, _ = SourceType.objects.get_or_create(
        name=SOURCE_TYPE_NAMES[order.payment_method]
    )
    source, _ = Source.objects.get_or_create(
        order=order,
        source_type=source_type,
        defaults={"currency": order.currency, "amount_allocated": order.total_incl_tax},
    )
    return source


def move_status(order, status: str) -> None:
    """Set ``status`` when the pipeline allows it from where the order is; a late or
    repeated signal must not fail on an order staff have already moved on."""
    if status != order.status and status in order.available_statuses():
        order.set_status(status)


def move_paid(order) -> None:
    """The status of an order now paid in full: completed if it was already
    sent (or completed), paid otherwise."""
    if order.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED):
        move_status(order, OrderStatus.COMPLETED)
    else:
        move_status(order, OrderStatus.PAID)


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        """Staff's status changes: money statuses follow payments; a cancellation
        puts the stock back on sale and closes an open card payment first."""
        if new_status in MONEY_STATUSES:
            raise InvalidOrderStatus(
                "Paid and refunded follow the payments: record a payment or refund."
            )
        if new_status == OrderStatus.CANCELLED:
            if order.is_paid:
                raise InvalidOrderStatus("A paid order is refunded, not cancelled.")
            self.close_payments(order)
            self.cancel_unpaid(order, reason=note_msg or "Cancelled by staff.")
            return
        if (
            new_status == OrderStatus.CASH_ON_DELIVERY
            and order.status == OrderStatus.AWAITING_CONFIRMATION
        ):
            self.confirm_cash_on_delivery(order, by="by the site's staff")
            return
        super().handle_order_status_change(order, new_status, note_msg=note_msg)

    def confirm_cash_on_delivery(self, order, *, by: str) -> str:
        """The buyer confirmed a cash-on-delivery order (from the e-mailed link, or
        to the centre on the phone): its lines may now be sent, and it no longer
        expires.

        Returns "confirmed"; "already" if it was confirmed (or paid) before;
        "closed" if it was cancelled, or its time to confirm has passed (the
        expiry job is about to cancel it).
        """
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if (
                order.status == OrderStatus.CANCELLED
                or order.payment_method != PaymentMethod.CASH_ON_DELIVERY
            ):
                return "closed"
            if order.status != OrderStatus.AWAITING_CONFIRMATION:
                return "already"
            if order.deadline_has_passed:
                return "closed"
            self._confirm(order, by=by)
        return "confirmed"

    def _confirm(self, order, *, by: str) -> None:
        """Confirm a locked cash-on-delivery order awaiting confirmation."""
        order.confirmed_at = timezone.now()
        order.save(update_fields=["confirmed_at"])
        order.set_status(OrderStatus.CASH_ON_DELIVERY)
        self.create_note(order, f"Cash on delivery confirmed {by}.")

    @staticmethod
    def close_payments(order) -> None:
        """Close what the order's way to pay holds open (a card order's Stripe
        sessions, closed by the payment app) before staff cancel it."""
        try:
            closed = payments_closed_for_cancelling(order)
        except PaymentError as error:
            raise InvalidOrderStatus(f"Stripe could not be reached: {error}") from error
        if not closed:
            raise InvalidOrderStatus("The card payment went through meanwhile.")

    def mark_paid(self, order, *, reference: str = "", note: str = "") -> bool:
        """Record the whole order as paid; False if it already was.

        A payment that arrives for a cancelled order (a card settling after its
        session was given up) is recorded too, with a note asking staff to
        refund it: its stock may already be sold again.
        """
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.paid_at is not None:
                return False
            now = timezone.now()
            order.paid_at = now
            order.save(update_fields=["paid_at"])
            parcels = list(Parcel.objects.select_for_update().filter(order=order))
            paid_before = [parcel for parcel in parcels if parcel.paid_at is not None]
            already = sum((p.share_total for p in paid_before), Decimal(0))
            lines = [
                line
                for line in order.lines.all()
                if line.partner_id not in {p.partner_id for p in paid_before}
            ]
            Parcel.objects.filter(order=order, paid_at__isnull=True).update(
                paid_at=now, payment_reference=reference[:128]
            )
            self.record_payment(
                order, order.total_incl_tax - already, lines, reference=reference
            )
            if order.status == OrderStatus.CANCELLED:
                self.create_note(
                    order,
                    "Payment received after the order was cancelled and its stock "
                    "released: refund it, or re-allocate the stock by hand.",
                )
            else:
                move_paid(order)
            if note:
                self.create_note(order, note)
        return True

    def record_payment(self, order, amount: Decimal, lines, *, reference: str) -> None:
        """Write money received into Oscar's payment source and a "Paid" event."""
        payment_source(order).debit(amount, reference=reference)
        self.create_payment_event(
            order,
            PaymentEventType.objects.get_or_create(name="Paid")[0],
            amount,
            list(lines),
            [line.quantity for line in lines],
            reference=reference,
        )

    def cancel_unpaid(self, order, *, reason: str) -> bool:
        """Cancel an order that was not paid and put its stock back on sale."""
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.paid_at is not None or order.status == OrderStatus.CANCELLED:
                return False
            self.cancel_stock_allocations(order, list(order.lines.all()))
            order.lines.update(status=LineStatus.CANCELLED)
            store_shares(order)
            order.set_status(OrderStatus.CANCELLED)
            self.create_note(order, reason)
        return True

    def record_refund(self, order, *, amount: Decimal, lines, reference: str) -> None:
        """Write a refund into Oscar's payment records and move the status on."""
        payment_source(order).refund(amount, reference=reference, status="succeeded")
        self.create_payment_event(
            order,
            PaymentEventType.objects.get_or_create(name="Refunded")[0],
            amount,
            list(lines),
            [line.quantity for line in lines],
            reference=reference,
        )
        refunded = sum((r.amount for r in order.refunds.all()), Decimal(0))
        fully = refunded >= order.total_incl_tax
        move_status(
            order, OrderStatus.REFUNDED if fully else OrderStatus.PARTLY_REFUNDED
        )

    def mark_share_paid(self, order, partner, *, reference: str, note: str) -> str:
        """Record the cash the centre took on delivery for its lines and delivery.

        Cash on delivery only (``check_payment``): the centre that hands over
        the parcel holds the cash. Cash in hand confirms an order still
        awaiting the buyer's confirmation.

        Returns "already" when that share was paid before, "share" when it is
        now, and "order" when it was the last unpaid share: the whole order is
        then paid and the buyer is told.
        """
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            check_payment(order, Recorder.CENTRE_STAFF)
            if order.status == OrderStatus.AWAITING_CONFIRMATION:
                self._confirm(order, by=f"with the cash received ({note})")
            parcel = (
                Parcel.objects.select_for_update()
                .filter(order=order, partner=partner)
                .first()
            )
            if parcel is None:
                raise PaymentRefused(_("This order has no lines of this centre."))
            if order.paid_at is not None or parcel.paid_at is not None:
                return "already"
            lines = list(order.lines.filter(partner=partner))
            amount = parcel.share_total
            parcel.paid_at = timezone.now()
            parcel.payment_reference = reference[:128]
            parcel.save(update_fields=["paid_at", "payment_reference"])
            self.record_payment(order, amount, lines, reference=reference)
            self.create_note(order, note)
            if Parcel.objects.filter(order=order, paid_at__isnull=True).exists():
                return "share"
            order.paid_at = parcel.paid_at
            order.save(update_fields=["paid_at"])
            move_paid(order)
            return "order"

    def move_lines(
        self,
        order,
        lines,
        status: str,
        *,
        carrier: str = "",
        tracking_number: str = "",
    ) -> list:
        """Move one centre's lines to ``status``; returns the lines that moved.

        Lines already there are left alone, so a repeated click changes
        nothing. Lines are not cancelled one by one: an order is cancelled
        whole, which puts its stock back. Shipping needs a carrier and a
        tracking number, which the centre's parcel keeps; a parcel to collect
        is made ready and handed over instead. When no line of the order is
        left to handle, the order itself is shipped (or completed, if paid).
        """
        if status not in LineStatus.values:
            raise LineMoveError(_("Choose a status."))
        if status == LineStatus.CANCELLED:
            raise LineMoveError(
                _(
                    "Lines are cancelled with their order, by the site's staff: "
                    "that puts the stock back and settles the money."
                )
            )
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            lines = list(
                Line.objects.select_for_update()
                .filter(order=order, pk__in=[line.pk for line in lines])
                .order_by("pk")
            )
            partners = {line.partner_id for line in lines}
            if not lines or len(partners) != 1:
                raise LineMoveError(_("Choose lines of one centre."))
            parcel = (
                Parcel.objects.select_for_update()
                .filter(order=order, partner_id=partners.pop())
                .first()
            )
            self._check_move(order, parcel, status, carrier, tracking_number)
            moved = []
            for line in lines:
                if line.status == status:
                    continue
                if not line.status:
                    line.status = LineStatus.NEW
                try:
                    line.set_status(status)
                except InvalidLineStatus as error:
                    raise LineMoveError(
                        _("%(line)s: “%(old)s” cannot become “%(new)s”.")
                        % {
                            "line": line.title,
                            "old": LineStatus.label_of(line.status),
                            "new": LineStatus(status).label,
                        }
                    ) from error
                moved.append(line)
            if not moved:
                return []
            reference = ""
            if status == LineStatus.SHIPPED:
                parcel.carrier = carrier
                parcel.tracking_number = tracking_number
                parcel.shipped_at = timezone.now()
                parcel.save(update_fields=["carrier", "tracking_number", "shipped_at"])
                reference = f"{carrier} {tracking_number}"
            self.create_shipping_event(
                order,
                ShippingEventType.objects.get_or_create(name=status)[0],
                moved,
                [line.quantity for line in moved],
                reference=reference,
            )
            self._follow_lines(order)
        return moved

    @staticmethod
    def _check_move(order, parcel, status, carrier, tracking_number) -> None:
        if order.status == OrderStatus.CANCELLED:
            raise LineMoveError(_("This order was cancelled."))
        if order.status == OrderStatus.AWAITING_CONFIRMATION:
            raise LineMoveError(AWAITING_CONFIRMATION_MESSAGE)
        sending = status in {
            LineStatus.SHIPPED,
            LineStatus.READY_FOR_PICKUP,
            LineStatus.COLLECTED,
        }
        if (
            sending
            and order.status in NOT_READY_TO_SEND
            and not (parcel is not None and parcel.paid_at is not None)
        ):
            raise LineMoveError(_("Wait until the order is paid before sending it."))
        if parcel is not None and parcel.is_pickup and status in DELIVERY_ONLY:
            raise LineMoveError(_("These lines are collected at the centre."))
        if (parcel is None or not parcel.is_pickup) and status in PICKUP_ONLY:
            raise LineMoveError(_("These lines are delivered, not collected."))
        if status == LineStatus.SHIPPED and not (carrier and tracking_number):
            raise LineMoveError(_("Give the carrier and the tracking number."))

    @staticmethod
    def _follow_lines(order) -> None:
        statuses = set(order.lines.values_list("status", flat=True))
        if not statuses <= LINE_DONE or statuses <= {LineStatus.CANCELLED}:
            return
        if order.paid_at is not None:
            move_status(order, OrderStatus.SHIPPED)
            move_status(order, OrderStatus.COMPLETED)
        else:
            move_status(order, OrderStatus.SHIPPED)
