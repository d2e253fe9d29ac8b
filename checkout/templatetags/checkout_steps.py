"""``{% checkout_steps step as steps %}``: the checkout's five steps, one bar on each.

The steps are those the buyer really goes through: e-mail (or signing in), the
address, each centre's delivery, the way to pay, the review; placing the order
ends the checkout. A step already passed links back to it, except the e-mail
step of a signed-in buyer, which has nothing to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

STEPS = (
    ("email", _("E-mail"), "checkout:index"),
    ("address", _("Address"), "checkout:shipping-address"),
    ("delivery", _("Delivery"), "checkout:shipping-method"),
    ("payment", _("Payment"), "checkout:payment-method"),
    ("review", _("Review"), "checkout:preview"),
)


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    url: str
    is_current: bool
    is_done: bool


@register.simple_tag(takes_context=True)
def checkout_steps(context, current: str) -> list[Step]:
    names = [name for name, _label, _url in STEPS]
    position = names.index(current) if current in names else -1
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    steps = []
    for index, (name, label, url_name) in enumerate(STEPS):
        is_done = index < position
        links_back = is_done and not (name == "email" and signed_in)
        steps.append(
            Step(
                name=name,
                label=str(label),
                url=reverse(url_name) if links_back else "",
                is_current=index == position,
                is_done=is_done,
            )
        )
    return steps
