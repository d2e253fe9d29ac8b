"""Oscar's basket forms, with the buyer's quantity caps said in their own words."""

from oscar.apps.basket.forms import *  # noqa: F403
from oscar.apps.basket.forms import AddToBasketForm as OscarAddToBasketForm
from oscar.apps.basket.forms import BasketLineForm as OscarBasketLineForm


class BasketLineForm(OscarBasketLineForm):
    def check_max_allowed_quantity(self, qty):
        """The availability (with the caps of ``partner/quantity_caps.py``) is asked
        first: Oscar's basket check would word a capped quantity as a stock
        shortage."""
        self.check_permission(qty)
        super().check_max_allowed_quantity(qty)


class AddToBasketForm(OscarAddToBasketForm):
    def cleaned_options(self):
        """No options to read when the product has none: Oscar would load the
        empty list of them after asking whether there are any."""
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()
