"""Sign-in failures counted, and an account's count cleared when it signs in."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from users import sign_in_limits


@receiver(user_login_failed, dispatch_uid="users.count_sign_in_failure")
def count_sign_in_failure(sender, credentials, request=None, **kwargs) -> None:
    sign_in_limits.record_failure(
        credentials.get("email") or credentials.get("username"),
        sign_in_limits.client_address(request),
    )


@receiver(user_logged_in, dispatch_uid="users.clear_sign_in_failures")
def clear_sign_in_failures(sender, request, user, **kwargs) -> None:
    sign_in_limits.clear_account(user.email)
