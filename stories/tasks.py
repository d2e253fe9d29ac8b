"""The stories' background work (``django_tasks``), enqueued by
``stories.receivers`` with the change that causes it: a Wagtail image's
renditions, and the search text of a renamed centre's stories."""

from django_tasks import task
from wagtail.images import get_image_model

from sitewide import content_version
from stories.models import StoryPage
from stories.renditions import make_renditions


@task()
def make_image_renditions(image_id: int) -> int:
    """How many renditions the image has (0 when it was deleted meanwhile)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return make_renditions(image)


@task()
def refold_stories_of_centre(centre_id: int) -> int:
    """How many of the centre's stories had their search text written again."""
    stories = StoryPage.objects.filter(centre_id=centre_id).select_related("centre")
    for story in stories:
        StoryPage.objects.filter(pk=story.pk).update(
            search_text=story.build_search_text()
        )
    if stories:
        content_version.changed()
    return len(stories)
