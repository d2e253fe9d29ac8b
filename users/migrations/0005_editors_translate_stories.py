"""Editors and Moderators translate stories; the workflow gets a Vietnamese name.

- Both groups get ``simple_translation.submit_translation``: Wagtail shows
  "Dịch" (Translate) only to those who hold it. A translation is a draft copy
  of the page in the other language's tree (same ``translation_key``); editors
  submit it and moderators approve it through the same workflow as any page.
- Wagtail's migrations named the approval workflow and its task after the
  group, in English ("Moderators approval"), and the admin puts that name into
  its Vietnamese buttons ("Gửi …"): both become "Ban kiểm duyệt (Moderators)".
  Centres' migration 0004 found the workflow by its old name, so it runs first.

The permission is created first: Django only makes it after the last migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = ("Editors", "Moderators")
OLD_NAME = "Moderators approval"
NEW_NAME = "Ban kiểm duyệt (Moderators)"


def _rename(apps, old: str, new: str) -> None:
    for model_name in ("Workflow", "Task"):
        model = apps.get_model("wagtailcore", model_name)
        model.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("simple_translation"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    submit = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=TRANSLATORS):
        group.permissions.add(submit)
    _rename(apps, OLD_NAME, NEW_NAME)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    submit = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    if submit is not None:
        for group in Group.objects.filter(name__in=TRANSLATORS):
            group.permissions.remove(submit)
    _rename(apps, NEW_NAME, OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0004_site_managers_moderate_reviews_and_read_audit"),
        ("simple_translation", "0001_initial"),
        ("centres", "0004_maker_moderation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
