from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class StaffDashboardConfig(OscarDashboardConfig):
    """Site managers' pages for centre staff: who works where, and inviting.

    The invitation itself (the account and its e-mail) is ``users.invitations``.
    """

    label = "staff_dashboard"
    name = "dashboard.staff"
    verbose_name = _("Centre staff dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map = {
            "staff-invitations": DashboardPermission.staff,
            "staff-invite": DashboardPermission.staff,
        }

    def ready(self):
        self.list_view = get_class("dashboard.staff.views", "StaffListView")
        self.invite_view = get_class("dashboard.staff.views", "InviteStaffView")
        self.configure_permissions()

    def get_urls(self):
        urls = [
            path("", self.list_view.as_view(), name="staff-invitations"),
            path("invite/", self.invite_view.as_view(), name="staff-invite"),
        ]
        return self.post_process_urls(urls)
