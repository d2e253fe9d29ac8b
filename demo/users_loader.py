"""Load the demo accounts: one site manager and one staff member per centre.

Centre staff are not ``is_staff``: Oscar then scopes its dashboard to their
own partner (they reach it through the "Centre staff" group's
``partner.dashboard_access``). Accounts that exist are left alone, passwords
included. The passwords are public demo passwords, for a demo database only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from centres.models import DesignCentre
from demo.tally import Tally

CENTRE_STAFF_GROUP = "Centre staff"
ADMIN_EMAIL = "admin@langnghe.example"
ADMIN_PASSWORD = "demo-admin-2026"


@dataclass(frozen=True)
class Credential:
    email: str
    password: str
    role: str
    created: bool


def centre_staff_email(centre: DesignCentre) -> str:
    return f"{centre.slug}@langnghe.example"


def centre_staff_password(centre: DesignCentre) -> str:
    return f"demo-{centre.slug}-2026"


def _centre_staff_group() -> Group:
    """The group made by the centres app's migration (recreated if it was deleted)."""
    group, created = Group.objects.get_or_create(name=CENTRE_STAFF_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="partner", codename="dashboard_access"
            )
        )
    return group


def load_users(centres: list[DesignCentre]) -> tuple[list[Credential], Tally]:
    User = get_user_model()
    tally = Tally("users")
    credentials: list[Credential] = []

    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    tally.count(admin is None)
    if admin is None:
        User.objects.create_superuser(ADMIN_EMAIL, ADMIN_PASSWORD)
    credentials.append(
        Credential(
            ADMIN_EMAIL, ADMIN_PASSWORD, "site manager (superuser)", admin is None
        )
    )

    group = _centre_staff_group()
    for centre in centres:
        email = centre_staff_email(centre)
        user = User.objects.filter(email=email).first()
        created = user is None
        tally.count(created)
        if created:
            user = User.objects.create_user(email, centre_staff_password(centre))
        user.groups.add(group)
        centre.partner.users.add(user)
        credentials.append(
            Credential(
                email,
                centre_staff_password(centre),
                f"staff of {centre.village}",
                created,
            )
        )
    return credentials, tally
