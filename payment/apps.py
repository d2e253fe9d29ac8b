import oscar.apps.payment.apps as oscar_payment_apps


class PaymentConfig(oscar_payment_apps.PaymentConfig):
    """Oscar's payment app, forked for the ways Vietnamese buyers and tourists pay."""

    name = "payment"

    def ready(self):
        super().ready()
        from order.signals import unpaid_order_cancelling, unpaid_order_expiring
        from payment.cards import close_before_cancelling, close_before_expiry

        unpaid_order_expiring.connect(
            close_before_expiry, dispatch_uid="payment.cards.close_before_expiry"
        )
        unpaid_order_cancelling.connect(
            close_before_cancelling,
            dispatch_uid="payment.cards.close_before_cancelling",
        )
