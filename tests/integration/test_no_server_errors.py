"""No input makes the site answer a server error: the causes, one by one.

First the six causes of 500 a probe found, each answered now with a message
or a 404; then those the generated walk of every URL and form found
(``test_every_url_and_form.py``), most of them in how Wagtail's admin and
Oscar's dashboard read ids, URLs and files.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data

from tests.factories import (
    ParentProductFactory,
    UserFactory,
    WagtailImageFactory,
)
from tests.fuzzing import HUGE_INTEGER, forms_in, truncated_jpeg
from tests.integration.conftest import saved_address
from tests.shopping import Buyer

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


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


class TestWhatTheWalkFound:
    """Each cause the walk of every URL and form found, answered calmly."""

    def test_choosers_read_letters_and_huge_numbers_as_nothing_chosen(self, shop):
        client = shop["clients"]["site manager"]
        for chooser in (
            "wagtailimages_chooser:chosen",
            "wagtaildocs_chooser:chosen",
            "wagtailsnippetchoosers_centres_maker:chosen",
            "wagtailsnippetchoosers_centres_designcentre:chosen",
        ):
            for pk in ("khong-co-that", HUGE_INTEGER):
                response = client.get(reverse(chooser, args=[pk]), follow=True)
                assert response.status_code == 404, (chooser, pk)

    def test_a_refused_maker_form_shows_again_with_its_photo_chooser_empty(self, shop):
        client = shop["clients"]["site manager"]
        response = client.post(
            reverse("wagtailsnippets_centres_maker:add"),
            {"centre": "x", "name": "", "portrait": "x"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["portrait"]

    def test_a_chooser_that_creates_nothing_has_no_create_page(self, shop):
        client = shop["clients"]["site manager"]
        url = reverse("wagtailsnippetchoosers_centres_maker:create")
        assert client.post(url, {}, follow=True).status_code == 404

    def test_an_external_link_without_an_address_is_asked_for_one(self, shop):
        client = shop["clients"]["site manager"]
        response = client.post(reverse("wagtailadmin_choose_page_external_link"), {})
        assert response.status_code == 200
        assert response.json()["step"] == "external_link"
        assert "Trường này là bắt buộc." in response.json()["html"]

    def test_images_are_searched_with_the_usage_filter_on(self, shop):
        client = shop["clients"]["site manager"]
        image = WagtailImageFactory(title="Lò gốm cổ bên sông")
        response = client.get(
            reverse("wagtailimages:index_results"),
            {"q": "sông", "usage_count_min": "0", "usage_count_max": HUGE_INTEGER},
        )
        assert response.status_code == 200
        assert image.title in response.content.decode()
        response = client.get(
            reverse("wagtaildocs:index_results"), {"q": "x", "usage_count_min": "1"}
        )
        assert response.status_code == 200

    def test_a_next_that_is_not_a_path_is_ignored(self, shop):
        client = shop["clients"]["site manager"]
        document = get_document_model().objects.get()
        response = client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"next": "x", "title": "Bảng giá 2026"},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtaildocs:index")
        response = client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"next": "/cms/pages/", "title": "Bảng giá 2026"},
        )
        assert response["Location"] == "/cms/pages/"

    def test_a_damaged_image_header_gets_the_fields_message(self, shop):
        client = shop["clients"]["site manager"]
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": "Ảnh hỏng", "file": truncated_jpeg(), "description": "Bình"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [
            "Tệp ảnh này bị hỏng hoặc không đầy đủ (có thể đã bị cắt ngang khi sao "
            "chép hoặc tải lên). Hãy lưu hoặc xuất lại ảnh rồi tải lên lần nữa."
        ]

    def test_options_and_option_groups_that_are_not_numbers_are_not_found(self, shop):
        client = shop["clients"]["site manager"]
        for name in (
            "dashboard:catalogue-option-update",
            "dashboard:catalogue-option-delete",
            "dashboard:catalogue-attribute-option-group-update",
            "dashboard:catalogue-attribute-option-group-delete",
        ):
            for pk in ("khong-co-that", HUGE_INTEGER):
                response = client.get(reverse(name, kwargs={"pk": pk}))
                assert response.status_code == 404, (name, pk)

    def test_a_variant_cannot_have_variants(self, shop, centres):
        parent = ParentProductFactory(centre=centres["four"])
        size = parent.children.first()
        client = shop["clients"]["site manager"]
        url = reverse(
            "dashboard:catalogue-product-create-child", kwargs={"parent_pk": size.pk}
        )
        assert client.get(url).status_code == 404

    def test_a_product_type_with_a_huge_option_id_is_told_to_choose_again(self, shop):
        client = shop["clients"]["site manager"]
        response = client.post(
            reverse("dashboard:catalogue-class-create"),
            {"name": "Tranh", "options": HUGE_INTEGER},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["options"]

    def test_a_partner_that_still_sells_is_kept_with_the_reason(self, shop):
        client = shop["clients"]["site manager"]
        partner = shop["vase"].stockrecords.get().partner
        response = client.post(
            reverse("dashboard:partner-delete", kwargs={"pk": partner.pk}),
            follow=True,
        )
        assert response.status_code == 200
        Partner = get_model("partner", "Partner")
        assert Partner.objects.filter(pk=partner.pk).exists()
        page = response.content.decode()
        assert "không thể xoá" in page
        assert "đã được xoá" not in page

    def test_a_centre_added_in_the_cms_gets_its_own_partner(self, shop):
        client = shop["clients"]["site manager"]
        url = reverse("wagtailsnippets_centres_designcentre:add")
        data = {
            "name": "Trung tâm thử nghiệm",
            "name_en": "Trial centre",
            "slug": "thu-nghiem",
            "village": "Thử",
            "craft": "Gốm",
            "craft_en": "Ceramics",
            "craft_code": "ceramics",
            "recognition_decision": "717/QĐ-SCT",
            "historical_commune": "xã Thử",
            "historical_district": "huyện Thử",
        }
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        centre = get_model("centres", "DesignCentre").objects.get(slug="thu-nghiem")
        assert centre.partner.name == "Trung tâm thử nghiệm"
