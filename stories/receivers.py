"""Keep a story's search text in step with its centre's names, and make an
uploaded image's renditions: tasks enqueued with the change that causes them
(``background.enqueue``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from background.enqueue import enqueue_with_change
from stories.tasks import make_image_renditions, refold_stories_of_centre


@receiver(post_save, sender="centres.DesignCentre")
def refold_stories_when_centre_changes(sender, instance, created=False, **kwargs):
    if not created:
        enqueue_with_change(refold_stories_of_centre, instance.pk)


@receiver(post_save, sender=get_image_model())
def make_renditions_of_image(sender, instance, update_fields=None, **kwargs):
    """A new or replaced image gets its renditions before any page shows it;
    editing its title or tags makes none."""
    if update_fields is not None and "file" not in update_fields:
        return
    enqueue_with_change(make_image_renditions, instance.pk)
