"""``{% order_view order as order_page %}``: an order as its buyer reads it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from order.models import DeliveryKind
from order.presentation import order_presentation
from order.statuses import LineStatus

register = template.Library()


@register.simple_tag
def order_view(order) -> dict:
    return order_presentation(order)


@register.simple_tag
def line_status_label(status: str) -> str:
    """A line's status in the page's language (an unset status reads "New")."""
    return LineStatus.label_of(status or LineStatus.NEW)


@register.simple_tag
def delivery_label(kind: str) -> str:
    """A parcel's kind of delivery in the page's language ("" for none)."""
    return str(DeliveryKind(kind).label) if kind in DeliveryKind.values else ""


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@register.filter
def vietnam_time(moment) -> str:
    """A moment as Vietnam's clocks show it, in the page's language, saying so:
    a tourist's browser may be in another time zone."""
    if not moment:
        return ""
    local = timezone.localtime(moment, VIETNAM)
    # Translators: a format of Django's "date" filter: "2:30 p.m., Dec. 2, 2025".
    when = format_date(local, _("P, N j, Y"))
    return _("%(when)s (Vietnam time)") % {"when": when}
