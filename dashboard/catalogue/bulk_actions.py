"""Bulk price changes in whole đồng.

Oscar's "update product prices" adds amounts or percentages with two decimal
places; prices in đồng have none, so what it leaves is rounded to the đồng,
on the same stock records it changed (a centre's staff: their own partner's).
Its updates send no signals, so the products' stored lowest prices are
refreshed here (``catalogue.listing``), and cached pages retired
(``sitewide.content_version``).
"""

from __future__ import annotations

from django.db.models.functions import Round
from django.db.transaction import atomic
from oscar.apps.dashboard.catalogue import bulk_actions as oscar_bulk_actions
from oscar.core.loading import get_model

from catalogue.listing import refresh_listing
from sitewide import content_version

StockRecord = get_model("partner", "StockRecord")

WHOLE_UNIT_CURRENCIES = ("VND",)


class SetProductPriceAction(oscar_bulk_actions.SetProductPriceAction):
    @atomic
    def execute(self, request, objects, form):
        product_ids = list(objects.values_list("pk", flat=True))
        super().execute(request, objects, form)
        partners = form.cleaned_data["partners"]
        if not request.user.is_staff:
            partners = partners.filter(pk__in=request.user.partners.all())
        StockRecord.objects.filter(
            product_id__in=product_ids,
            partner__in=partners,
            price_currency__in=WHOLE_UNIT_CURRENCIES,
        ).exclude(price=Round("price")).update(price=Round("price"))
        refresh_listing(product_ids)
        content_version.changed()
