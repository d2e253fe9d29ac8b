import oscar.apps.checkout.apps as oscar_checkout_apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(oscar_checkout_apps.CheckoutConfig):
    """Oscar's checkout, forked: delivery per centre, cards, cash and VietQR."""

    name = "checkout"

    def ready(self):
        super().ready()
        self.card_cancelled_view = get_class(
            "checkout.views", "CardPaymentCancelledView"
        )
        self.confirm_order_view = get_class("checkout.confirmation", "ConfirmOrderView")
        self.transfer_qr_view = get_class("checkout.transfer_qr", "transfer_qr_image")

    def get_urls(self):
        urls = super().get_urls()
        urls.append(
            path(
                "card/cancelled/",
                self.card_cancelled_view.as_view(),
                name="card-cancelled",
            )
        )
        urls.append(
            path(
                "confirm/<str:token>/",
                self.confirm_order_view.as_view(),
                name="confirm-order",
            )
        )
        urls.append(
            path("vietqr.png", self.transfer_qr_view, name="vietqr-image"),
        )
        return urls
