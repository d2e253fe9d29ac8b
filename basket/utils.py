"""Oscar's basket messages, without the "new basket total" one.

Every page's header shows the basket's count and total (``includes/
basket_summary.html``) and the basket page shows its total, so the message
repeated it, at the price of loading the basket's lines, their options, their
products' photos and classes once more in each basket change. The confirmation
of an addition carries the links to the basket and the checkout instead
(``oscar/basket/messages/addition.html``); offers gained or lost are still said.
"""

from oscar.apps.basket import utils
from oscar.apps.basket.utils import *  # noqa: F403


class BasketMessageGenerator(utils.BasketMessageGenerator):
    def get_new_total_messages(self, basket, include_buttons=True):
        return []
