"""Oscar's pricing and availability strategy, reading what a basket already loaded.

Oscar's default looks each basket line's stock record up again (ignoring the one
the line holds) and loads each product's class on its own: three queries per
line on every page that prices or checks the basket. Here a line is priced
from its own stock record, and the classes of all the basket's products come
in one query, so the basket and checkout pages cost the same for 2 lines or 20.
"""

from django.db.models import prefetch_related_objects
from oscar.apps.partner import strategy
from oscar.apps.partner.strategy import *  # noqa: F403


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)


class Default(strategy.Default):
    def fetch_for_line(self, line, stockrecord=None):
        basket = line.basket
        if not getattr(basket, "_product_classes_loaded", False) and basket.id:
            prefetch_related_objects(
                list(basket.all_lines()),
                "product__product_class",
                "product__parent__product_class",
            )
            basket._product_classes_loaded = True
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)
