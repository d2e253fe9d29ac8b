"""Slugs are plain ASCII transliterated from Vietnamese: "Gốm men lam Bát Tràng"
gets ``gom-men-lam-bat-trang``, whether the editor pastes a slug with accents
or a page is saved without one (Wagtail's form asks for a slug, its JavaScript
fills it in from the title); a title already used among the siblings is
numbered as Wagtail numbers its slugs. The browser's half, the slug the editor
sees while typing the title, is in the functional tests
(test_cms_editors_in_chromium.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from sitewide.slugs import vietnamese_slug
from stories.models import VillageStoryPage
from tests.factories import ProductFactory, site_manager

pytestmark = pytest.mark.django_db

TITLE = "Gốm men lam Bát Tràng"
SLUG = "gom-men-lam-bat-trang"


def create_story(client, user, parent, centre, **fields):
    """Post Wagtail's "add page" form for a village story under ``parent`` (a draft)."""
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": "",
            "centre": centre.pk,
            "lead": "Men lam trên nền gốm trắng.",
            "hero_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Lò bầu.</p>"))]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            **fields,
        }
    )
    client.force_login(user)
    return client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["stories", "villagestorypage", parent.pk],
        ),
        data,
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (TITLE, SLUG),
        ("Đông Hồ: tranh điệp", "dong-ho-tranh-diep"),
        ("Lụa Vạn Phúc – nghìn năm", "lua-van-phuc-nghin-nam"),
        ("Ốc, ầu, ữ, ự, Đ, đ", "oc-au-u-u-d-d"),
        ("  Áo dài Trạch Xá  ", "ao-dai-trach-xa"),
    ],
)
def test_vietnamese_text_is_transliterated_letter_by_letter(text, slug):
    assert vietnamese_slug(text) == slug


def test_a_pasted_slug_with_accents_is_saved_transliterated(
    client, editor, story_index, centres
):
    response = create_story(
        client, editor, story_index["vi"], centres["four"], slug="gốm-men-lam-Bát-Tràng"
    )

    assert response.status_code == 302
    assert VillageStoryPage.objects.get(title=TITLE).slug == SLUG


def test_a_pasted_slug_that_a_sibling_has_once_transliterated_is_refused(
    client, editor, story_index, centres
):
    create_story(client, editor, story_index["vi"], centres["four"], slug=SLUG)

    response = create_story(
        client, editor, story_index["vi"], centres["four"], slug="gốm-men-lam-bát-tràng"
    )

    assert response.status_code == 200
    assert SLUG in response.context["form"].errors["slug"][0]
    assert VillageStoryPage.objects.filter(title=TITLE).count() == 1


def test_a_page_made_in_code_without_a_slug_is_transliterated_and_numbered(
    story_index, centres
):
    first, second = (
        story_index["vi"].add_child(
            instance=VillageStoryPage(
                title="Đồ gốm Bát Tràng", centre=centres["four"], lead="Gốm."
            )
        )
        for _ in range(2)
    )

    assert (first.slug, second.slug) == ("do-gom-bat-trang", "do-gom-bat-trang-2")


def test_a_centres_slug_in_the_snippet_form_is_transliterated(client, centres):
    centre = centres["four"]
    client.force_login(site_manager())
    edit_url = reverse("wagtailsnippets_centres_designcentre:edit", args=[centre.pk])
    form = client.get(edit_url).context["form"]

    assert form["slug"].field.clean("Bát-Tràng-Đông") == "bat-trang-dong"
    assert "data-w-slug-formatters-value" in str(form["slug"])


def test_a_product_without_a_slug_gets_its_title_transliterated(centres):
    product = ProductFactory(
        centre=centres["four"], title="Đĩa gốm vẽ hoa sen", slug=""
    )

    assert product.slug == "dia-gom-ve-hoa-sen"
