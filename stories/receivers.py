"""Keep a story's search text in step with its centre's names."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from stories.models import StoryPage


@receiver(post_save, sender="centres.DesignCentre")
def refold_stories_of_centre(sender, instance, created=False, **kwargs):
    if created:
        return
    for story in StoryPage.objects.filter(centre=instance).select_related("centre"):
        StoryPage.objects.filter(pk=story.pk).update(
            search_text=story.build_search_text()
        )
