"""`manage.py import_indicators PATH [--dry-run]`: a file of indicator values (CSV or XLSX),
through the same service as the import page, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.imports import ImportFileError
from maillage.core.permissions import SYSTEM
from maillage.portrait import imports
from maillage.portrait.services import indicators_import


class Command(BaseCommand):
    help = "Import indicator values from a CSV or XLSX file (all rows, or none if one fails)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV or XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report without writing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": path})
        try:
            rows = imports.parse_file(path.name, path.read_bytes())
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = indicators_import(actor=SYSTEM, rows=rows, dry_run=options["dry_run"])
        if report.errors:
            for problem in report.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)d errors.") % {"count": len(report.errors)}
            )
        summary = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if options["dry_run"]:
            summary = _("Dry run, nothing written: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
