"""Making a Wagtail image's renditions as a Django task (``django_tasks``), enqueued
once its upload is committed (``stories.receivers``)."""

from django_tasks import task
from wagtail.images import get_image_model

from stories.renditions import make_renditions


@task()
def make_image_renditions(image_id: int) -> int:
    """How many renditions the image has (0 when it was deleted meanwhile)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return make_renditions(image)
