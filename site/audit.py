"""The audit trail of changes that touch money or stock (django-auditlog).

Each save of a registered model writes a ``auditlog.LogEntry`` with the fields
below before and after, when, from which address and by whom: the signed-in
user of the request (``AuditlogMiddleware``), or nobody for the webhooks, the
scheduled jobs and the checkout's own writes. Site managers read it in Django
admin (``auditlog.view_logentry``, ``users.roles.SITE_MANAGER_PERMISSIONS``);
centre staff, who are not ``is_staff``, cannot open Django admin at all.

Writes made with ``QuerySet.update()`` send no signal and are not logged: stock
allocation at checkout, and the parcels and lines an order's payment or
cancellation updates together, whose order's own change is logged.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

AUDITED_FIELDS: dict[str, list[str] | None] = {
    # Price, stock and the low-stock threshold of a centre's stock record.
    "partner.StockRecord": [
        "price",
        "price_currency",
        "num_in_stock",
        "low_stock_threshold",
    ],
    # Publication (what can be bought) and the name it is sold under.
    "catalogue.Product": ["is_public", "title"],
    "order.Order": ["status", "paid_at", "total_incl_tax"],
    "order.Line": ["status"],
    # A centre's share of an order and when it was paid for.
    "order.Parcel": ["paid_at", "share_total", "payment_reference"],
    # Money recorded: every field (None means all).
    "order.PaymentEvent": None,
    "payment.Source": None,
    "payment.Refund": None,
}


def register_audited_models() -> None:
    for label, fields in AUDITED_FIELDS.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, include_fields=fields)
