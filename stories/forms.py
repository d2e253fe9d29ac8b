"""Wagtail's image form, with the alt text (the image's description) required."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    """Every image used in a story must say what it shows to those who cannot see it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("Alt text")
            field.help_text = _(
                "What the image shows, for people who cannot see it "
                "(read aloud by screen readers)."
            )
