"""Oscar's payment admin and the site's own payment records, all view-only:
money is recorded by what moved it (Stripe, the bank webhook, staff's
dashboard actions), never typed in (see ``order.admin``)."""

from oscar.apps.payment.admin import *  # noqa: F403
from oscar.core.loading import get_model

from order.admin import register_view_only
from payment.models import (
    BankTransfer,
    PaymentAlert,
    Refund,
    StripeCheckoutSession,
    StripeWebhookEvent,
)

Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")
Bankcard = get_model("payment", "Bankcard")

for money_model in (
    Source,
    Transaction,
    Bankcard,
    Refund,
    StripeCheckoutSession,
    StripeWebhookEvent,
    PaymentAlert,
    BankTransfer,
):
    register_view_only(money_model)
