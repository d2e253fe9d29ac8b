"""No input makes the site answer a server error.

First the six causes of 500 a probe found, each answered now with a message
or a 404. Then a walk generated from the URL conf (``tests/fuzzing.py``):
every public and staff pattern (Oscar's, ours, Wagtail's admin; Django's
admin is left out), its arguments filled with ids that exist and with junk,
is asked with GET (and an empty POST where it answers) as a visitor, a
signed-in buyer, a centre's staff and a site manager (who has Wagtail's page,
image, document and snippet rights); every form a page shows, a new form
included without editing this test, is sent missing, malformed, oversized and
wrongly-typed values. Any 5xx fails the test, listed with role, method, URL,
payload and where the exception was raised.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data

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
from tests.fuzzing import forms_in
from tests.shopping import Buyer

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

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


def in_checkout(client, product) -> Buyer:
    """A signed-in buyer with ``product`` in the basket, at the address step."""
    buyer = Buyer(client=client)
    buyer.add(product)
    assert client.get(buyer.url("checkout:index")).status_code == 302
    return buyer


class TestTheSixKnownCauses:
    def test_ship_to_accepts_only_the_buyers_own_address(self, shop):
        stranger = UserFactory(email="nguoi-la@langnghe.example")
        foreign = saved_address(stranger)
        client = shop["clients"]["buyer"]
        buyer = in_checkout(client, shop["vase"])
        url = buyer.url("checkout:shipping-address")
        for case, address_id in {
            "another buyer's": foreign.pk,
            "empty": "",
            "non-numeric": "x",
            "huge": "9" * 40,
            "negative": "-1",
            "several values": [str(foreign.pk), "x"],
        }.items():
            data = {"action": "ship_to", "address_id": address_id}
            response = client.post(url, data)
            assert response.status_code == 302, case
            assert response["Location"] == url, case
            page = client.get(url)
            assert "Chọn một địa chỉ đã lưu của bạn" in page.content.decode(), case
        response = client.post(
            url, {"action": "ship_to", "address_id": shop["address"].pk}
        )
        assert response.status_code == 302
        assert response["Location"] == buyer.url("checkout:shipping-method")

    def test_a_product_form_with_a_recommendation_of_letters_shows_the_error(
        self, shop
    ):
        client = shop["clients"]["site manager"]
        vase = shop["vase"]
        url = reverse("dashboard:catalogue-product", kwargs={"pk": vase.pk})
        (form,) = [
            spec
            for spec in forms_in(client.get(url), url)
            if "primary_recommendations-0-recommendation" in spec.kinds
        ]
        data = {**form.values, "primary_recommendations-0-recommendation": "x"}
        response = client.post(url, data)
        assert response.status_code == 200
        errors = response.context["recommended_formset"].forms[0].errors
        assert "recommendation" in errors

    def test_a_page_edit_without_the_body_fields_says_what_is_missing(
        self, shop, story_index
    ):
        story = story_index["vi"].get_children().specific().first()
        client = shop["clients"]["site manager"]
        url = reverse("wagtailadmin_pages:edit", args=[story.pk])
        data = nested_form_data(
            {"title": story.title, "slug": story.slug, "centre": story.centre_id}
        )
        for body in ({}, {"body-count": "x"}, {"body-count": "1"}):
            response = client.post(url, {**data, **body})
            assert response.status_code == 200, body
            assert response.context["form"].errors["body"] == [
                "Nội dung này chưa được gửi đầy đủ. Hãy tải lại trang và thử lại."
            ]

    def test_wagtails_error_test_page_is_not_there(self, shop):
        for role in ("visitor", "centre staff", "site manager"):
            client = shop["clients"][role]
            for url in ("/cms/failwhale/", "/cms/test404/"):
                response = client.get(url, follow=True)
                assert response.status_code == 404, (role, url)

    def test_a_signed_webhook_nested_100000_deep_is_refused(self, client, cards):
        body = ("[" * 100_000 + "]" * 100_000).encode()
        signature = cards.sign(body)
        response = client.post(
            "/payments/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        assert response.status_code == 400
        assert response.content == b"Invalid payload: nested too deeply."
