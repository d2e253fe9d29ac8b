"""List every order whose money records and status disagree (``order.reconciliation``).

Exits 1 when there is any, so a scheduler or CI notices; 0 when all agree.
"""

from django.core.management.base import BaseCommand, CommandError

from order.reconciliation import disagreements, orders_with_money_records


class Command(BaseCommand):
    help = "List orders whose payments, refunds, shares and status disagree."

    def handle(self, *args, **options):
        found = 0
        for disagreement in disagreements():
            self.stdout.write(str(disagreement))
            found += 1
        checked = orders_with_money_records().count()
        self.stdout.write(f"{checked} order(s) checked, {found} disagreement(s).")
        if found:
            raise CommandError(f"{found} disagreement(s) between money and status.")
