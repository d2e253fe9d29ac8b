import oscar.apps.dashboard.apps as oscar_dashboard_apps
from django.apps import apps
from django.urls import include, path


class DashboardConfig(oscar_dashboard_apps.DashboardConfig):
    """Oscar's dashboard, forked to include three sub-apps of our own.

    ``centre/`` holds a centre's own numbers (``dashboard.centre_numbers``);
    ``staff/`` is where site managers invite centre staff (``dashboard.staff``);
    ``payments/`` is the site managers' payment alerts (``dashboard.payments``).
    """

    name = "dashboard"

    def ready(self):
        super().ready()
        self.centre_numbers_app = apps.get_app_config("centre_numbers_dashboard")
        self.staff_app = apps.get_app_config("staff_dashboard")
        self.payments_app = apps.get_app_config("payments_dashboard")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("centre/", include(self.centre_numbers_app.urls[0])),
            path("staff/", include(self.staff_app.urls[0])),
            path("payments/", include(self.payments_app.urls[0])),
        ]
        return urls
