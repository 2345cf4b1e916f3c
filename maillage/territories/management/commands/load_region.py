"""`manage.py load_region 03 [--directory DIR]`: load a region's territories (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.territories.regiondata import TerritoryDataError
from maillage.territories.services import region_boundaries_load, region_load


class Command(BaseCommand):
    # Command help stays in English, like Django's own commands; output is translated.
    help = (
        "Load Québec, an administrative region, its MRCs / equivalent territories and its "
        "municipalities from CSV files (the bundled ones, or --directory), and the MRCs' "
        "boundaries when the folder ships them. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("region", help=_("Region code, for example 03."))
        parser.add_argument(
            "--directory",
            type=Path,
            help=_(
                "Folder holding *mrc.csv and *municipalities.csv in the bundled format "
                "(default: the project's own files for that region)."
            ),
        )
        parser.add_argument(
            "--regions-file",
            type=Path,
            help=_("CSV of Québec's regions with their populations (default: the bundled one)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = region_load(
                actor=SYSTEM,
                region_code=options["region"],
                directory=options["directory"],
                regions_file=options["regions_file"],
            )
            boundaries = region_boundaries_load(
                actor=SYSTEM, region_code=options["region"], directory=options["directory"]
            )
        except TerritoryDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Region %(code)s %(name)s: %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged."
                )
                % {
                    "code": report.region.code,
                    "name": report.region.name,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )
        if boundaries is not None:
            self.stdout.write(
                _("Boundaries: %(imported)d territories drawn.") % {"imported": boundaries.imported}
            )
