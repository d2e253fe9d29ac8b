import oscar.apps.payment.apps as oscar_payment_apps


class PaymentConfig(oscar_payment_apps.PaymentConfig):
    """Oscar's payment app, forked for the ways Vietnamese buyers and tourists pay."""

    name = "payment"
