import oscar.apps.checkout.apps as oscar_checkout_apps
from django.urls import path


class CheckoutConfig(oscar_checkout_apps.CheckoutConfig):
    """Oscar's checkout, forked: delivery per centre, cards, cash and VietQR."""

    name = "checkout"

    def ready(self):
        """Oscar's views load through ``get_class`` in ``super().ready()``; these
        three are the shop's own and are imported directly."""
        super().ready()
        from checkout.confirmation import ConfirmOrderView
        from checkout.transfer_qr import transfer_qr_image
        from checkout.views import CardPaymentCancelledView

        self.card_cancelled_view = CardPaymentCancelledView
        self.confirm_order_view = ConfirmOrderView
        self.transfer_qr_view = transfer_qr_image

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
