"""Cancel every order past its deadline and still unpaid (or, for cash on
delivery, unconfirmed), so its stock goes back on sale.

Run it every 5 or 10 minutes (cron, a systemd timer, or the Django task
``order.tasks.expire_unpaid_orders``). It is idempotent and safe on several
machines at once: a second run, or a run beside it, cancels nothing more.
"""

from django.core.management.base import BaseCommand

from order.deadlines import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel orders past their deadline to pay (card, bank transfer) or to be "
        "confirmed (cash on delivery), and put their stock back on sale."
    )

    def handle(self, *args, **options):
        report = expire_unpaid_orders()
        self.stdout.write(str(report))
        if report.kept:
            self.stdout.write(
                f"{report.kept} past their deadline were left: paid, confirmed or "
                "cancelled meanwhile, or a card payment still being confirmed."
            )
