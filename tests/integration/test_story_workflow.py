"""Editors write stories, preview them and submit them; moderators approve them, and
only then do they go live (at the scheduled time, if one is set). An editor alone
cannot publish, in Wagtail's admin or otherwise. Every image must say what it shows
(its alt text) before it can be added."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from stories.forms import AltTextRequiredImageForm
from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(story_index, centres):
    """A story written but never published."""
    return StoryPageFactory(
        parent=story_index["vi"],
        centre=centres["four"],
        title="Gốm Bát Tràng qua sáu thế kỷ",
        slug="gom-bat-trang",
        live=False,
    )


def edit_form_data(page: StoryPage, action: str) -> dict[str, str]:
    """What the admin's edit form posts for ``page``, with the button ``action``."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "centre": page.centre_id,
            "lead": "Làng gốm bên sông Hồng.",
            "hero_image": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Đất sét trắng, lò bầu, men lam.</p>"))]
            ),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def edit(client, user, page: StoryPage, action: str):
    client.force_login(user)
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form_data(page, action),
    )


def test_an_editor_can_write_but_not_publish(editor, moderator, draft):
    assert draft.permissions_for_user(editor).can_edit()
    assert not draft.permissions_for_user(editor).can_publish()
    assert draft.permissions_for_user(moderator).can_publish()


def test_an_editor_submits_a_story_for_moderation_in_the_admin(client, editor, draft):
    response = edit(client, editor, draft, "action-submit")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    state = WorkflowState.objects.get(
        object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.requested_by == editor
    assert state.current_task_state.revision.as_object().lead == (
        "Làng gốm bên sông Hồng."
    )


def test_an_editor_pressing_publish_in_the_admin_does_not_publish(
    client, editor, draft
):
    edit(client, editor, draft, "action-publish")

    draft.refresh_from_db()
    assert not draft.live
    assert draft.first_published_at is None
    assert client.get(draft.get_url()).status_code == 404


def test_a_moderator_approves_a_submitted_story_and_it_goes_live(
    client, editor, moderator, draft
):
    edit(client, editor, draft, "action-submit")
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state.specific
    task = task_state.task.specific

    assert task.get_actions(draft, editor) == []
    assert "approve" in {
        name for name, _label, _modal in task.get_actions(draft, moderator)
    }

    task_state.approve(user=moderator)

    draft.refresh_from_db()
    assert draft.live
    assert draft.lead == "Làng gốm bên sông Hồng."
    assert client.get(draft.get_url()).status_code == 200


def test_the_workflow_api_needs_a_moderator_to_publish(editor, moderator, draft):
    workflow = draft.get_workflow()
    assert workflow is not None
    draft.save_revision(user=editor)

    state = workflow.start(draft, editor)

    draft.refresh_from_db()
    assert not draft.live
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    state.current_task_state.specific.approve(user=moderator)

    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "saddlebrown").save(buffer, format="JPEG")
    return SimpleUploadedFile("lo-gom.jpg", buffer.getvalue(), "image/jpeg")


def image_form(**data):
    form_class = get_image_form(get_image_model())
    fields = {
        "title": "Lò gốm",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        **data,
    }
    return form_class(data=fields, files={"file": jpeg()})


def test_the_image_form_is_the_one_that_requires_alt_text():
    assert issubclass(get_image_form(get_image_model()), AltTextRequiredImageForm)


def test_an_image_without_alt_text_is_refused():
    form = image_form(description="")

    assert not form.is_valid()
    assert "description" in form.errors


def test_an_image_with_alt_text_is_accepted():
    form = image_form(description="Lò bầu nung gốm bằng củi")

    assert form.is_valid(), form.errors


def test_an_editor_previews_a_story_before_submitting_it(client, editor, draft):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk])

    checked = client.post(url, edit_form_data(draft, "preview"))
    preview = client.get(url)

    assert checked.json()["is_valid"]
    assert preview.status_code == 200
    assert "Đất sét trắng, lò bầu, men lam." in preview.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_an_approved_story_scheduled_for_later_goes_live_then(
    client, editor, moderator, draft
):
    data = edit_form_data(draft, "action-submit")
    later = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    data["go_live_at"] = later.strftime("%Y-%m-%d %H:%M")
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    draft.refresh_from_db()

    draft.current_workflow_task_state.specific.approve(user=moderator)

    draft.refresh_from_db()
    assert not draft.live
    scheduled = draft.scheduled_revision
    assert scheduled is not None
    assert scheduled.approved_go_live_at == later

    a_minute_ago = timezone.now() - timedelta(minutes=1)  # two days have passed
    scheduled.content["go_live_at"] = a_minute_ago.isoformat()
    scheduled.approved_go_live_at = a_minute_ago
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=io.StringIO())

    draft.refresh_from_db()
    assert draft.live
