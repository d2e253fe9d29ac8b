"""Oscar's order utilities, with order numbers that never repeat for a basket."""

from oscar.apps.order import utils
from oscar.apps.order.utils import *  # noqa: F403
from oscar.core.loading import get_model


class OrderNumberGenerator(utils.OrderNumberGenerator):
    def order_number(self, basket):
        """Oscar's number (100000 + basket id), then ``-2``, ``-3``… for a basket
        whose earlier order was cancelled (a card payment given up) and is ordered
        again."""
        earlier = get_model("order", "Order").objects.filter(basket_id=basket.id)
        attempts = earlier.count()
        base = 100000 + basket.id
        return str(base) if attempts == 0 else f"{base}-{attempts + 1}"
