"""Demo hook called by the project's `load_demo` command (after the territories): the region's
indicator files of the shared reference data folder (`../shared/data` beside the project), when
present, through the same service as any import. Safe to run again: a second import of the same
files changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.portrait import imports
from maillage.portrait.services import indicators_import

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
FILES = ("indicators_region03.csv", "indicators_region03_more.csv")


def load(*, stdout: Any, directory: Path | None = None) -> None:
    folder = directory or SHARED_DATA
    for name in FILES:
        path = folder / name
        if not path.is_file():
            continue
        rows = imports.parse_file(path.name, path.read_bytes())
        report = indicators_import(actor=SYSTEM, rows=rows)
        if report.errors:
            stdout.write(
                _("%(file)s not imported: %(errors)s")
                % {"file": name, "errors": "; ".join(str(e) for e in report.errors[:5])}
            )
            continue
        stdout.write(
            _("%(file)s: %(created)d values created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "file": name,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
        )
