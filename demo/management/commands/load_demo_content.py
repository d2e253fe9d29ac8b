"""Load the demo site (centres, catalogue, pages, accounts) in one idempotent run.

What it loads:

- the ten centres recognised by decision 717/QĐ-SCT, each with its Oscar
  partner and one plainly fictional demo maker (facts only from the project's
  domain notes; unknown facts such as most star levels stay empty);
- product classes (with shelf life for food, size for áo dài, length and
  fabric kind for silk), a category per class, and at least
  ``--products-per-centre`` products per centre with a stock record in VND and
  a placeholder image drawn with Pillow; a few carry demo OCOP ratings whose
  certificate numbers start with "DEMO-";
- the Wagtail tree in Vietnamese and English (home, villages, centres, one
  storefront per centre), published, with the default site pointing at it,
  after removing Wagtail's "Welcome" page;
- a stories index in both languages with a heritage story for each village,
  three "how it is made" stories and three fictional makers' profiles, each
  with illustrations drawn with Pillow and a "shop this story" block of the
  village's products (``demo.stories_loader``);
- a superuser and one partner-scoped staff account per centre, whose demo
  passwords are printed at the end;
- Wagtail's Editors and Moderators groups and "Ban kiểm duyệt (Moderators)" workflow
  checked (recreated if missing), with one demo editor and one demo moderator;
- then Wagtail's search index is rebuilt.

Everything is keyed by stable slugs, codes and UPCs. A second run creates
nothing and changes nothing: rows that exist are left as they are (an editor's
star level, a centre's prices and stock, changed passwords survive).
"""

from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from centres.models import DesignCentre
from demo.catalogue_loader import load_catalogue_structure
from demo.centres_loader import load_centres
from demo.editors_loader import EditorialLoader
from demo.pages_loader import PageLoader
from demo.products_loader import ProductLoader
from demo.stories_loader import StoryLoader
from demo.tally import Tally
from demo.users_loader import Credential, load_users

MIN_PRODUCTS_PER_CENTRE = 6


class Command(BaseCommand):
    help = "Load the demo centres, products, pages and accounts (safe to run again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo has already been loaded (any centre exists).",
        )
        parser.add_argument(
            "--products-per-centre",
            type=int,
            default=MIN_PRODUCTS_PER_CENTRE,
            metavar="N",
            help=f"Products per centre (at least {MIN_PRODUCTS_PER_CENTRE}; "
            "numbered variants beyond the hand-written ones).",
        )
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Do not rebuild Wagtail's search index at the end.",
        )

    def handle(self, *args, **options) -> None:
        per_centre = options["products_per_centre"]
        if per_centre < MIN_PRODUCTS_PER_CENTRE:
            raise CommandError(
                f"--products-per-centre must be at least {MIN_PRODUCTS_PER_CENTRE}."
            )
        if options["if_empty"] and DesignCentre.objects.exists():
            self.stdout.write(
                "demo content already loaded "
                f"({DesignCentre.objects.count()} centres found): nothing to do"
            )
            return

        started = time.monotonic()
        with transaction.atomic():
            tallies, credentials = self._load(per_centre)
            # New photos and images get their renditions when this commits
            # (catalogue.receivers, stories.receivers): pages never make them.
            self.stdout.write("renditions: making those of new photos and images")
        if not options["skip_search_index"]:
            call_command("wagtail_update_index", verbosity=0)
            self.stdout.write("search index: rebuilt (wagtail)")
        created = sum(tally.created for tally in tallies)
        summary = f"{created} rows created" if created else "no changes"
        self.stdout.write(
            self.style.SUCCESS(
                f"demo content loaded in {time.monotonic() - started:.1f} s: {summary}"
            )
        )
        self._print_credentials(credentials)

    def _load(self, per_centre: int) -> tuple[list[Tally], list[Credential]]:
        tallies: list[Tally] = []

        def report(new: list[Tally]) -> None:
            for tally in new:
                self.stdout.write(tally.line())
            tallies.extend(new)

        centres, makers, centre_tallies = load_centres()
        report(centre_tallies)
        structure, structure_tallies = load_catalogue_structure()
        report(structure_tallies)
        products = ProductLoader(structure)
        products.load(centres, makers, per_centre)
        report(products.tallies)
        pages = PageLoader()
        pages.load(centres)
        report(pages.tallies)
        if pages.removed_welcome_pages:
            self.stdout.write("wagtail welcome page: removed")
        stories = StoryLoader()
        stories.load(centres, makers)
        report(stories.tallies)
        credentials, users_tally = load_users(centres)
        report([users_tally])
        editorial = EditorialLoader()
        editorial.load()
        report(editorial.tallies)
        for note in editorial.notes:
            self.stdout.write(note)
        return tallies, credentials + editorial.credentials

    def _print_credentials(self, credentials: list[Credential]) -> None:
        width = max(len(credential.email) for credential in credentials)
        pass_width = max(len(credential.password) for credential in credentials)
        lines = [
            "",
            "DEMO ONLY: public demo accounts; never use them on a real site.",
            f"{'e-mail':<{width}}  {'password':<{pass_width}}  role",
        ]
        for credential in credentials:
            note = "" if credential.created else " (existing account: password kept)"
            lines.append(
                f"{credential.email:<{width}}  {credential.password:<{pass_width}}  "
                f"{credential.role}{note}"
            )
        self.stdout.write("\n".join(lines) + "\n")
