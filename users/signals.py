"""Sign-in failures counted (a sign-in clears its own address's count); the
welcome e-mail of a new account sent within the mail limits."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from oscar.apps.customer.signals import user_registered

from users import sign_in_limits, stranger_mail


@receiver(user_login_failed, dispatch_uid="users.count_sign_in_failure")
def count_sign_in_failure(sender, credentials, request=None, **kwargs) -> None:
    sign_in_limits.record_failure(
        credentials.get("email") or credentials.get("username"),
        sign_in_limits.client_address(request),
    )


@receiver(user_logged_in, dispatch_uid="users.clear_sign_in_failures")
def clear_sign_in_failures(sender, request, user, **kwargs) -> None:
    sign_in_limits.record_success(user.email, sign_in_limits.client_address(request))


user_registered.connect(
    stranger_mail.send_registration_email, dispatch_uid="users.registration_email"
)
