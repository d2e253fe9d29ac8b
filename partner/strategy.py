"""Oscar's pricing and availability strategy, reading what a basket already loaded.

Oscar's default looks each basket line's stock record up again (ignoring the one
the line holds) and loads each product's class on its own: three queries per
line on every page that prices or checks the basket. Here a line is priced
from its own stock record, and the classes of all the basket's products come
in one query, so the basket and checkout pages cost the same for 2 lines or 20.

Only what is on sale can be bought: a product staff unpublished (or a size of a
garment they unpublished) is "no longer on sale" wherever Oscar asks, so adding
it to a basket is refused and a basket line holding it blocks the checkout.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy
from oscar.apps.partner.strategy import *  # noqa: F403

from partner.quantity_caps import BuyerLimits


def is_on_sale(product) -> bool:
    """Published, and for a size or variant, its parent product published too."""
    if not product.is_public:
        return False
    return product.parent_id is None or product.parent.is_public


class NotOnSale(availability.Unavailable):
    """A product staff took off sale (unticked "Published")."""

    code = "not-on-sale"
    message = _("No longer on sale")

    def is_purchase_permitted(self, quantity):
        return False, _("This product is no longer on sale.")


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)


class Default(BuyerLimits, strategy.Default):
    def availability_policy(self, product, stockrecord):
        if not is_on_sale(product):
            return NotOnSale()
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not product.is_public:
            return NotOnSale()
        return super().parent_availability_policy(product, children_stock)

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
