"""Load the editorial side: Wagtail's Editors and Moderators, their workflow, accounts.

Wagtail's own migrations create the "Editors" and "Moderators" groups (with
admin access and page permissions on the root page) and the "Moderators
approval" workflow on the root page (users/0005 renames it "Ban kiểm duyệt
(Moderators)"): editors write and submit, moderators approve and publish; both
may translate a page (Wagtail's "Dịch"). This step checks that all of it is
there, recreates whatever is missing (it never removes what an administrator
has added), gives both groups the maker snippet's permissions (moderators also
publish makers, which go through the same workflow), and creates one demo
editor and one demo moderator. Neither is ``is_staff``: Wagtail's admin needs only
``wagtailadmin.access_admin``, which both groups hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from centres.models import Maker
from demo.tally import Tally
from demo.users_loader import Credential

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW = "Ban kiểm duyệt (Moderators)"
ACCESS_ADMIN = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "simple_translation.submit_translation"
SNIPPET_PERMISSIONS = (
    "centres.add_maker",
    "centres.change_maker",
    "centres.view_maker",
    "centres.view_designcentre",
)
PUBLISHER_SNIPPET_PERMISSIONS = {
    EDITORS: (),
    MODERATORS: ("centres.publish_maker", "centres.lock_maker", "centres.unlock_maker"),
}
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    MODERATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    group: str
    role: str


ACCOUNTS = (
    Account(
        "editor@langnghe.example",
        "demo-editor-2026",
        EDITORS,
        "editor (Wagtail Editors: writes, submits)",
    ),
    Account(
        "moderator@langnghe.example",
        "demo-moderator-2026",
        MODERATORS,
        "moderator (Wagtail Moderators: approves, publishes)",
    ),
)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class EditorialLoader:
    def __init__(self) -> None:
        self.groups = Tally("editorial groups")
        self.permissions = Tally("editorial permissions")
        self.workflow = Tally("moderation workflow (task, workflow, makers, root)")
        self.users = Tally("editorial users")
        self.credentials: list[Credential] = []
        self.notes: list[str] = []

    @property
    def tallies(self) -> list[Tally]:
        return [self.groups, self.permissions, self.workflow, self.users]

    def load(self) -> None:
        root = Page.get_first_root_node()
        groups = {name: self._group(name, root) for name in (EDITORS, MODERATORS)}
        self._workflow(root, groups[MODERATORS])
        User = get_user_model()
        for account in ACCOUNTS:
            user = User.objects.filter(email=account.email).first()
            created = user is None
            self.users.count(created)
            if created:
                user = User.objects.create_user(account.email, account.password)
            user.groups.add(groups[account.group])
            self.credentials.append(
                Credential(account.email, account.password, account.role, created)
            )

    def _group(self, name: str, root: Page) -> Group:
        group, created = Group.objects.get_or_create(name=name)
        self.groups.count(created)
        have = set(group.permissions.all())
        for dotted in (
            ACCESS_ADMIN,
            SUBMIT_TRANSLATION,
            *SNIPPET_PERMISSIONS,
            *PUBLISHER_SNIPPET_PERMISSIONS[name],
        ):
            permission = _permission(dotted)
            self.permissions.count(permission not in have)
            if permission not in have:
                group.permissions.add(permission)
        page_type = ContentType.objects.get_for_model(Page)
        for codename in PAGE_PERMISSIONS[name]:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type=page_type, codename=codename
                ),
            )
            self.permissions.count(created)
        collection = Collection.get_first_root_node()
        for codename in IMAGE_PERMISSIONS:
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(f"wagtailimages.{codename}"),
            )
            self.permissions.count(created)
        return group

    def _workflow(self, root: Page, moderators: Group) -> None:
        """The moderation workflow, active, with its task, on the root."""
        task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
        self.workflow.count(task is None)
        if task is None:
            task = GroupApprovalTask.objects.create(name=WORKFLOW)
            task.groups.set([moderators])
        elif not task.active:
            task.active = True
            task.save(update_fields=["active"])
            self.notes.append(f'task "{WORKFLOW}": re-activated')

        workflow = Workflow.objects.filter(name=WORKFLOW).first()
        self.workflow.count(workflow is None)
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        elif not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
            self.notes.append(f'workflow "{WORKFLOW}": re-activated')
        if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            self.notes.append(f'workflow "{WORKFLOW}": its approval task re-attached')

        maker_type = ContentType.objects.get_for_model(Maker)
        _, created = WorkflowContentType.objects.get_or_create(
            content_type=maker_type, defaults={"workflow": workflow}
        )
        self.workflow.count(created)

        on_root = WorkflowPage.objects.filter(page=root).first()
        self.workflow.count(on_root is None)
        if on_root is None:
            WorkflowPage.objects.create(page=root, workflow=workflow)
        elif on_root.workflow_id != workflow.pk:
            self.notes.append(
                f'root page uses workflow "{on_root.workflow}": left as it is'
            )
