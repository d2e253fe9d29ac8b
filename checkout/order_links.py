"""Who may see an order's confirmation page in full.

The page (``/checkout/thank-you/?order=<n>&key=<k>``, also Stripe's return
address) shows the buyer's name, address and phone. It is shown in full to the
browser session that placed the order, for ``ORDER_LINK_HOURS`` after placing
it; to the buyer's own account; and to site staff. Anyone else holding the link,
and the same browser later, is asked for the order's e-mail address first, as
Oscar's order-status page does: compared without regard to case, in constant
time, and remembered in the session once right. Wrong guesses are counted in
the shared store per order and per client address (``users.sign_in_limits.count``);
past the limit the page stops checking for a while and says so.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from users.limit_store import store
from users.sign_in_limits import client_address, count

CONFIRMED_ORDERS_SESSION_KEY = "order_links_confirmed"
WRONG_GUESSES_PER_ORDER = 5
WRONG_GUESSES_PER_ADDRESS = 20
GUESS_LOCKOUT_SECONDS = 15 * 60


class OrderEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address given for the order"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def link_is_fresh(order) -> bool:
    placed = order.date_placed
    hours = timedelta(hours=settings.ORDER_LINK_HOURS)
    return placed is not None and timezone.now() - placed < hours


def placed_in_this_session(request, order) -> bool:
    session = request.session
    if session.get("checkout_order_id") == order.pk:
        return True
    key = session.session_key
    return bool(key and order.session_key and order.session_key == key)


def email_confirmed(request, order) -> bool:
    return order.pk in request.session.get(CONFIRMED_ORDERS_SESSION_KEY, [])


def may_see_in_full(request, order) -> bool:
    user = request.user
    if user.is_authenticated and (user.is_staff or order.user_id == user.pk):
        return True
    if placed_in_this_session(request, order) and link_is_fresh(order):
        return True
    return email_confirmed(request, order)


def email_matches(order, email: str) -> bool:
    expected = (order.email or "").strip().casefold()
    given = (email or "").strip().casefold()
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def remember_email_confirmed(request, order) -> None:
    confirmed = request.session.get(CONFIRMED_ORDERS_SESSION_KEY, [])
    if order.pk not in confirmed:
        request.session[CONFIRMED_ORDERS_SESSION_KEY] = [*confirmed, order.pk]


def _key(kind: str, scope: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"order-link:{kind}:{scope}:{digest}"


def _scopes(order, request) -> list[tuple[str, str, int]]:
    scopes = [("order", order.number, WRONG_GUESSES_PER_ORDER)]
    address = client_address(request)
    if address:
        scopes.append(("address", address, WRONG_GUESSES_PER_ADDRESS))
    return scopes


def record_wrong_guess(order, request) -> None:
    for scope, value, limit in _scopes(order, request):
        wrong = count(_key("wrong", scope, value), GUESS_LOCKOUT_SECONDS)
        if wrong >= limit:
            store().hold(
                _key("locked", scope, value), time.time() + GUESS_LOCKOUT_SECONDS
            )


def minutes_locked(order, request) -> int:
    """How long guesses for this order, or from this address, are refused (0: not)."""
    keys = [_key("locked", scope, value) for scope, value, _ in _scopes(order, request)]
    remaining = store().held_until(keys) - time.time()
    return math.ceil(remaining / 60) if remaining > 0 else 0
