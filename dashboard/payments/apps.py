from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class PaymentsDashboardConfig(OscarDashboardConfig):
    """Money the site cannot trust, for site managers only.

    A bank transfer that is short, too much, for another account or for no
    order awaiting one, and a card event that does not match its order, pay
    nothing: each becomes a ``payment.PaymentAlert`` listed here until a
    manager has dealt with it and marks it resolved. Centre staff never see
    the site's bank account or Stripe, so none of this is theirs.
    """

    label = "payments_dashboard"
    name = "dashboard.payments"
    verbose_name = _("Payments dashboard")

    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map = {
            "payment-alert-list": DashboardPermission.staff,
            "payment-alert-resolve": DashboardPermission.staff,
        }

    def ready(self):
        self.alert_list_view = get_class(
            "dashboard.payments.views", "PaymentAlertListView"
        )
        self.alert_resolve_view = get_class(
            "dashboard.payments.views", "PaymentAlertResolveView"
        )
        self.configure_permissions()

    def get_urls(self):
        urls = [
            path("alerts/", self.alert_list_view.as_view(), name="payment-alert-list"),
            path(
                "alerts/<int:pk>/resolve/",
                self.alert_resolve_view.as_view(),
                name="payment-alert-resolve",
            ),
        ]
        return self.post_process_urls(urls)
