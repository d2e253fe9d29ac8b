"""Wagtail's admin answers posted data it cannot read with a message, not a 500.

- **StreamFields.** Wagtail reads a StreamField from the posted form by
  indexing it directly (``body-count``, then ``body-0-type``, ``body-0-order``
  and so on, nested blocks alike): a POST that leaves them out, or sends
  letters for a count, was a server error on the page edit view. The editor's
  own browser always sends them; anything else is refused as the field's
  error, and the form is shown again with the field empty.
- **Copying a page.** Wagtail's copy view looks up ``new_parent_page`` before
  its form checks it: missing, non-numeric or unknown, it was a server error.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
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
