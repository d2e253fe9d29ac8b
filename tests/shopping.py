"""A buyer going through the shop with Django's test client, one step per method.

Tests read as the buyer's story: ``buyer.add(product)``, ``buyer.checkout_as_guest()``,
``buyer.give_address(...)``, ``buyer.choose_delivery(...)``, ``buyer.pay_by("cod")``,
``buyer.place_order()``. Each step checks the page answered as a step should,
so a failing test names the step that broke.
"""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.committing import CommittingClient

HANOI_ADDRESS = {
    "first_name": "Nguyễn Thị Lan",
    "phone_number": "0912 345 678",
    "country": "VN",
    "province": "Thành phố Hà Nội",
    "line3": "Phường Hoàn Kiếm",
    "line1": "12 Hàng Bạc",
}
HUE_ADDRESS = {
    **HANOI_ADDRESS,
    "province": "Thành phố Huế",
    "line3": "Phường Thuận Hóa",
}
PARIS_ADDRESS = {
    "first_name": "Claire Martin",
    "phone_number": "+33 6 12 34 56 78",
    "country": "FR",
    "line1": "8 rue des Lilas",
    "line4": "Paris",
    "postcode": "75011",
}
AO_DAI_MEASUREMENTS = {
    "height": 160,
    "bust": 84,
    "waist": 66,
    "hips": 90,
    "shoulder": 36,
    "sleeve": 58,
    "length": 130,
}


class Buyer:
    def __init__(self, language: str = "vi", client: Client | None = None):
        self.client = client or CommittingClient()
        self.language = language

    def url(self, name: str, **kwargs) -> str:
        with translation.override(self.language):
            return reverse(name, kwargs=kwargs or None)

    def add(self, product, quantity: int = 1):
        response = self.client.post(
            self.url("basket:add", pk=product.pk), {"quantity": quantity}
        )
        assert response.status_code == 302, response.status_code
        return response

    def checkout_as_guest(self, email: str = "khach@example.com"):
        response = self.client.post(
            self.url("checkout:index"), {"username": email, "options": "anonymous"}
        )
        assert response.status_code == 302, response.content[:500]
        return response

    def give_address(self, address: dict | None = None, **changes):
        data = {**(address or HANOI_ADDRESS), **changes}
        return self.client.post(self.url("checkout:shipping-address"), data)

    def delivery_page(self):
        return self.client.get(self.url("checkout:shipping-method"))

    def choose_delivery(self, kinds: dict, measurements: dict | None = None):
        """``kinds`` maps a centre (or partner) to "domestic", "international" or
        "pickup"; ``measurements`` maps a basket line id to its sizes."""
        data = {}
        for seller, kind in kinds.items():
            partner = getattr(seller, "partner", seller)
            data[f"parcel-{partner.pk}"] = kind
        for line_id, sizes in (measurements or {}).items():
            for code, value in sizes.items():
                data[f"line-{line_id}-{code}"] = value
        return self.client.post(self.url("checkout:shipping-method"), data)

    def pay_by(self, method: str):
        return self.client.post(self.url("checkout:payment-method"), {"method": method})

    def preview(self):
        return self.client.get(self.url("checkout:preview"))

    def place_order(self):
        return self.client.post(self.url("checkout:preview"), {"action": "place_order"})

    def confirm_from_email(self, email=None):
        """Open the confirmation link of a cash-on-delivery order's e-mail (the
        last one sent, unless given) and press the page's button."""
        path = confirmation_path_in(email or mail.outbox[-1])
        assert self.client.get(path).status_code == 200
        response = self.client.post(path)
        assert response.status_code == 302, response.content[:500]
        return response

    def checkout(self, kinds: dict, method: str, address: dict | None = None, **kw):
        """All steps after the basket, asserting each moved on."""
        self.checkout_as_guest()
        response = self.give_address(address)
        assert response.status_code == 302, _errors(response)
        response = self.choose_delivery(kinds, kw.get("measurements"))
        assert response.status_code == 302, _errors(response)
        response = self.pay_by(method)
        assert response.status_code == 302, _errors(response)
        return self.place_order()


def guest_order(centres, method: str, *products):
    """A guest's order of one of each of ``products``, paid by ``method``; every
    centre among ``centres`` that sells one of them sends its parcel within Vietnam."""
    buyer = Buyer(language="vi")
    for product in products:
        buyer.add(product)
    present = {product.stockrecords.get().partner_id for product in products}
    kinds = {c: "domestic" for c in centres.values() if c.partner_id in present}
    response = buyer.checkout(kinds, method)
    assert response.status_code == 302, response.content[:400]
    return get_model("order", "Order").objects.order_by("-pk").first()


CONFIRMATION_LINK = re.compile(
    r"https?://[^/\s]+(/(?:vi|en)/shop/checkout/confirm/[^/\s]+/)"
)


def confirmation_path_in(email) -> str:
    """The path of the confirmation link in an order e-mail's text."""
    found = CONFIRMATION_LINK.search(email.body)
    assert found, email.body
    return found.group(1)


def _errors(response) -> str:
    context = getattr(response, "context", None) or {}
    for key in ("form", "delivery_form"):
        form = context.get(key) if hasattr(context, "get") else None
        if form is not None and form.errors:
            return str(form.errors)
    return response.content.decode()[:800]
