import oscar.apps.dashboard.orders.apps as oscar_orders_dashboard_apps
from oscar.core.loading import get_class


class OrdersDashboardConfig(oscar_orders_dashboard_apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked: centre staff see only their share.

    Whole-order pages (statistics, notes, editing the delivery address) are for
    the site's staff: each would show or change what belongs to other centres.
    """

    name = "dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        for name in ("order-stats", "order-detail-note", "order-shipping-address"):
            self.permissions_map[name] = DashboardPermission.staff
