"""Oscar's basket messages, with the basket's lines loaded once for them."""

from oscar.apps.basket import utils
from oscar.apps.basket.utils import *  # noqa: F403


class BasketMessageGenerator(utils.BasketMessageGenerator):
    def get_new_total_messages(self, basket, include_buttons=True):
        """Oscar's "new total" template asks twice whether the basket is empty,
        a COUNT each time unless the lines are loaded; the total needs them
        anyway, and a loaded queryset counts itself."""
        len(basket.all_lines())
        return super().get_new_total_messages(basket, include_buttons)
