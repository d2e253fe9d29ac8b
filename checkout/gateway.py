"""The checkout's first step in the shop's own words: an e-mail, then an account or not.

Oscar's gateway form, with its three choices said as a buyer would: buy without an
account (the default), sign in, or create an account first. The field names and
values stay Oscar's, so its view and the sign-in limits work unchanged.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm


class GatewayForm(OscarGatewayForm):
    GUEST = OscarGatewayForm.GUEST
    NEW = OscarGatewayForm.NEW
    EXISTING = OscarGatewayForm.EXISTING
    CHOICES = (
        (GUEST, _("Buy without an account")),
        (EXISTING, _("I have an account: sign in with my password")),
        (NEW, _("Create an account first")),
    )

    username = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the order's confirmation and news of its delivery there."),
    )
    options = forms.ChoiceField(
        label=_("Do you have an account with us?"),
        widget=forms.RadioSelect,
        choices=CHOICES,
        initial=GUEST,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "inputmode": "email"}
        )
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
