"""Wagtail hooks: the product chooser; images and documents live content uses.

The permission policies are registered for the exact image and document
models: Wagtail's images and documents apps register their own, for those
models and their subclasses, in ``ready()``, which may run after this module
is imported, and an exact-class entry wins whatever the order.
"""

from django.urls import path
from wagtail import hooks
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy

from stories.blocks import product_chooser_viewset
from stories.live_media import (
    LiveDocumentDeleteView,
    LiveImageDeleteView,
    LiveMediaPermissionPolicy,
)

register_permission_policy(
    get_image_model(),
    LiveMediaPermissionPolicy(
        get_image_model(),
        auth_model="wagtailimages.Image",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)
register_permission_policy(
    get_document_model(),
    LiveMediaPermissionPolicy(
        get_document_model_string(),
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    ),
    exact_class=True,
)


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_urls")
def delete_pages_that_explain_live_media():
    """The images' and documents' delete pages, at Wagtail's own addresses.

    This app's hooks come before Wagtail's (``INSTALLED_APPS`` order), so these
    patterns match first; ``wagtailimages:delete`` still names the same path.
    """
    return [
        path("images/<int:image_id>/delete/", LiveImageDeleteView.as_view()),
        path("documents/delete/<int:document_id>/", LiveDocumentDeleteView.as_view()),
    ]
