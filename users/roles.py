"""Who may do what: the site's roles, as Django groups, and the moves between them.

- **Centre staff** handle one centre's products and orders in Oscar's
  dashboard. They are not ``is_staff``: Oscar scopes the dashboard to the
  partners they belong to (``centre.partner.users``), and the group gives them
  ``partner.dashboard_access``.
- **Site managers** run the whole shop: they are ``is_staff`` (Oscar then shows
  them every centre) and their group holds the catalogue, partner, order and
  centre permissions and Wagtail's page and image rights
  (``users/migrations/0002_roles``).
- **Editors** and **Moderators** are Wagtail's own groups: editors write and
  submit stories, moderators approve and publish them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

CENTRE_STAFF = "Centre staff"
SITE_MANAGERS = "Site managers"
EDITORS = "Editors"
MODERATORS = "Moderators"

SITE_MANAGER_PERMISSIONS = {
    # Moderating product reviews in Oscar's reviews dashboard.
    "reviews": ("view_productreview", "change_productreview", "delete_productreview"),
    # Reading the audit trail of money and stock changes (craftsite.audit), in
    # Django admin; its entries cannot be changed there.
    "auditlog": ("view_logentry",),
}
"""Permissions of the Site managers added after ``users/migrations/0002_roles``,
by app label; ``make_site_manager`` makes sure the group holds them."""


def centre_staff_group() -> Group:
    """The centre-staff group, recreated with its one permission if it was deleted."""
    group, created = Group.objects.get_or_create(name=CENTRE_STAFF)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="partner", codename="dashboard_access"
            )
        )
    return group


@transaction.atomic
def add_centre_staff(user, centre) -> None:
    """Let ``user`` handle ``centre``'s products and orders in the dashboard."""
    user.groups.add(centre_staff_group())
    centre.partner.users.add(user)


@transaction.atomic
def make_site_manager(user) -> None:
    """Give ``user`` the whole dashboard and the Site managers' permissions."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    group, _created = Group.objects.get_or_create(name=SITE_MANAGERS)
    grant_site_manager_permissions(group)
    user.groups.add(group)


def grant_site_manager_permissions(group: Group) -> None:
    """Give the Site managers' ``group`` each of ``SITE_MANAGER_PERMISSIONS``."""
    wanted = Q()
    for app_label, codenames in SITE_MANAGER_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))


def is_site_manager(user) -> bool:
    return bool(
        user.is_staff
        or user.is_superuser
        or user.groups.filter(name=SITE_MANAGERS).exists()
    )
