from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = _("Centres")

    def import_models(self):
        """Register the centres' Wagtail pages too: ``centres.pages`` builds on
        ``centres.models``, so the models module cannot import it back."""
        super().import_models()
        import_module(f"{self.name}.pages")
