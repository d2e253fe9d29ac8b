from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class CentreNumbersDashboardConfig(OscarDashboardConfig):
    """A centre's own numbers: orders to handle, low stock, sales.

    Centre staff see their own centre's; site managers see the list of every
    centre and, from it, any centre's page.
    """

    label = "centre_numbers_dashboard"
    name = "dashboard.centre_numbers"
    verbose_name = _("Centre numbers dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map = {
            "centre-numbers": (
                DashboardPermission.staff,
                DashboardPermission.partner_dashboard_access,
            ),
            "centre-numbers-for": DashboardPermission.staff,
        }

    def ready(self):
        self.numbers_view = get_class(
            "dashboard.centre_numbers.views", "CentreNumbersView"
        )
        self.configure_permissions()

    def get_urls(self):
        urls = [
            path("", self.numbers_view.as_view(), name="centre-numbers"),
            path(
                "<int:partner_pk>/",
                self.numbers_view.as_view(),
                name="centre-numbers-for",
            ),
        ]
        return self.post_process_urls(urls)
