import oscar.apps.dashboard.apps as oscar_dashboard_apps
from django.apps import apps
from django.urls import include, path
from oscar.core.loading import get_class


class DashboardConfig(oscar_dashboard_apps.DashboardConfig):
    """Oscar's dashboard, forked for its sub-apps and two pages of our own.

    ``centre/`` holds a centre's own numbers (orders to handle, low stock,
    sales); ``staff/`` is where site managers invite centre staff;
    ``payments/`` is the site managers' payment alerts (``dashboard.payments``).
    """

    name = "dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        staff_or_centre = (
            DashboardPermission.staff,
            DashboardPermission.partner_dashboard_access,
        )
        self.permissions_map.update(
            {
                "centre-numbers": staff_or_centre,
                "centre-numbers-for": DashboardPermission.staff,
                "staff-invite": DashboardPermission.staff,
                "staff-invitations": DashboardPermission.staff,
            }
        )

    def get_urls(self):
        from centres import dashboard_urls as centre_urls
        from users import dashboard_urls as staff_urls

        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("centre/", include(centre_urls.urlpatterns)),
                path("staff/", include(staff_urls.urlpatterns)),
                path(
                    "payments/",
                    include(apps.get_app_config("payments_dashboard").urls[0]),
                ),
            ]
        )
        return urls
