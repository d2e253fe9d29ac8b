"""Site managers' pages for centre staff: who works for which centre, and inviting.

Both pages are for ``is_staff`` only (``dashboard.staff.apps`` maps their URL names).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from centres.models import DesignCentre
from dashboard.staff.forms import InviteStaffForm
from users import invitations, mail_limits, roles


def _over_mail_limit(request, user) -> str:
    """Why the invitation to ``user`` is not sent now ("" if it may be)."""
    verdict = mail_limits.take("staff invitation", user.email, request)
    if verdict is mail_limits.Verdict.RECIPIENT_OVER_LIMIT:
        return gettext(
            "%(email)s has been sent too many e-mails in the last hour; "
            "the invitation was not sent. Try Resend later."
        ) % {"email": user.email}
    if verdict is mail_limits.Verdict.CLIENT_OVER_LIMIT:
        return gettext(
            "Too many e-mails have been sent from your internet connection in the "
            "last hour; the invitation to %(email)s was not sent. Try Resend later."
        ) % {"email": user.email}
    return ""


class ResendInvitationForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(groups__name=roles.CENTRE_STAFF)
    )
    language = forms.ChoiceField(choices=settings.LANGUAGES, initial="vi")


class StaffListView(TemplateView):
    """Centre staff by centre: who is active, who has not signed in yet (resend)."""

    template_name = "oscar/dashboard/staff/staff_list.html"

    def get_context_data(self, **kwargs):
        staff = get_user_model().objects.order_by("first_name", "email")
        centres = DesignCentre.objects.select_related("partner").prefetch_related(
            Prefetch("partner__users", queryset=staff)
        )
        rows = [
            {
                "centre": centre,
                "people": [
                    {"user": user, "active": invitations.has_signed_in(user)}
                    for user in centre.partner.users.all()
                ],
            }
            for centre in centres
        ]
        return super().get_context_data(
            centres=rows, languages=settings.LANGUAGES, **kwargs
        )

    def post(self, request, *args, **kwargs):
        """Send the invitation again to someone who has not signed in yet."""
        form = ResendInvitationForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, gettext("Choose a person and a language to resend.")
            )
            return self.render_to_response(self.get_context_data())
        user = form.cleaned_data["user"]
        centre = DesignCentre.objects.of_staff(user).first()
        if centre is None:
            error = gettext("%(email)s is not staff of any centre.")
        elif invitations.has_signed_in(user):
            error = gettext(
                "%(email)s has already signed in: they can reset their own "
                "password from the sign-in page."
            )
        else:
            error = ""
        if error:
            messages.error(request, error % {"email": user.email})
            return self.render_to_response(self.get_context_data())
        over_limit = _over_mail_limit(request, user)
        if over_limit:
            messages.error(request, over_limit)
            return redirect("dashboard:staff-invitations")
        invitations.send_invitation(user, centre, form.cleaned_data["language"])
        messages.success(
            request,
            gettext("Invitation sent again to %(email)s.") % {"email": user.email},
        )
        return redirect("dashboard:staff-invitations")


class InviteStaffView(FormView):
    """Invite a person to a centre: account, centre staff role, e-mail with a link."""

    template_name = "oscar/dashboard/staff/staff_invite.html"
    form_class = InviteStaffForm
    success_url = reverse_lazy("dashboard:staff-invitations")

    def form_valid(self, form):
        data = form.cleaned_data
        with transaction.atomic():
            user = invitations.add_invited_staff(
                data["email"], data["name"], data["centre"], form.existing_user
            )
            over_limit = _over_mail_limit(self.request, user)
            if not over_limit:
                invitations.send_invitation(user, data["centre"], data["language"])
        if over_limit:
            messages.warning(self.request, over_limit)
        else:
            messages.success(
                self.request,
                gettext("%(email)s is now staff of %(centre)s; invitation sent.")
                % {"email": user.email, "centre": data["centre"].display_name},
            )
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Invite centre staff"), **kwargs)
