"""Load the demonstration data of every app, in the order of INSTALLED_APPS (lower layers first).

Each app that has demo data offers `demo.load(*, stdout)`; every loader is idempotent, so a second
run neither fails nor duplicates anything.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from maillage.core.apps import project_modules


class Command(BaseCommand):
    help = "Load the realistic, fictional demonstration data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for config, module in project_modules("demo"):
            self.stdout.write(f"· {config.verbose_name}")
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(gettext("Demo data ready.")))
