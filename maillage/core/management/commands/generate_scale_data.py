"""Generate N times the demo, for measuring pages at scale (`make bench`).

Loads the demo first (`load_demo`, which loads region 03 too, idempotent), then calls each app's
`scale.generate(run=…)` in the order of INSTALLED_APPS (lower layers first). Refuses to run on a
database that holds anything but demonstration data: every app's `scale.real_data()` must be
empty. Each run adds a batch of its own (tagged "e1", "e2"… in slugs and e-mails), so running it
twice doubles the data rather than failing.
"""

from __future__ import annotations

import random
import time
from types import ModuleType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from maillage.core.apps import project_modules
from maillage.core.scale import ScaleRun, next_batch


def scale_modules() -> list[tuple[str, ModuleType]]:
    """The `scale` module of every app of the project that has one, lower layers first."""
    return [(str(config.verbose_name), module) for config, module in project_modules("scale")]


class Command(BaseCommand):
    help = "Generate N times the demonstration data, for measuring pages at scale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--factor", type=int, default=10, help="How many times the demo.")
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")

    def handle(self, *args: Any, **options: Any) -> None:
        factor = options["factor"]
        if factor < 1:
            raise CommandError(gettext("The factor must be 1 or more."))
        modules = scale_modules()
        found = [
            line
            for _name, module in modules
            if hasattr(module, "real_data")
            for line in module.real_data()
        ]
        if found:
            raise CommandError(
                gettext(
                    "This database holds data that is not demonstration data; scale data is "
                    "only generated on a demo database. Found: %(found)s."
                )
                % {"found": "; ".join(found)}
            )
        started = time.monotonic()
        call_command("load_demo", stdout=self.stdout)
        with transaction.atomic():
            run = ScaleRun(
                factor=factor,
                # Reproducible fictional data, not secrets.
                rng=random.Random(options["seed"]),  # noqa: S311
                stdout=self.stdout,
                batch=next_batch(),
                today=timezone.localdate(),
            )
            self.stdout.write(
                gettext("Scale data, factor %(factor)d, batch %(batch)s:")
                % {"factor": factor, "batch": run.batch}
            )
            for name, module in modules:
                self.stdout.write(f"· {name}")
                module.generate(run=run)
        if connection.vendor == "postgresql":
            # Bulk inserts leave the planner's statistics at empty tables until autovacuum
            # passes, and it then scans where an index would do: gather them, as a database in
            # use has them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Scale data ready in %(seconds).1f s.")
                % {"seconds": time.monotonic() - started}
            )
        )
