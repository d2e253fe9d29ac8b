"""Makers get drafts, revisions, locking and the pages' moderation workflow.

Existing makers stay live. The makers' content type joins the "Moderators
approval" workflow (made by Wagtail's migrations, if it is still there);
Editors may add and change makers (a change is a draft they submit),
Moderators and Site managers may also publish, lock and unlock them. The
publish, lock and unlock permissions are made here, as Wagtail would make them
only after the last migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


WORKFLOW = "Moderators approval"
EDITORS = "Editors"
PUBLISHERS = ("Moderators", "Site managers")
EDITOR_ACTIONS = ("add", "change", "view")
PUBLISHER_ACTIONS = (*EDITOR_ACTIONS, "publish", "lock", "unlock")


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("centres"), verbosity=0)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    maker_type, _ = ContentType.objects.get_or_create(app_label="centres", model="maker")
    permissions = {}
    for action in PUBLISHER_ACTIONS:
        permissions[action], _ = Permission.objects.get_or_create(
            content_type=maker_type,
            codename=f"{action}_maker",
            defaults={"name": f"Can {action} maker"},
        )
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(*(permissions[action] for action in EDITOR_ACTIONS))
    for group in Group.objects.filter(name__in=PUBLISHERS):
        group.permissions.add(*permissions.values())

    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=maker_type, defaults={"workflow": workflow}
        )


def backwards(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="centres", content_type__model="maker"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0003_maker_craft_maker_craft_en_maker_portrait_and_more'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailadmin', '0001_create_admin_access_permissions'),
        ('users', '0002_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='maker',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='maker',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='maker',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='maker',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='maker',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='maker',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='maker',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='maker',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='maker',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='maker',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='maker',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='maker',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
