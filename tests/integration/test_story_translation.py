"""Editors translate a story into English and moderators approve the translation.

Wagtail's "Dịch" (Translate) is shown to editors and moderators, not only to the
superuser. Translating a published Vietnamese story makes an English draft in
the English stories index, linked to it by ``translation_key``; it is not live
until a moderator approves it through the same workflow as any story. Then it
answers at /en/… and each language's switch leads to the other.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from stories.models import VillageStoryPage
from tests.factories import StoryPageFactory, centre_staff, cms_member
from tests.markup import html_of, language_switch_links

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Blue glaze of Bát Tràng"


@pytest.fixture
def story(story_index, centres):
    return StoryPageFactory(
        parent=story_index["vi"],
        centre=centres["four"],
        title="Gốm men lam Bát Tràng",
        slug="gom-men-lam-bat-trang",
    )


def translate(client, user, page):
    client.force_login(user)
    return client.post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]),
        {"locales": [Locale.objects.get(language_code="en").pk]},
    )


def english_of(page) -> VillageStoryPage:
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def submit_english(client, editor, page) -> None:
    data = nested_form_data(
        {
            "title": ENGLISH_TITLE,
            "slug": "blue-glaze-of-bat-trang",
            "centre": page.centre_id,
            "lead": "Cobalt blue on white clay, by the Red River.",
            "hero_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Kilns.</p>"))]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    data["action-submit"] = "1"
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_see_translate_on_a_story(client, story, group_name):
    client.force_login(cms_member(group_name))
    translate_url = reverse(
        "simple_translation:submit_page_translation", args=[story.pk]
    )

    edit_page = html_of(client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])))

    assert translate_url in edit_page
    assert client.get(translate_url).status_code == 200


def test_centre_staff_cannot_translate(client, story, centres):
    client.force_login(centre_staff(centres["four"]))
    response = client.get(
        reverse("simple_translation:submit_page_translation", args=[story.pk])
    )

    assert response.status_code in {302, 403}


def test_an_editors_translation_is_an_english_draft_linked_to_the_story(
    client, editor, story, story_index
):
    response = translate(client, editor, story)

    english = english_of(story)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert english.translation_key == story.translation_key
    assert english.get_parent().pk == story_index["en"].pk
    assert not english.live


def test_a_translation_waits_for_a_moderator_then_answers_in_english(
    client, editor, moderator, story
):
    translate(client, editor, story)
    english = english_of(story)

    submit_english(client, editor, english)

    english.refresh_from_db()
    assert not english.live
    state = WorkflowState.objects.get(
        object_id=str(english.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name == "Ban kiểm duyệt (Moderators)"
    assert state.requested_by == editor

    client.force_login(moderator)
    approve = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )

    assert approve.status_code == 302
    english.refresh_from_db()
    assert english.live
    assert english.title == ENGLISH_TITLE
    url = english.get_url()
    assert url.startswith("/en/")
    client.logout()
    assert client.get(url).status_code == 200
    assert language_switch_links(client.get(story.get_url()), "en") == [url]
    assert language_switch_links(client.get(url), "vi") == [story.get_url()]


def test_an_editor_cannot_publish_a_translation_alone(client, editor, story):
    translate(client, editor, story)
    english = english_of(story)

    submit_english(client, editor, english)
    state = WorkflowState.objects.get(object_id=str(english.pk))
    client.force_login(editor)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )

    english.refresh_from_db()
    assert response.status_code in {302, 403}
    assert not english.live
