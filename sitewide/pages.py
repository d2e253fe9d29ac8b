"""What every page model of the site shares, whichever app owns it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from sitewide.slugs import VietnameseSlugMixin


class IntroducedPage(VietnameseSlugMixin, Page):
    """A section's front page (home, villages, stories, centres): a title and a
    short introduction, then what the section lists."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True
