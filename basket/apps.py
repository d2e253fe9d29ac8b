import oscar.apps.basket.apps as oscar_basket_apps


class BasketConfig(oscar_basket_apps.BasketConfig):
    """Oscar's basket, forked so only what is on sale can be added or checked out."""

    name = "basket"
