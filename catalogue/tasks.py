"""The catalogue's background work (``django_tasks``): a product photo's
renditions, and the search text of the products a renamed centre, maker or
product class appears in.

Receivers enqueue them with the change that causes them
(``background.enqueue``); a worker runs them while the page that saved the
change has already answered. Each is safe to run again.
"""

from django_tasks import task
from oscar.core.loading import get_model

from catalogue.renditions import make_renditions
from catalogue.search_text import refold_products


@task()
def make_product_image_renditions(image_id: int) -> int:
    """How many renditions the photo has (0 when it was deleted meanwhile)."""
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    return len(make_renditions(image))


@task()
def refold_products_of_centre(partner_id: int) -> int:
    """How many products sold by the centre's partner were refolded."""
    Product = get_model("catalogue", "Product")
    return refold_products(Product.objects.sold_by([partner_id]))


@task()
def refold_products_of_maker(maker_id: int) -> int:
    Product = get_model("catalogue", "Product")
    return refold_products(Product.objects.filter(maker_id=maker_id))


@task()
def refold_products_of_class(product_class_id: int) -> int:
    Product = get_model("catalogue", "Product")
    return refold_products(Product.objects.filter(product_class_id=product_class_id))
