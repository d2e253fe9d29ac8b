"""Every change to live content passes a moderator: makers, and the images and
documents that live pages and snippets use.

- A maker is edited like a story: an editor's change (a new name, another
  centre) is a draft submitted to "Ban kiểm duyệt (Moderators)". Until a moderator
  approves it, the maker's row, the product page, the maker's profile story and
  the centres' dashboards (a product with no stock yet belongs to its maker's
  centre) all keep the published maker. A maker an editor adds is a draft that
  no dashboard offers.
- An editor cannot replace the file of, or delete, an image used by a live
  story (the form says so; the delete page says so and deletes nothing); a
  moderator can. An image only a draft uses is the editor's to change.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image as Pillow
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, WorkflowState
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data

from centres.models import Maker
from dashboard.catalogue.forms import ProductForm
from tests.factories import (
    DesignCentreFactory,
    MakerFactory,
    MakerProfilePageFactory,
    ProductFactory,
    StoryPageFactory,
    WagtailImageFactory,
)
from tests.integration.test_centre_listings import MODEL_BACKEND, make_centre_staff
from tests.markup import html_of

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()
Product = get_model("catalogue", "Product")

IN_USE = "Published content uses this file"


@pytest.fixture
def cms_language():
    """The CMS speaks English to this module's editors and moderators."""
    return "en"


# Makers --------------------------------------------------------------------


@pytest.fixture
def van_phuc():
    return DesignCentreFactory(slug="van-phuc", village="Vạn Phúc")


@pytest.fixture
def weaver(van_phuc):
    """Vạn Phúc's published maker, with a silk scarf and a profile story."""
    return MakerFactory(centre=van_phuc, name="Nguyễn Thị Dệt (demo)")


@pytest.fixture
def scarf(van_phuc, weaver):
    return ProductFactory(centre=van_phuc, maker=weaver, title="Khăn lụa Vạn Phúc")


@pytest.fixture
def unstocked_garment(weaver):
    """A garment whose sizes are not yet entered: it belongs to its maker's centre."""
    product = Product(
        structure=Product.PARENT, title="Áo dài lụa chưa có cỡ", is_public=False
    )
    product.maker = weaver
    product.save()
    return product


@pytest.fixture
def profile(story_index, van_phuc, weaver):
    return MakerProfilePageFactory(
        parent=story_index["vi"],
        centre=van_phuc,
        maker=weaver,
        title="Người thợ dệt",
        slug="nguoi-tho-det",
    )


def maker_form(maker: Maker, **changes) -> dict:
    fields = {
        "centre": maker.centre_id,
        "name": maker.name,
        "craft": maker.craft,
        "craft_en": maker.craft_en,
        "portrait": "",
        "state_title": "",
        "state_title_source": "",
        "biography": maker.biography,
        "biography_en": maker.biography_en,
        "is_fictional": "on",
    }
    fields.update(changes)
    return nested_form_data(fields)


def edit_maker(client, user, maker: Maker, action: str, **changes):
    client.force_login(user)
    data = maker_form(maker, **changes)
    data[action] = "1"
    return client.post(
        reverse("wagtailsnippets_centres_maker:edit", args=[maker.pk]), data
    )


def dashboard_titles(client, staff) -> str:
    client.force_login(staff, backend=MODEL_BACKEND)
    return html_of(client.get(reverse("dashboard:catalogue-product-list")))


def test_only_moderators_may_publish_makers(editor, moderator):
    policy = policy_registry.get_by_type(Maker)

    assert policy.user_has_permission(editor, "change")
    assert not policy.user_has_permission(editor, "publish")
    assert policy.user_has_permission(moderator, "publish")
    assert Maker().get_workflow().name == "Ban kiểm duyệt (Moderators)"


@pytest.mark.usefixtures("unstocked_garment")
def test_an_editors_maker_change_waits_for_a_moderator(
    client, editor, moderator, centres, van_phuc, weaver, scarf, profile
):
    bat_trang = centres["four"]
    bat_trang_staff = make_centre_staff(bat_trang)
    move = {"name": "Tên Đổi Trộm", "centre": bat_trang.pk}

    response = edit_maker(client, editor, weaver, "action-submit", **move)

    assert response.status_code == 302
    live = Maker.objects.get(pk=weaver.pk)
    assert live.live
    assert (live.name, live.centre) == ("Nguyễn Thị Dệt (demo)", van_phuc)
    assert live.has_unpublished_changes
    state = WorkflowState.objects.get(
        base_content_type__model="maker",
        object_id=str(weaver.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    assert state.requested_by == editor
    client.logout()
    product_page = html_of(client.get(scarf.get_absolute_url()))
    assert "Nguyễn Thị Dệt (demo)" in product_page
    assert "Tên Đổi Trộm" not in product_page
    assert "Tên Đổi Trộm" not in html_of(client.get(profile.get_url()))
    assert "Áo dài lụa chưa có cỡ" not in dashboard_titles(client, bat_trang_staff)

    state.current_task_state.specific.approve(user=moderator)

    live.refresh_from_db()
    assert (live.name, live.centre) == ("Tên Đổi Trộm", bat_trang)
    client.logout()
    assert "Tên Đổi Trộm" in html_of(client.get(scarf.get_absolute_url()))
    assert "Tên Đổi Trộm" in html_of(client.get(profile.get_url()))
    assert "Áo dài lụa chưa có cỡ" in dashboard_titles(client, bat_trang_staff)


def test_an_editor_pressing_publish_on_a_maker_publishes_nothing(
    client, editor, weaver
):
    edit_maker(client, editor, weaver, "action-publish", name="Tên Đổi Trộm")

    weaver.refresh_from_db()
    assert weaver.name == "Nguyễn Thị Dệt (demo)"
    assert weaver.live


def test_a_moderator_publishes_a_maker_change_at_once(client, moderator, weaver):
    response = edit_maker(client, moderator, weaver, "action-publish", name="Tên Mới")

    assert response.status_code == 302
    weaver.refresh_from_db()
    assert weaver.name == "Tên Mới"


def test_a_maker_an_editor_adds_is_a_draft_no_dashboard_offers(
    client, editor, van_phuc, weaver
):
    client.force_login(editor)
    data = maker_form(weaver, name="Thợ Mới Thêm")
    data["action-submit"] = "1"

    response = client.post(reverse("wagtailsnippets_centres_maker:add"), data)

    assert response.status_code == 302
    added = Maker.objects.get(name="Thợ Mới Thêm")
    assert not added.live
    assert list(Maker.objects.live().filter(centre=van_phuc)) == [weaver]
    staff = make_centre_staff(van_phuc)
    form = ProductForm(ProductFactory(centre=van_phuc).product_class, user=staff)
    assert list(form.fields["maker"].queryset) == [weaver]


# Images and documents -------------------------------------------------------


def jpeg_bytes(colour: str) -> bytes:
    buffer = io.BytesIO()
    Pillow.new("RGB", (16, 12), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def kiln_photo():
    return WagtailImageFactory(title="Lò gốm", description="Lò bầu nung gốm")


@pytest.fixture
def live_story(story_index, centres, kiln_photo):
    return StoryPageFactory(
        parent=story_index["vi"], centre=centres["four"], hero_image=kiln_photo
    )


def replace_file(client, user, image):
    client.force_login(user)
    return client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "description": image.description,
            "collection": image.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("thay-the.jpg", jpeg_bytes("red")),
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )


def test_an_editor_cannot_replace_the_file_of_an_image_a_live_story_shows(
    client, editor, kiln_photo, live_story
):
    before = kiln_photo.file.name
    shown = html_of(client.get(live_story.get_url()))

    response = replace_file(client, editor, kiln_photo)

    assert response.status_code == 200
    assert IN_USE in html_of(response)
    kiln_photo.refresh_from_db()
    assert kiln_photo.file.name == before
    client.logout()
    assert html_of(client.get(live_story.get_url())) == shown


def test_a_moderator_replaces_the_file_of_an_image_a_live_story_shows(
    client, moderator, kiln_photo, live_story
):
    before = kiln_photo.file.name

    response = replace_file(client, moderator, kiln_photo)

    assert response.status_code == 302
    kiln_photo.refresh_from_db()
    assert kiln_photo.file.name != before


def test_an_editor_replaces_the_file_of_an_image_only_a_draft_uses(
    client, editor, story_index, centres, kiln_photo
):
    draft = {"centre": centres["four"], "hero_image": kiln_photo, "live": False}
    StoryPageFactory(parent=story_index["vi"], **draft)

    response = replace_file(client, editor, kiln_photo)

    assert response.status_code == 302


def test_an_editor_cannot_delete_an_image_a_live_story_shows(
    client, editor, kiln_photo, live_story
):
    client.force_login(editor)
    url = reverse("wagtailimages:delete", args=[kiln_photo.pk])

    response = client.post(url, follow=True)

    assert response.redirect_chain[0][0] == reverse(
        "wagtailimages:edit", args=[kiln_photo.pk]
    )
    assert "only a moderator can delete it" in html_of(response)
    assert Image.objects.filter(pk=kiln_photo.pk).exists()
    policy = policy_registry.get_by_type(Image)
    assert not policy.user_has_permission_for_instance(editor, "delete", kiln_photo)
    client.post(reverse("wagtailimages:delete_multiple", args=[kiln_photo.pk]))
    assert Image.objects.filter(pk=kiln_photo.pk).exists()


def test_a_moderator_deletes_an_image_a_live_story_shows(
    client, moderator, kiln_photo, live_story
):
    client.force_login(moderator)

    client.post(reverse("wagtailimages:delete", args=[kiln_photo.pk]))

    assert not Image.objects.filter(pk=kiln_photo.pk).exists()


def test_an_editor_cannot_delete_a_document_a_live_story_links_to(
    client, editor, story_index, centres
):
    document = Document(title="Bảng giá", collection=Collection.get_first_root_node())
    document.file.save("bang-gia.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    link = f'<p><a linktype="document" id="{document.pk}">Bảng giá</a></p>'
    body = [("paragraph", RichText(link))]
    StoryPageFactory(parent=story_index["vi"], centre=centres["four"], body=body)
    client.force_login(editor)

    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))

    assert response.status_code == 302
    assert Document.objects.filter(pk=document.pk).exists()
