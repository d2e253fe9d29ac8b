"""The dashboard form that invites a person to a centre's staff."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.utils import normalise_email

from catalogue.forms import DisplayNameChoiceField
from centres.models import DesignCentre
from users import roles


class InviteStaffForm(forms.Form):
    """Who to invite, to which centre, and in which language to write to them.

    An address that already has an account is reused (a buyer can become
    staff), unless it belongs to a site manager, to another centre's staff or
    to a deactivated account: those are refused with the reason.
    """

    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Full name"), max_length=150)
    centre = DisplayNameChoiceField(
        label=_("Centre"),
        queryset=DesignCentre.objects.select_related("partner"),
        empty_label=None,
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.LANGUAGES,
        initial="vi",
    )

    existing_user = None

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        email, centre = cleaned.get("email"), cleaned.get("centre")
        if not email or not centre:
            return cleaned
        self.existing_user = (
            get_user_model().objects.filter(email__iexact=email).first()
        )
        user = self.existing_user
        if user is None:
            return cleaned
        if roles.is_site_manager(user):
            raise forms.ValidationError(
                _(
                    "%(email)s belongs to a site manager, who already sees every "
                    "centre. Invite another address."
                ),
                code="site_manager",
                params={"email": email},
            )
        if not user.is_active:
            raise forms.ValidationError(
                _(
                    "The account of %(email)s is deactivated. Reactivate it in "
                    "the dashboard's customers before inviting it."
                ),
                code="inactive",
                params={"email": email},
            )
        other = DesignCentre.objects.of_staff(user).exclude(pk=centre.pk).first()
        if other is not None:
            raise forms.ValidationError(
                _(
                    "%(email)s is already staff of %(centre)s. A person works "
                    "for one centre: use another address."
                ),
                code="other_centre",
                params={"email": email, "centre": other.display_name},
            )
        if DesignCentre.objects.of_staff(user).filter(pk=centre.pk).exists():
            raise forms.ValidationError(
                _(
                    "%(email)s is already staff of %(centre)s. To send the "
                    "invitation again, use Resend in the staff list."
                ),
                code="same_centre",
                params={"email": email, "centre": centre.display_name},
            )
        return cleaned
