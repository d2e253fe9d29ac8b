"""The VietQR code of an unpaid bank-transfer order, as a PNG file to save.

A buyer reading the order on the phone they would scan with cannot scan the
screen: they save the image and open it from their banking app's "scan from
photo". The link works without JavaScript (``Content-Disposition: attachment``).

The code names the order's number and total, so it is private like the order's
own pages: the link carries the order's key (``?order=<n>&key=<k>``) and answers
only whoever may see the order in full (``checkout.order_links``), the buyer's
account, or a guest who has given the order's e-mail address on Oscar's
order-status page. Anyone else, and an order with nothing left to transfer, gets
a 404.
"""

from __future__ import annotations

from django import http
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from checkout import order_links
from order.statuses import OrderStatus
from payment.vietqr import order_transfer

ANONYMOUS_ORDER_EMAIL_SESSION_KEY = "anon_order_email"
"""Where Oscar's order-status form remembers the e-mail address a guest gave."""


def transfer_qr_url(order) -> str:
    query = urlencode({"order": order.number, "key": order.verification_hash()})
    return f"{reverse('checkout:vietqr-image')}?{query}"


def may_save_code(request, order) -> bool:
    if order_links.may_see_in_full(request, order):
        return True
    given = request.session.get(ANONYMOUS_ORDER_EMAIL_SESSION_KEY)
    return order.user_id is None and bool(given) and given == order.email


def still_to_pay(order) -> bool:
    return not order.is_paid and order.status != OrderStatus.CANCELLED


@require_safe
def transfer_qr_image(request):
    from checkout.views import order_from_link

    order = order_from_link(request)
    if order is None or not may_save_code(request, order) or not still_to_pay(order):
        raise http.Http404
    transfer = order_transfer(order)
    if transfer is None:
        raise http.Http404
    response = http.HttpResponse(transfer.png(), content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="vietqr-{order.number}.png"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
