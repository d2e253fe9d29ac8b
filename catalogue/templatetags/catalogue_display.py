"""Template helpers for the catalogue (named apart from Oscar's own tag libraries)."""

from __future__ import annotations

import datetime

import nh3
from django import template
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

register = template.Library()

DESCRIPTION_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
}

# Messages of Oscar (availability, on every product card) and of Django (the
# filter form's errors) whose own Vietnamese is awkward or missing ("Trong kho
# ( %d có sẵn)", "Nhập một số tổng thể."). Listed here so makemessages keeps
# them in locale/vi, whose wording then takes precedence.
REWORDED_MESSAGES = (
    gettext_noop("In stock"),
    gettext_noop("In stock (%d available)"),
    gettext_noop("Available"),
    gettext_noop("Unavailable"),
    gettext_noop("no stock available"),
    gettext_noop("a maximum of %(max)d can be bought"),
    gettext_noop("Enter a whole number."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop(
        "Select a valid choice. %(value)s is not one of the available choices."
    ),
    gettext_noop(
        "Select a valid choice. That choice is not one of the available choices."
    ),
)


@register.filter
def is_past(value: datetime.date | None) -> bool:
    """True for a date before today (an expired certificate)."""
    return value is not None and value < timezone.localdate()


@register.filter
def description_html(value: str) -> str:
    """A product description as HTML that cannot carry script.

    Centre staff write descriptions in Oscar's dashboard editor (HTML); what
    they write is cleaned against an allow-list of formatting tags, so one
    centre's staff cannot run script in a visitor's or an editor's browser.
    Plain text keeps its paragraphs and line breaks.
    """
    if not value:
        return ""
    if nh3.is_html(value):
        return mark_safe(nh3.clean(value, tags=DESCRIPTION_TAGS))
    return mark_safe(linebreaks(value, autoescape=True))


@register.simple_tag
def own_or_parent(product, attribute: str):
    """``product.<attribute>``, or its parent's when a child product leaves it empty."""
    value = getattr(product, attribute, None)
    if value in (None, "") and getattr(product, "parent_id", None):
        value = getattr(product.parent, attribute, None)
    return value
