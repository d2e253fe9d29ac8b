"""Oscar's order dashboard forms, statuses and ways to pay in the reader's language.

Statuses and payment source types are stored in English
(``order.statuses.OrderStatus``, ``order.processing.SOURCE_TYPE_NAMES``); Oscar
offers them as they are stored, so the order search and the status change
showed "Awaiting confirmation" and "Cash on delivery" on Vietnamese pages.
"""

from __future__ import annotations

from oscar.apps.dashboard.orders import forms as oscar_forms

from order.processing import SOURCE_TYPE_NAMES
from order.statuses import OrderStatus, PaymentMethod


def _translated(choices) -> list[tuple[str, str]]:
    labels = dict(OrderStatus.choices)
    return [(value, labels.get(value, label)) for value, label in choices]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _translated(self.fields["status"].choices)

    def payment_method_choices(self):
        labels = {
            name: PaymentMethod(method).label
            for method, name in SOURCE_TYPE_NAMES.items()
        }
        return [
            (code, labels.get(name, name))
            for code, name in super().payment_method_choices()
        ]


class OrderStatusForm(oscar_forms.OrderStatusForm):
    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = _translated(
            self.fields["new_status"].choices
        )
