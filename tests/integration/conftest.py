"""The shop the no-server-error tests send their input to (``shop``)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from oscar.core.loading import get_model
from wagtail.documents import get_document_model

from tests.factories import (
    MakerFactory,
    ParentProductFactory,
    ProductFactory,
    ProductImageFactory,
    StoryPageFactory,
    UserFactory,
    WagtailImageFactory,
    centre_staff,
    site_manager,
)
from tests.shopping import Buyer

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

SIGN_IN_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"
LEFT_OUT = ("django-admin/",)
"""Django's admin is for the superuser alone; it is left out of the walk."""


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user, backend=SIGN_IN_BACKEND)
    return client


def saved_address(user) -> UserAddress:
    return UserAddress.objects.create(
        user=user,
        first_name="Nguyễn Thị Lan",
        line1="12 Hàng Bạc",
        line3="Phường Hoàn Kiếm",
        line4="Thành phố Hà Nội",
        phone_number="+84912345678",
        country=Country.objects.get(iso_3166_1_a2="VN"),
    )


@pytest.fixture
def shop(page_tree, story_index, centres):
    """A small shop: a story, products with a photo and sizes, an order, a buyer
    with a saved address and a basket, staff of every kind, images, documents."""
    bat_trang = centres["four"]
    vase = ProductFactory(centre=bat_trang, title="Bình gốm men lam")
    ProductImageFactory(product=vase)
    ParentProductFactory(centre=centres["three"])
    StoryPageFactory(parent=story_index["vi"], centre=bat_trang)
    MakerFactory(centre=bat_trang)
    WagtailImageFactory()
    get_document_model().objects.create(
        title="Bảng giá", file=ContentFile(b"%PDF-1.4\n", name="bang-gia.pdf")
    )
    guest = Buyer()
    guest.add(vase)
    assert guest.checkout({bat_trang: "domestic"}, "cod").status_code == 302

    buyer = UserFactory(email="nguoi-mua@langnghe.example")
    address = saved_address(buyer)
    users = {
        "visitor": None,
        "buyer": buyer,
        "centre staff": centre_staff(bat_trang),
        "site manager": site_manager(),
    }
    clients = {
        role: signed_in(user) if user else Client(raise_request_exception=False)
        for role, user in users.items()
    }
    Buyer(client=clients["buyer"]).add(vase)
    return {"users": users, "clients": clients, "address": address, "vase": vase}
