"""Grow the demo catalogue to 10,000 or 100,000 products, to measure the site at scale.

Run it after ``load_demo_content`` (it copies the demo's products, see
``demo.bench_catalogue``). Products 1 … ``--products`` that are missing are
loaded; a second run with the same number loads nothing. Progress goes to stderr.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from demo.bench_catalogue import BenchCatalogueLoader, load_templates


class Command(BaseCommand):
    help = (
        "Load numbered copies of the demo products (bulk inserts) up to "
        "--products, for benchmarks; safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--products",
            type=int,
            default=10000,
            metavar="N",
            help="How many bench products there should be (default 10000).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            metavar="N",
            help="Products per bulk insert and transaction (default 1000).",
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=5000,
            metavar="N",
            help="Print a progress line to stderr every N products (default 5000).",
        )

    def handle(self, *args, **options) -> None:
        if options["products"] < 0 or options["batch_size"] < 1:
            raise CommandError("--products must be 0 or more, --batch-size 1 or more.")
        templates = load_templates()
        if not templates:
            raise CommandError(
                "No demo products to copy: run `manage.py load_demo_content` first."
            )

        def progress(done: int, todo: int, seconds: float) -> None:
            rate = done / seconds if seconds else 0
            self.stderr.write(f"bench catalogue: {done}/{todo} products ({rate:.0f}/s)")

        loader = BenchCatalogueLoader(
            options["products"],
            batch_size=options["batch_size"],
            progress_every=options["progress_every"],
            progress=progress,
        )
        started = time.monotonic()
        loader.load(templates)
        seconds = time.monotonic() - started
        if loader.created_products:
            summary = (
                f"{loader.created_products} products loaded "
                f"({loader.created_rows} rows) in {seconds:.1f} s"
            )
        else:
            summary = f"all {options['products']} bench products already loaded"
        self.stdout.write(self.style.SUCCESS(f"bench catalogue: {summary}"))
