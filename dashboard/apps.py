import oscar.apps.dashboard.apps as oscar_dashboard_apps


class DashboardConfig(oscar_dashboard_apps.DashboardConfig):
    """Oscar's dashboard, forked so its order pages can be (``dashboard.orders``)."""

    name = "dashboard"
