"""Site managers moderate product reviews and read the audit trail.

The permissions are those of ``users.roles.SITE_MANAGER_PERMISSIONS``, copied
here as they were when written (a migration must not follow later edits).
Permissions are created first: Django only makes them after the last migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

SITE_MANAGERS = "Site managers"
PERMISSIONS = {
    "reviews": ("view_productreview", "change_productreview", "delete_productreview"),
    "auditlog": ("view_logentry",),
}


def forwards(apps, schema_editor):
    for label in PERMISSIONS:
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name=SITE_MANAGERS)
    for app_label, codenames in PERMISSIONS.items():
        managers.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers = Group.objects.filter(name=SITE_MANAGERS).first()
    if managers is None:
        return
    for app_label, codenames in PERMISSIONS.items():
        managers.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_limit_counter"),
        ("reviews", "0005_productreview_code"),
        ("auditlog", "__latest__"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
