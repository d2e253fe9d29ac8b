"""Create the "Site managers" group; make sure "Centre staff" can open the dashboard.

Site managers are ``is_staff`` (so Oscar shows them every centre). The group
gives them Wagtail's admin, pages on the root as editors who also publish,
images and documents in the root collection (as editors have them), and Django's model permissions of the
catalogue, partner, order and centres apps (Django admin, Wagtail snippets).
Permissions are created first, as the centres app's migration does, because
Django only makes them after the last migration has run.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CENTRE_STAFF = "Centre staff"
SITE_MANAGERS = "Site managers"
MODEL_PERMISSION_APPS = ("catalogue", "partner", "order", "centres")
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image", "delete_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document", "delete_document"),
}


def forwards(apps, schema_editor):
    for label in (*MODEL_PERMISSION_APPS, "wagtailadmin", "wagtailcore", *COLLECTION_PERMISSIONS):
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    centre_staff, _ = Group.objects.get_or_create(name=CENTRE_STAFF)
    centre_staff.permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )

    managers, _ = Group.objects.get_or_create(name=SITE_MANAGERS)
    managers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label__in=MODEL_PERMISSION_APPS),
    )

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for root in Page.objects.filter(depth=1):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=managers,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore",
                    content_type__model="page",
                    codename=codename,
                ),
            )

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for collection in Collection.objects.filter(depth=1):
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=managers,
                    collection=collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )


def backwards(apps, schema_editor):
    """Remove the Site managers group (and its page and collection rights with it).

    "Centre staff" and its permission belong to the centres app's migration.
    """
    apps.get_model("auth", "Group").objects.filter(name=SITE_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("centres", "0002_staff_group_and_site"),
        ("catalogue", "0037_delivery_rules_and_weights"),
        ("partner", "0007_partneraddress_code"),
        ("order", "0023_parcel_shipping_and_payment"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
