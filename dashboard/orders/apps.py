import oscar.apps.dashboard.orders.apps as oscar_orders_dashboard_apps


class OrdersDashboardConfig(oscar_orders_dashboard_apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked: record cash or transfers, refund cards."""

    name = "dashboard.orders"
