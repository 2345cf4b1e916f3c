"""`manage.py import_network organizations|people FILE [--dry-run] [--as EMAIL]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.imports import ImportFileError, decode_csv
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.network import imports
from maillage.network.services import network_import


class Command(BaseCommand):
    help = "Import organizations or people from a CSV file. With any error, nothing is imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=imports.ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check and report, change nothing.")
        )
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="EMAIL",
            help=_("Record the import in the history as done by this account."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor: Actor = SYSTEM
        if options["actor"]:
            account = User.objects.filter(email__iexact=options["actor"]).first()
            if account is None:
                raise CommandError(
                    _("No account has the e-mail %(email)s.") % {"email": options["actor"]}
                )
            actor = account
        try:
            text = decode_csv(path.read_bytes())
            rows = imports.parse_csv(text, options["kind"])
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = network_import(
            actor=actor, kind=options["kind"], rows=rows, dry_run=options["dry_run"]
        )
        for outcome in report.outcomes:
            details = f" ({', '.join(outcome.details)})" if outcome.details else ""
            self.stdout.write(f"{outcome.line}: {outcome.action} {outcome.label}{details}")
        if report.errors:
            for row_error in report.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                _("%(count)d error(s): nothing was imported.") % {"count": len(report.errors)}
            )
        summary = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if options["dry_run"]:
            self.stdout.write(_("Dry run, nothing was changed: %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(self.style.SUCCESS(summary))
