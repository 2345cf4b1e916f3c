"""The person's copy of "my data": a ZIP (`data.json` with every section, one CSV per section,
and `schema.json`, the JSON Schema `data.json` follows) and a readable PDF, drawn by WeasyPrint
like the project's other documents. Both are made from `core.personal.export(account)`: what the
page shows is what the files hold.

Made by a task when the person asks (`services.mydata`), kept a few days for them alone."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise

from maillage.core.models import User
from maillage.core.personal import Section

FORMAT = "maillage-my-data"
VERSION = 1
SCHEMA_ID = "https://maillage.invalid/schemas/my-data/1.json"

# The JSON Schema (draft 2020-12) of `data.json`, shipped in the ZIP beside it and described in
# docs/apps/privacy.md. A value is plain: text, a number, true/false or null; dates and times
# are ISO 8601 text.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "My data",
    "description": "The personal information a Maillage platform holds about one account.",
    "type": "object",
    "required": ["format", "version", "generated_at", "collective", "account", "sections"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "generated_at": {"type": "string", "format": "date-time"},
        "collective": {"type": "string"},
        "language": {"type": "string"},
        "account": {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {"id": {"type": "integer"}},
        },
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    },
    "$defs": {
        "value": {"type": ["string", "number", "boolean", "null"]},
        "row": {
            "type": "object",
            "required": ["values", "correct_url"],
            "additionalProperties": False,
            "properties": {
                "values": {
                    "type": "object",
                    "additionalProperties": {"$ref": "#/$defs/value"},
                },
                "correct_url": {"type": "string"},
            },
        },
        "section": {
            "type": "object",
            "required": ["key", "file", "title", "purpose", "rows"],
            "additionalProperties": False,
            "properties": {
                "key": {"type": "string", "minLength": 1},
                "file": {"type": "string", "pattern": "^[a-z0-9_.-]+\\.csv$"},
                "title": {"type": "string"},
                "purpose": {"type": "string"},
                "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}},
            },
        },
    },
}


def plain(value: Any) -> str | int | float | bool | None:
    """A value as JSON holds it: dates as ISO text, decimals as numbers, the rest as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return str(value)


def file_name(key: str) -> str:
    """A section's CSV file name: its key, lowercased, with anything but letters, digits, `.`,
    `_` and `-` replaced (keys are stable identifiers; this only guards the archive)."""
    return re.sub(r"[^a-z0-9_.-]+", "-", key.lower()).strip("-") + ".csv"


def document(account: User, sections: list[Section]) -> dict[str, Any]:
    """`data.json`'s content (see `SCHEMA`)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now().isoformat(),
        "collective": str(settings.MAILLAGE_COLLECTIVE_NAME),
        "language": _active_language() or settings.LANGUAGE_CODE,
        "account": {"id": account.pk},
        "sections": [
            {
                "key": section.key,
                "file": file_name(section.key),
                "title": str(section.title),
                "purpose": str(section.purpose),
                "rows": [
                    {
                        "values": {str(k): plain(v) for k, v in row.values.items()},
                        "correct_url": row.correct_url,
                    }
                    for row in section.rows
                ],
            }
            for section in sections
        ],
    }


def _active_language() -> str:
    from django.utils.translation import get_language

    return get_language() or ""


def columns(section: Section) -> list[str]:
    """Every label a section's rows use, in the order they first appear."""
    seen: dict[str, None] = {}
    for row in section.rows:
        for label in row.values:
            seen.setdefault(str(label), None)
    return list(seen)


@dataclass(frozen=True)
class Table:
    """A section laid out as a table for the page and the PDF: its columns, and each row's cells
    in that order (None where a row has no such value) with where to correct it."""

    section: Section
    columns: list[str]
    rows: list[tuple[list[Any], str]]


def tables(sections: list[Section]) -> list[Table]:
    laid_out = []
    for section in sections:
        labels = columns(section)
        rows = [
            ([_by_text(row.values, label) for label in labels], row.correct_url)
            for row in section.rows
        ]
        laid_out.append(Table(section, labels, rows))
    return laid_out


def _by_text(values: dict[str, Any], label: str) -> Any:
    # A label may be a lazy translation: its text is the column's name.
    if label in values:
        return values[label]
    return next((v for k, v in values.items() if str(k) == label), None)


def section_csv(section: Section) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    labels = columns(section)
    writer.writerow(labels)
    for row in section.rows:
        values = {str(k): plain(v) for k, v in row.values.items()}
        writer.writerow(["" if values.get(label) is None else values[label] for label in labels])
    return out.getvalue()


def archive(account: User, sections: list[Section]) -> bytes:
    """The ZIP: `data.json`, `schema.json` and one CSV per section (UTF-8 with a byte-order
    mark, which spreadsheet programs need to read accents)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_file:
        data = document(account, sections)
        archive_file.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive_file.writestr("schema.json", json.dumps(SCHEMA, ensure_ascii=False, indent=2))
        for section in sections:
            archive_file.writestr(file_name(section.key), "\ufeff" + section_csv(section))
    return buffer.getvalue()


def download_name(extension: str, *, on: datetime | None = None) -> str:
    """The name a copy is downloaded under: the day it was made."""
    return f"mes-donnees-{timezone.localdate(on).isoformat()}.{extension}"


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the document fetches nothing ({url})")


def html(account: User, sections: list[Section]) -> str:
    return render_to_string(
        "privacy/mydata/pdf.html",
        {
            "account": account,
            "tables": tables(sections),
            "collective": settings.MAILLAGE_COLLECTIVE_NAME,
            "made_at": timezone.now(),
            "language": _active_language() or settings.LANGUAGE_CODE,
        },
    )


def pdf(account: User, sections: list[Section]) -> bytes:
    from weasyprint import HTML  # heavy: loaded when a PDF is made

    return bytes(HTML(string=html(account, sections), url_fetcher=_no_fetch).write_pdf())
