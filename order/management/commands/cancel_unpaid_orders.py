"""Cancel bank-transfer orders left unpaid, so their stock goes back on sale.

Run it daily (cron or a scheduler). Card orders need no such sweep: Stripe
expires their Checkout Session and the webhook cancels them.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from order.statuses import OrderStatus

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")


class Command(BaseCommand):
    help = "Cancel VietQR orders unpaid after --days days and put their stock back."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        stale = Order.objects.filter(
            status=OrderStatus.AWAITING_TRANSFER,
            paid_at__isnull=True,
            date_placed__lt=cutoff,
        )
        cancelled = 0
        for order in stale:
            reason = f"No bank transfer within {days} days: cancelled, stock released."
            cancelled += EventHandler().cancel_unpaid(order, reason=reason)
        self.stdout.write(f"{cancelled} unpaid bank-transfer order(s) cancelled.")
