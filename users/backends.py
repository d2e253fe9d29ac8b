"""The first authentication backend: refuses every sign-in while it is locked.

Django's ``AuthenticationForm.clean`` calls ``authenticate()``; a
``ValidationError`` raised here becomes the form's error on every sign-in form
(dashboard, customer account, Wagtail admin, Django admin), and the backends
after this one are not asked, so even the right password is refused. Only
sign-ins that come with a request are checked: code that signs in a buyer it
has just registered passes none.
"""

from __future__ import annotations

import math

from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from users import sign_in_limits


def too_many_failures(seconds: int) -> ValidationError:
    minutes = max(1, math.ceil(seconds / 60))
    return ValidationError(
        ngettext(
            "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
            "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
        code="sign_in_locked",
    )


def account_slowed(seconds: int) -> ValidationError:
    return ValidationError(
        ngettext(
            "Wrong passwords for this account have been tried from many places. "
            "Wait %(seconds)d second and try again.",
            "Wrong passwords for this account have been tried from many places. "
            "Wait %(seconds)d seconds and try again.",
            seconds,
        )
        % {"seconds": seconds},
        code="sign_in_slowed",
    )


class SignInThrottleBackend(BaseBackend):
    """Lets no one through; stops the others while an account or address is
    locked, or while a slowed account's turn has not come.

    Being first, it is the backend Django records for a session opened without
    one (``Client.force_login``, management tools): it finds that session's
    user as Django's model backend does.
    """

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)

    def authenticate(self, request, username=None, password=None, **credentials):
        if request is None:
            return None
        identifier = credentials.get("email") or username
        refused = sign_in_limits.refusal(
            identifier, sign_in_limits.client_address(request)
        )
        if refused is None:
            return None
        if refused.locked:
            raise too_many_failures(refused.seconds)
        raise account_slowed(refused.seconds)
