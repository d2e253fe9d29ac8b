"""Keep a story's search text in step with its centre's names, and make an
uploaded image's renditions once the upload is committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from stories.models import StoryPage
from stories.tasks import make_image_renditions


@receiver(post_save, sender="centres.DesignCentre")
def refold_stories_of_centre(sender, instance, created=False, **kwargs):
    if created:
        return
    for story in StoryPage.objects.filter(centre=instance).select_related("centre"):
        StoryPage.objects.filter(pk=story.pk).update(
            search_text=story.build_search_text()
        )


@receiver(post_save, sender=get_image_model())
def make_renditions_of_image(sender, instance, update_fields=None, **kwargs):
    """A new or replaced image gets its renditions before any page shows it;
    editing its title or tags makes none."""
    if update_fields is not None and "file" not in update_fields:
        return
    transaction.on_commit(
        partial(make_image_renditions.enqueue, instance.pk), robust=True
    )
