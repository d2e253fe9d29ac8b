"""Create the centre-staff group and set Django's Site (used in e-mailed links).

Centre staff reach Oscar's dashboard through ``partner.dashboard_access``
while not being ``is_staff``: Oscar then scopes what they see to their partner.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

CENTRE_STAFF_GROUP = "Centre staff"


def forwards(apps, schema_editor):
    for label in ("partner", "catalogue"):
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CENTRE_STAFF_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.WAGTAIL_SITE_NAME},
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CENTRE_STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0001_initial"),
        ("partner", "0007_partneraddress_code"),
        ("sites", "0002_alter_domain_unique"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
