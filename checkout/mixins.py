"""Placing an order: stock locked and checked, parcels and measurements recorded.

The stock records of the basket are locked (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers anyway) in the
same transaction that allocates them, so two buyers of the last unit cannot
both get it: the second finds nothing left and is told so before any payment
is asked of them. The same transaction checks what one buyer may hold
(``partner/quantity_caps.py``, ``checkout/limits.py``) and gives the order its
deadline to be paid or confirmed (``order/deadlines.py``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.checkout import mixins
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from checkout import limits
from checkout.emails import send_order_placed
from order.deadlines import deadline_for
from order.measurements import MEASUREMENTS_ATTRIBUTE
from order.models import DeliveryKind, Parcel, store_shares
from order.processing import payment_source
from order.statuses import OrderStatus, PaymentMethod
from partner import quantity_caps

StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
LineAttribute = get_model("order", "LineAttribute")


class OrderAlreadyPlaced(Exception):
    """The basket was ordered by an earlier request (a double click on "order")."""

    def __init__(self, order):
        super().__init__(order.number)
        self.order = order


def lock_basket_once(basket) -> None:
    """Lock the basket's row; refuse if a live order was already placed from it."""
    Basket.objects.select_for_update().filter(pk=basket.pk).first()
    placed = (
        Order.objects.filter(basket_id=basket.pk)
        .exclude(status=OrderStatus.CANCELLED)
        .first()
    )
    if placed is not None:
        raise OrderAlreadyPlaced(placed)


def lock_and_check_stock(basket) -> None:
    """Lock the basket's stock records and refuse if any is short."""
    wanted: dict[int, int] = defaultdict(int)
    lines_by_record = {}
    for line in basket.all_lines():
        wanted[line.stockrecord_id] += line.quantity
        lines_by_record[line.stockrecord_id] = line
    records = (
        StockRecord.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    for record in records:
        line = lines_by_record[record.pk]
        product_class = line.product.get_product_class()
        if product_class is not None and not product_class.track_stock:
            continue
        available = max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)
        if available < wanted[record.pk]:
            title = line.product.get_title()
            if available:
                message = _(
                    "Only %(count)s of “%(title)s” are left: another buyer was "
                    "quicker. Change the quantity in your basket and try again."
                ) % {"count": available, "title": title}
            else:
                message = _(
                    "“%(title)s” has just sold out: another buyer was quicker. "
                    "Remove it from your basket to go on."
                ) % {"title": title}
            raise UnableToPlaceOrder(message)


def pickup_details(centre) -> tuple[str, str]:
    """Where and when to collect, as the centre's page states them today."""
    if centre is None:
        return "", ""
    place = centre.current_address
    if not place and centre.historical_address:
        place = _("%(address)s (address at recognition, 2023)") % {
            "address": centre.historical_address
        }
    return place, centre.display_visiting_hours


def refuse(refusal: str | None) -> None:
    if refusal:
        raise limits.PlacementRefused(refusal)


class OrderPlacementMixin(mixins.OrderPlacementMixin):
    def place_order(self, order_number, user, basket, **kwargs):
        """Place the order, if this buyer may hold it (``checkout.limits``), with
        its deadline to pay or confirm (``order.deadlines``), in the transaction
        that locks and allocates its stock. A refusal says why on the preview
        page; the basket and what the buyer typed are kept."""
        buyer = limits.BuyerIdentity.of(
            self.request,
            kwargs.get("guest_email") or getattr(user, "email", ""),
            kwargs.get("shipping_address"),
        )
        kwargs.update(
            placed_from=buyer.address or None,
            session_key=buyer.session_key,
            payment_deadline=deadline_for(kwargs.get("payment_method", "")),
        )
        with transaction.atomic():
            lock_basket_once(basket)
            refuse(quantity_caps.basket_refusal(basket, user))
            limits.lock_buyer(buyer)
            refuse(limits.open_orders_refusal(buyer))
            refuse(limits.take_placement(buyer))
            try:
                lock_and_check_stock(basket)
                order = super().place_order(order_number, user, basket, **kwargs)
            except Exception:
                limits.give_back_placement(buyer)
                raise
            self.record_parcels(order, kwargs.get("shipping_method"))
            store_shares(order)
            self.record_measurements(order, basket)
            if order.payment_method:
                payment_source(order)
            if order.payment_method != PaymentMethod.CARD:
                # Card orders are confirmed when Stripe says they are paid.
                send_order_placed(order.pk)
        return order

    def record_parcels(self, order, shipping_method) -> None:
        # An active shipping offer wraps the method: the parcels are on the inner one.
        shipping_method = getattr(shipping_method, "method", shipping_method)
        ready_from = timezone.localdate() + timedelta(days=settings.PICKUP_READY_DAYS)
        for parcel in getattr(shipping_method, "parcels", []):
            option = parcel.chosen
            place, hours = ("", "")
            if option.kind == DeliveryKind.PICKUP:
                place, hours = pickup_details(parcel.centre)
            Parcel.objects.create(
                order=order,
                partner=parcel.partner,
                kind=option.kind,
                rate_code=option.rate_code,
                weight_grams=parcel.weight_grams,
                charge=option.charge,
                pickup_place=place,
                pickup_hours=hours,
                ready_from=ready_from if option.kind == DeliveryKind.PICKUP else None,
            )

    def record_measurements(self, order, basket) -> None:
        measurements = self.checkout_session.measurements()
        if not measurements:
            return
        order_lines = {
            (line.stockrecord_id, line.product_id): line for line in order.lines.all()
        }
        for basket_line in basket.all_lines():
            sizes = measurements.get(str(basket_line.pk))
            line = order_lines.get((basket_line.stockrecord_id, basket_line.product_id))
            if sizes and line is not None:
                LineAttribute.objects.create(
                    line=line, type=MEASUREMENTS_ATTRIBUTE, value=sizes
                )

    def send_order_placed_email(self, order):
        """Already in the outbox: ``place_order`` wrote it with the order."""
