"""Making a product photo's renditions as a Django task (``django_tasks``).

Receivers enqueue it once the upload is committed; with the default backend it
runs there and then, with a queue it runs on a worker, while the page that
saved the photo has already answered.
"""

from django_tasks import task
from oscar.core.loading import get_model

from catalogue.renditions import make_renditions


@task()
def make_product_image_renditions(image_id: int) -> int:
    """How many renditions the photo has (0 when it was deleted meanwhile)."""
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    return len(make_renditions(image))
