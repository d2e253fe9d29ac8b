"""``manage.py make_renditions``: every product photo's and Wagtail image's
renditions, for images uploaded before renditions were made at upload.

Uploads get theirs when they are committed (``catalogue.receivers``,
``stories.receivers``); this makes what is missing and finds the rest, so it is
safe to run again, with a line of progress every 50 images.
"""

from django.core.management.base import BaseCommand
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from catalogue import renditions as product_renditions
from stories import renditions as story_renditions

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = "Make the renditions of every product photo and Wagtail image."

    def handle(self, *args, **options) -> None:
        ProductImage = get_model("catalogue", "ProductImage")
        self._make(
            "product photos",
            ProductImage.objects.exclude(original="").order_by("pk"),
            product_renditions.make_renditions,
        )
        self._make(
            "images",
            get_image_model().objects.order_by("pk"),
            story_renditions.make_renditions,
        )

    def _make(self, label: str, images, make) -> None:
        total = images.count()
        count = 0
        for count, image in enumerate(images.iterator(), start=1):
            make(image)
            if count % PROGRESS_EVERY == 0:
                self.stdout.write(f"{label}: {count}/{total}")
        self.stdout.write(f"{label}: renditions of {count} ready")
