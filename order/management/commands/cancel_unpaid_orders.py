"""The old name of ``expire_unpaid_orders``, kept so existing cron lines still work.

``--days`` keeps its old meaning as well: bank-transfer orders placed more than
that many days ago are cancelled even if their deadline is later.
"""

from django.core.management.base import BaseCommand

from order.deadlines import expire_unpaid_orders


class Command(BaseCommand):
    help = "Renamed expire_unpaid_orders: cancels orders past their deadline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Also cancel transfer orders placed more than this many days ago.",
        )

    def handle(self, *args, days, **options):
        self.stderr.write(
            "cancel_unpaid_orders was renamed expire_unpaid_orders: "
            "update your scheduler. Running it now."
        )
        self.stdout.write(str(expire_unpaid_orders(transfer_days=days)))
