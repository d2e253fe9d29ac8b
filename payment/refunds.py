"""Refunds of card orders through Stripe: the whole order, or one centre's share.

A centre's share is its lines plus its parcel's delivery charge. Each centre can
be refunded once, and never more than is left of the order. The order row is
locked while Stripe is asked and those checks run under the lock, so a double
click (or two managers at once) cannot refund twice: the second finds nothing
left. The idempotency key, ``order-<number>-refund-<scope>-<attempt>-<random>``,
covers the library's own retries of one request; its random part keeps apart
two databases whose order numbers restart (demo, staging) on one Stripe account,
and lets a refund that Stripe refused be asked again at once, where a repeated
key would get Stripe's saved refusal back for a day.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError
from oscar.core.loading import get_class, get_model

from order.centre_shares import CentreShare
from order.processing import PaymentRefused, check_refund, may_refund
from payment import cards
from payment.models import Refund

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")


class RefundError(PaymentRefused):
    """A refund that cannot be made, with a message for staff."""


def refunded_total(order) -> Decimal:
    return sum((refund.amount for refund in order.refunds.all()), Decimal(0))


def refundable_amount(order, partner=None) -> Decimal:
    left = order.total_incl_tax - refunded_total(order)
    if partner is None:
        return max(left, Decimal(0))
    if order.refunds.filter(partner=partner).exists():
        return Decimal(0)
    return max(min(CentreShare.total_of(order, partner), left), Decimal(0))


def refund_choices(order) -> list[tuple[str, str, Decimal]]:
    """(value, label, amount) for each refund still possible on a paid card order."""
    if not may_refund(order):
        return []
    choices = []
    partners = {line.partner for line in order.lines.select_related("partner__centre")}
    for partner in sorted(partners, key=lambda p: p.pk):
        amount = refundable_amount(order, partner)
        if amount > 0:
            centre = getattr(partner, "centre", None)
            name = centre.display_name if centre else partner.name
            choices.append((str(partner.pk), name, amount))
    rest = refundable_amount(order)
    if rest > 0:
        choices.append(("all", _("The whole order (what is left)"), rest))
    return choices


def refund_order(order, *, partner=None, user=None) -> Refund:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        check_refund(order)
        amount = refundable_amount(order, partner)
        if amount <= 0:
            raise RefundError(_("Nothing is left to refund for this choice."))
        session = order.stripe_sessions.exclude(payment_intent="").last()
        if session is None:
            raise RefundError(_("Stripe's payment for this order is not known."))
        charged = session.amount
        refunded_dong = sum(cards.whole_dong(r.amount) for r in order.refunds.all())
        left_dong = charged - refunded_dong
        amount_dong = (
            left_dong if partner is None else min(cards.whole_dong(amount), left_dong)
        )
        if amount_dong <= 0:
            raise RefundError(_("Nothing is left to refund for this choice."))
        amount = Decimal(amount_dong)
        scope = partner.pk if partner is not None else "rest"
        attempt = order.refunds.count() + 1
        try:
            stripe_refund = cards.refund(
                payment_intent=session.payment_intent,
                amount=amount_dong,
                idempotency_key=(
                    f"order-{order.number}-refund-{scope}-{attempt}-"
                    f"{uuid.uuid4().hex[:12]}"
                ),
                metadata={"order_number": order.number, "scope": str(scope)},
            )
        except PaymentError as error:
            raise RefundError(
                _("Stripe refused the refund: %(reason)s") % {"reason": error}
            ) from error
        refund = Refund.objects.create(
            order=order,
            partner=partner,
            amount=amount,
            stripe_refund_id=stripe_refund.id,
            created_by=user if user and user.is_authenticated else None,
        )
        lines = order.lines.all()
        if partner is not None:
            lines = lines.filter(partner=partner)
        EventHandler(user).record_refund(
            order, amount=amount, lines=list(lines), reference=stripe_refund.id
        )
    return refund
