"""Images and documents that live content shows: only moderators replace or delete them.

Replacing the file of an image a published story shows changes that story at
once, with no moderator in between; deleting it leaves a hole. So an image or
document that a live page or live snippet uses (Wagtail's reference index,
what its "Usage" tab lists) keeps its file, and stays, unless the person is a
moderator, a site manager or a superuser. Editors may still change its title,
tags and alt text, and may replace or delete media nothing live uses (a
draft's, or an unused upload).

``LiveMediaPermissionPolicy`` refuses "delete" (the single, multiple-upload and
bulk delete views all ask it; the delete button is not shown), and the single
delete pages say why (``LiveImageDeleteView``, ``LiveDocumentDeleteView``); the
image and document forms (``stories.forms``) refuse a new file with
``FILE_IN_USE``.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.documents.views.documents import DeleteView as DocumentDeleteView
from wagtail.images.views.images import DeleteView as ImageDeleteView
from wagtail.models import DraftStateMixin, ReferenceIndex
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)

MAY_CHANGE_LIVE_MEDIA = ("Moderators", "Site managers")

FILE_IN_USE = _(
    "Published content uses this file (see “Usage”): only a moderator can "
    "replace it. Upload the new file as a new image or document and use it in "
    "your draft instead."
)
DELETE_IN_USE = _(
    "Published content uses “%(title)s” (see “Usage”): only a moderator can delete it."
)


def may_change_live_media(user) -> bool:
    return bool(
        user.is_active
        and (
            user.is_superuser
            or user.groups.filter(name__in=MAY_CHANGE_LIVE_MEDIA).exists()
        )
    )


def live_users_of(obj) -> list:
    """The live pages and snippets whose content refers to ``obj``.

    An object without drafts (no ``DraftStateMixin``) is always live. One query
    for the references, then one per kind of object that refers to ``obj``.
    """
    if obj.pk is None:
        return []
    ids_by_type: dict[int, set[str]] = defaultdict(set)
    references = ReferenceIndex.get_references_to(obj).values_list(
        "content_type_id", "object_id"
    )
    for content_type_id, object_id in references.distinct():
        ids_by_type[content_type_id].add(object_id)
    users = []
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=ids)
        if issubclass(model, DraftStateMixin):
            objects = objects.filter(live=True)
        users.extend(objects)
    return users


def is_used_by_live_content(obj) -> bool:
    return bool(live_users_of(obj))


def may_replace_or_delete(user, obj) -> bool:
    """Whether ``user`` may give ``obj`` a new file or delete it."""
    return may_change_live_media(user) or not is_used_by_live_content(obj)


class LiveMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, refusing "delete" of what live
    content uses to everyone but moderators, site managers and superusers."""

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = super().user_has_permission_for_instance(user, action, instance)
        if allowed and action == "delete":
            return may_replace_or_delete(user, instance)
        return allowed


class LiveMediaDeleteMixin:
    """A delete page that, for media live content uses, tells the editor why not."""

    edit_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not may_replace_or_delete(request.user, self.object):
            messages.error(request, DELETE_IN_USE % {"title": self.object.title})
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)


class LiveImageDeleteView(LiveMediaDeleteMixin, ImageDeleteView):
    edit_url_name = "wagtailimages:edit"


class LiveDocumentDeleteView(LiveMediaDeleteMixin, DocumentDeleteView):
    edit_url_name = "wagtaildocs:edit"
