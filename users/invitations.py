"""Inviting a person to a centre's staff: the account, and the e-mail with its link.

The invited person gets an account with no usable password and an e-mail, in
the language the site manager chose, with a link to Oscar's "choose a new
password" page (Django's password-reset token: it works once, until
``PASSWORD_RESET_TIMEOUT`` runs out). Once they have chosen a password they
sign in at the dashboard's sign-in page.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.models import Site
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from oscar.core.loading import get_class

from outbox.sending import send_later
from users import roles

logger = logging.getLogger(__name__)
Dispatcher = get_class("communication.utils", "Dispatcher")

TEMPLATES = "users/emails/staff_invitation"


@transaction.atomic
def add_invited_staff(email: str, name: str, centre, existing_user=None):
    """The account of ``email`` (made without a usable password if new), now on
    ``centre``'s staff."""
    user = existing_user
    if user is None:
        user = get_user_model()(email=email, first_name=name)
        user.set_unusable_password()
        user.save()
    elif not user.get_full_name():
        user.first_name = name
        user.save(update_fields=["first_name"])
    roles.add_centre_staff(user, centre)
    return user


def has_signed_in(user) -> bool:
    return user.last_login is not None and user.has_usable_password()


def _absolute(site, path: str) -> str:
    return f"{settings.OSCAR_URL_SCHEMA}://{site.domain}{path}"


def set_password_path(user) -> str:
    return reverse(
        "password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invitation_messages(user, centre, language: str) -> dict:
    site = Site.objects.get_current()
    with translation.override(language):
        context = {
            "user": user,
            "name": user.get_full_name() or user.email,
            "centre": centre.display_name,
            "site": site,
            "has_password": user.has_usable_password(),
            "set_password_url": _absolute(site, set_password_path(user)),
            "sign_in_url": _absolute(site, reverse("dashboard:login")),
            "expires": timezone.localtime()
            + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        }
        subject = render_to_string(f"{TEMPLATES}_subject.txt", context)
        return {
            "subject": " ".join(subject.split()),
            "body": render_to_string(f"{TEMPLATES}_body.txt", context),
            "html": render_to_string(f"{TEMPLATES}_body.html", context),
            "sms": None,
        }


def send_invitation(user, centre, language: str) -> None:
    """Put ``user``'s invitation in the outbox (``outbox.sending``): sent by a
    task, tried again while the mail server is down. Its link is made when it
    is sent, so it is fresh whenever that is. Each call is a new e-mail."""
    send_later(
        f"staff invitation {user.pk} {uuid.uuid4().hex}",
        "users.invitations.deliver_invitation",
        user_pk=user.pk,
        centre_pk=centre.pk,
        language=language,
    )


def deliver_invitation(user_pk: int, centre_pk: int, language: str) -> str:
    """Send the invitation now; to whom, or "" if the account or centre is gone."""
    from centres.models import DesignCentre

    user = get_user_model().objects.filter(pk=user_pk).first()
    centre = DesignCentre.objects.filter(pk=centre_pk).first()
    if user is None or centre is None or not user.email:
        return ""
    messages = invitation_messages(user, centre, language)
    Dispatcher(logger=logger).dispatch_direct_messages(user.email, messages)
    return user.email
