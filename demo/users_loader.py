"""Load the demo accounts: a superuser, a site manager and one staff member per centre.

Centre staff are not ``is_staff``: Oscar then scopes its dashboard to their
own partner (they reach it through the "Centre staff" group's
``partner.dashboard_access``). The site manager is ``is_staff`` but not a
superuser: what they may do comes from the "Site managers" group
(``users.roles``). Accounts that exist are left alone, passwords included.
The passwords are public demo passwords, for a demo database only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from centres.models import DesignCentre
from demo.tally import Tally
from users import roles

ADMIN_EMAIL = "admin@langnghe.example"
ADMIN_PASSWORD = "demo-admin-2026"
MANAGER_EMAIL = "manager@langnghe.example"
MANAGER_PASSWORD = "demo-manager-2026"


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


def _account(email: str, password: str, tally: Tally):
    """The account of ``email``, created with ``password`` if it does not exist."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    tally.count(user is None)
    if user is not None:
        return user, False
    return User.objects.create_user(email, password), True


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

    manager, created = _account(MANAGER_EMAIL, MANAGER_PASSWORD, tally)
    if created:
        roles.make_site_manager(manager)
    credentials.append(
        Credential(
            MANAGER_EMAIL,
            MANAGER_PASSWORD,
            f"site manager ({roles.SITE_MANAGERS}, not superuser)",
            created,
        )
    )

    for centre in centres:
        email = centre_staff_email(centre)
        user, created = _account(email, centre_staff_password(centre), tally)
        roles.add_centre_staff(user, centre)
        credentials.append(
            Credential(
                email,
                centre_staff_password(centre),
                f"staff of {centre.village}",
                created,
            )
        )
    return credentials, tally
