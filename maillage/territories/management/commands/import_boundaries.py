"""`manage.py import_boundaries FILE [--region 03] [--tolerance 0.001]`: store MRC outlines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.territories.geodata import DEFAULT_TOLERANCE
from maillage.territories.regiondata import TerritoryDataError
from maillage.territories.services import boundaries_import


class Command(BaseCommand):
    # Command help stays in English, like Django's own commands; output is translated.
    help = (
        "Import the outlines of the loaded MRCs / equivalent territories from a GeoJSON file in "
        "the layout of Données Québec's MRC layer (WGS84). A broken file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("GeoJSON FeatureCollection."))
        parser.add_argument(
            "--region", help=_("Keep only the features of this region, for example 03.")
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=DEFAULT_TOLERANCE,
            help=_(
                "Simplification tolerance in degrees (default %(default)s; 0 keeps every point)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be read (%(error)s).") % {"file": path, "error": error.strerror}
            ) from error
        try:
            report = boundaries_import(
                actor=SYSTEM,
                data=data,
                region_code=options["region"],
                tolerance=options["tolerance"],
                source=path.name,
            )
        except TerritoryDataError as error:
            raise CommandError(f"{path}: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(imported)d boundaries imported (%(created)d new, %(updated)d changed, "
                    "%(unchanged)d unchanged); %(skipped)d features skipped because their "
                    "territory is not loaded; %(outside)d features outside the region."
                )
                % {
                    "imported": report.imported,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "skipped": len(report.skipped),
                    "outside": report.outside_region,
                }
            )
        )
        if report.skipped and options["verbosity"] > 1:
            self.stdout.write(_("Skipped features: %(list)s") % {"list": ", ".join(report.skipped)})
        for code in report.outlines:
            self.stdout.write(_("Outline of region %(code)s built from its MRCs.") % {"code": code})
