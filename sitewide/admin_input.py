"""Wagtail's admin answers posted data it cannot read with a message, not a 500.

- **StreamFields.** Wagtail reads a StreamField from the posted form by
  indexing it directly (``body-count``, then ``body-0-type``, ``body-0-order``
  and so on, nested blocks alike): a POST that leaves them out, or sends
  letters for a count, was a server error on the page edit view. The editor's
  own browser always sends them; anything else is refused as the field's
  error, and the form is shown again with the field empty.
- **Copying a page.** Wagtail's copy view looks up ``new_parent_page`` before
  its form checks it: missing, non-numeric or unknown, it was a server error.
- **Ids that cannot be.** Wagtail 8.0's chooser widgets (images, documents,
  pages, snippets, products) look up whatever was posted as a primary key to
  show the form again, and its "chosen" views look up the URL's; letters there
  raised ``ValueError``. They now read as nothing chosen, and a 404.
- **Creating from a chooser that cannot.** The snippet choosers have a
  "create" URL but no creation form: a POST there is a 404 now.
- **A link without an address.** The external-link chooser's URL field read a
  missing value as text.
- **Searching a filtered listing.** The image and document listings filter by
  usage count through an annotation, which the search backend cannot turn into
  a search filter: searching with that filter on was a server error. The search
  then runs over all of them and the filtered listing keeps its matches.
- **Where to go next.** The admin follows a ``next`` parameter with Django's
  ``redirect()``, which takes text without a slash for the name of a URL
  pattern (``NoReverseMatch``): ``AdminNextIsAPath`` keeps only a path or a URL.

The ids, the chooser's create, the link and the search are corrections of
Wagtail's own methods (``read_only_real_ids``, ``search_despite_annotations``),
each pinned by a test in ``tests/integration/test_no_server_errors.py``, so a
Wagtail upgrade that changes them shows.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.base import FilterError
from wagtail import hooks
from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.chooser import ChosenViewMixin, CreateViewMixin
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks import BlockField, BlockWidget, StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page

INCOMPLETE_MESSAGE = _(
    "This content was not sent in full. Reload the page and try again."
)


class IncompleteStreamValue(StreamValue):
    """An empty stream standing for posted data Wagtail cannot read."""


class StreamDataWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError):
            # Wagtail's own parsing fails on missing keys and non-numeric counts.
            return IncompleteStreamValue(self.block_def, [])


class StreamDataField(BlockField):
    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", StreamDataWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if isinstance(value, IncompleteStreamValue):
            raise ValidationError(INCOMPLETE_MESSAGE, code="incomplete")
        return super().clean(value)


def use_stream_data_fields() -> None:
    """Every StreamField in Wagtail's admin forms (pages, snippets) gets the field."""
    register_form_field_override(StreamField, override={"form_class": StreamDataField})


@hooks.register("before_copy_page")
def refuse_a_copy_under_no_page(request, page):
    if request.method != "POST":
        return None
    parent = forms.ModelChoiceField(queryset=Page.objects.all())
    try:
        parent.clean(request.POST.get("new_parent_page"))
    except ValidationError:
        messages.error(request, gettext("Choose the page to copy it under."))
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


NOT_AN_ID = (ValueError, TypeError, ValidationError, OverflowError)
"""What Django raises for a primary-key lookup of text that cannot be a key."""


def read_only_real_ids() -> None:
    """Wagtail's chooser widgets and chosen views treat an impossible id as
    unknown; its chooser create views without a form are not there."""
    widget_instance = BaseChooser.get_instance
    chosen_object = ChosenViewMixin.get_object

    def get_instance(self, value):
        try:
            return widget_instance(self, value)
        except NOT_AN_ID:
            return None

    def get_object(self, pk):
        try:
            return chosen_object(self, pk)
        except NOT_AN_ID as error:
            raise ObjectDoesNotExist(pk) from error

    def is_absolute_path(value):
        return isinstance(value, str) and value.startswith("/")

    create_dispatch = CreateViewMixin.dispatch

    def dispatch(self, request, *args, **kwargs):
        if not self.get_creation_form_class():
            raise Http404("This chooser creates nothing.")
        return create_dispatch(self, request, *args, **kwargs)

    BaseChooser.get_instance = get_instance
    CreateViewMixin.dispatch = dispatch
    ChosenViewMixin.get_object = get_object
    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(is_absolute_path)


def search_despite_annotations() -> None:
    """A listing filtered on an annotation is searched as a whole, then kept to
    its filtered rows (see the module's "Searching a filtered listing")."""
    search = BaseListingView.search_queryset

    def search_queryset(self, queryset):
        try:
            return search(self, queryset)
        except (AttributeError, FilterError):
            if not queryset.query.annotations:
                raise
            found = search(self, queryset.model._default_manager.all())
            return queryset.filter(pk__in=[found_object.pk for found_object in found])

    BaseListingView.search_queryset = search_queryset


class AdminNextIsAPath:
    """In Wagtail's admin, a ``next`` that is neither a path nor an http(s) URL
    is left out of the request, as if none was given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")):
            for method in ("GET", "POST"):
                data = getattr(request, method)
                next_url = data.get("next")
                if next_url is not None and not next_url.startswith(
                    ("/", "http://", "https://")
                ):
                    data = data.copy()
                    del data["next"]
                    setattr(request, method, data)
        return self.get_response(request)
