"""What one buyer may hold when ordering: quantities, open orders, and order rate.

An order holds its stock until it is paid or, for cash on delivery, confirmed
(``order/deadlines.py``). These limits keep one buyer from holding much of the
shop meanwhile:

- **Quantities.** The caps of ``partner/quantity_caps.py``, said when the basket
  is filled and checked again here when the order is placed.
- **Open orders.** At most ``MAX_OPEN_UNPAID_ORDERS`` orders awaiting payment or
  confirmation per e-mail address, phone number, browser session and client
  address (``users.sign_in_limits.client_address``).
- **Rate.** At most ``ORDER_RATE_LIMIT`` orders placed per hour per client
  address and per session, counted with the sign-in limits' counter in the
  store every app server shares (``users.limit_store``: Redis, or the database).

Placement checks them in the transaction that locks the basket's stock. On
PostgreSQL a transaction-scoped advisory lock per e-mail, phone, session and
address makes two placements by the same buyer wait for each other, so racing
requests cannot pass the open-order cap; SQLite's IMMEDIATE transactions
serialise them anyway.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from order.statuses import AWAITING_STATUSES
from users import sign_in_limits
from users.limit_store import store

Order = get_model("order", "Order")

RATE_WINDOW_SECONDS = 3600
RATE_KEY_PREFIX = "order-placements"


class PlacementRefused(UnableToPlaceOrder):
    """A limit refused the order; the message tells the buyer why."""


# Who is placing the order
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuyerIdentity:
    """What ties orders to one buyer: each part is counted on its own."""

    email: str = ""
    phone: str = ""
    session_key: str = ""
    address: str = ""

    @classmethod
    def of(cls, request, email: str, shipping_address) -> BuyerIdentity:
        phone = getattr(shipping_address, "phone_number", None)
        return cls(
            email=(email or "").strip().lower(),
            phone=getattr(phone, "as_e164", "") or "",
            session_key=request.session.session_key or "",
            address=ip_or_blank(sign_in_limits.client_address(request)),
        )

    def parts(self) -> list[tuple[str, str]]:
        return [
            (kind, value)
            for kind, value in (
                ("email", self.email),
                ("phone", self.phone),
                ("session", self.session_key),
                ("address", self.address),
            )
            if value
        ]


def ip_or_blank(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def _digest(kind: str, value: str) -> bytes:
    return hashlib.sha256(f"{kind}:{value}".encode()).digest()


def lock_buyer(identity: BuyerIdentity) -> None:
    """Until this transaction ends, make other placements by the same buyer wait
    (PostgreSQL advisory locks, taken in one order so two never deadlock)."""
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        {
            int.from_bytes(_digest(kind, value)[:8], "big", signed=True)
            for kind, value in identity.parts()
        }
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


# Open orders
# ------------------------------------------------------------------------------


def open_orders():
    """Orders still holding stock against a deadline: unpaid, or unconfirmed."""
    return Order.objects.filter(status__in=AWAITING_STATUSES, paid_at__isnull=True)


OPEN_ORDER_MATCHES = {
    "email": lambda value: Q(guest_email__iexact=value) | Q(user__email__iexact=value),
    "phone": lambda value: Q(shipping_address__phone_number=value),
    "session": lambda value: Q(session_key=value),
    "address": lambda value: Q(placed_from=value),
}


def open_orders_refusal(identity: BuyerIdentity) -> str | None:
    """Why this buyer may not open another order now, if they may not; one query."""
    limit = settings.MAX_OPEN_UNPAID_ORDERS
    parts = identity.parts()
    if not limit or not parts:
        return None
    counts = open_orders().aggregate(
        **{
            kind: Count("pk", filter=OPEN_ORDER_MATCHES[kind](value))
            for kind, value in parts
        }
    )
    over = [kind for kind, _value in parts if counts[kind] >= limit]
    if not over:
        return None
    whose = {
        "email": _("this e-mail address"),
        "phone": _("this phone number"),
        "session": _("this browser"),
        "address": _("your internet connection"),
    }[over[0]]
    return ngettext(
        "There is already %(count)d order waiting to be paid or confirmed from "
        "%(whose)s. Pay or confirm it first (the order e-mail says how), or wait "
        "until its deadline has passed; your basket is kept.",
        "There are already %(count)d orders waiting to be paid or confirmed from "
        "%(whose)s. Pay or confirm them first (the order e-mails say how), or wait "
        "until their deadline has passed; your basket is kept.",
        counts[over[0]],
    ) % {"count": counts[over[0]], "whose": whose}


# Rate
# ------------------------------------------------------------------------------


def _rate_keys(identity: BuyerIdentity) -> list[str]:
    return [
        f"{RATE_KEY_PREFIX}:{kind}:{_digest(kind, value).hex()}"
        for kind, value in (
            ("address", identity.address),
            ("session", identity.session_key),
        )
        if value
    ]


def take_placement(identity: BuyerIdentity) -> str | None:
    """Count one placement for the buyer's address and session; why not, if
    that is more than ``ORDER_RATE_LIMIT`` in the hour (nothing is counted then)."""
    limit = settings.ORDER_RATE_LIMIT
    if not limit:
        return None
    keys = _rate_keys(identity)
    counted = []
    for key in keys:
        counted.append(key)
        if sign_in_limits.count(key, RATE_WINDOW_SECONDS) > limit:
            give_back(counted)
            return _(
                "Too many orders were placed from this browser or internet "
                "connection in the last hour. Please try again later; your "
                "basket is kept."
            )
    return None


def give_back(keys: list[str]) -> None:
    """Uncount a placement that did not happen after all."""
    counters = store()
    for key in keys:
        counters.uncount(key)


def give_back_placement(identity: BuyerIdentity) -> None:
    give_back(_rate_keys(identity))
