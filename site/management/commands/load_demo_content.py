"""Stands in for the demo app's command where that app is not installed.

The demo app lists its own ``load_demo_content`` first; under production
settings it is left out, and this one says why instead of Django's
"Unknown command".
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Refuses: the demo content is not installed under these settings."

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")
        parser.add_argument("--if-empty", action="store_true")
        parser.add_argument("--products-per-centre", type=int)

    def handle(self, *args, **options):
        raise CommandError(
            "Demo content is not installed under "
            f"{settings.SETTINGS_MODULE}: it would create demo accounts with "
            "published passwords, so it never loads into a production database. "
            "Load it only into a development database, with "
            "DJANGO_SETTINGS_MODULE=craftsite.settings.dev."
        )
