"""Stock records in the product form: for centre staff, exactly one of their own.

Site managers keep Oscar's formset (any partners, any number of records).
"""

from __future__ import annotations

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.core.loading import get_model

from dashboard.catalogue.utils import own_partner

StockRecord = get_model("partner", "StockRecord")


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    """For centre staff: one record of their partner, filled in, never deleted.

    A new product gets one form that must be completed (SKU, price, stock), so
    it always has its centre's stock record. ``stock_on_variants``: the product
    has, or is about to have, variants, which carry the stock: it then gets no
    form at all, and nothing posted for it is read.
    """

    def __init__(self, product_class, user, *args, stock_on_variants=False, **kwargs):
        self.own_partner = own_partner(user)
        self.stock_on_variants = stock_on_variants and self.own_partner is not None
        if self.own_partner is not None:
            self.extra = 0
            self.min_num = self.max_num = 0 if self.stock_on_variants else 1
            self.validate_min = self.validate_max = True
            self.can_delete = False
        super().__init__(product_class, user, *args, **kwargs)

    def initial_form_count(self):
        return 0 if self.stock_on_variants else super().initial_form_count()

    def total_form_count(self):
        return 0 if self.stock_on_variants else super().total_form_count()

    def set_initial_data(self):
        if self.own_partner is None:
            super().set_initial_data()

    def clean(self):
        if self.own_partner is None:
            super().clean()
