"""The import kernel: what every app that imports files shares.

An app registers an `Importer` for each kind of file it takes (in its `AppConfig.ready()`): how to
read the rows of a file, how to check one row without writing (the look-ups it needs are loaded
once), and the service that applies every row, all or nothing. The core keeps the rest: the job
(`models.ImportJob`, its workflow `workflows.IMPORT_JOB`), the upload form's file checks
(`forms.ImportUploadForm`), the check and the application as background tasks (`tasks`), and the
report page that follows them (`views.import_job`).

Nothing here writes. Also here: reading uploaded CSV files, and a row's error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class RowError:
    """What is wrong with one row, at its column ("" for the row as a whole). Line 1 is the
    header; line 0 is the file as a whole."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column “%(column)s”: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}

    def as_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class RowOutcome:
    line: int
    action: str  # "create", "update" or "unchanged"
    label: str
    details: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an importer's service did with the rows (or would do, on a dry run)."""

    kind: str
    dry_run: bool
    outcomes: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


@dataclass(frozen=True)
class Importer[R]:
    """One kind of file an app imports.

    - `parse(text)` reads the rows of the decoded file (`ImportFileError` for the file as a whole);
    - `checker()` loads what checking needs once and returns the check of one row (its errors);
      it reads and never writes;
    - `apply(actor=, rows=)` is the app's service: it applies every row in one transaction and
      returns its report; with any error in it, nothing is changed.
    """

    key: str  # stored on the job: "<app>.<what>"
    label: Promise | str
    permission: str  # who may upload this kind of file and confirm it
    parse: Callable[[str], Sequence[R]]
    checker: Callable[[], Callable[[R], list[RowError]]]
    apply: Callable[..., ImportReport]
    upload_url_name: str  # where another file is uploaded
    done_url_name: str  # where the imported records are listed


_IMPORTERS: dict[str, Importer[Any]] = {}


def register_importer(importer: Importer[Any]) -> None:
    _IMPORTERS[importer.key] = importer


def importer_for(key: str) -> Importer[Any] | None:
    return _IMPORTERS.get(key)


def may_import(viewer: Viewer, key: str) -> bool:
    """Whether `viewer` holds the permission of the importer `key` (none: nobody)."""
    importer = importer_for(key)
    return importer is not None and has_perm(viewer, importer.permission)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 (Excel's "CSV")."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if b"\x00" in data:
        raise ImportFileError(
            _("This file is not a CSV text file. Save the spreadsheet as “CSV UTF-8”.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The encoding of this file is not recognized. Save it as “CSV UTF-8”.")
        ) from error


def read_upload(upload: UploadedFile[Any]) -> str:
    """Check the name and size of an uploaded file, then decode it."""
    limit = settings.MAILLAGE_MAX_UPLOAD_BYTES
    if not (upload.name or "").lower().endswith(".csv"):
        raise ImportFileError(_("The file must be a CSV file (name ending in .csv)."))
    size = upload.size or 0
    if size > limit:
        raise ImportFileError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(
            _("The file is too large; the limit is %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    return decode_csv(data)
