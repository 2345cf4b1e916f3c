"""A small importer for the kernel's tests: one word per line, a notification per word applied.

A row "bad" is refused when the file is checked; a row "late" passes the check and is refused
when the file is applied (as when the data changed in between); a row "boom" breaks the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from maillage.core.actors import Actor
from maillage.core.imports import (
    Importer,
    ImportFileError,
    ImportReport,
    RowError,
    RowOutcome,
)
from maillage.core.models import Notification, User
from maillage.core.permissions import require

KEY = "tests.words"


@dataclass
class Word:
    line: int
    text: str


def parse(text: str) -> list[Word]:
    header, *lines = text.splitlines()
    if header != "word":
        raise ImportFileError("line 1: the column must be “word”.")
    return [Word(number, word) for number, word in enumerate(lines, start=2) if word]


def checker():
    def check(row: Word) -> list[RowError]:
        if row.text == "boom":
            raise RuntimeError("a fault, not the file")
        return [RowError(row.line, "word", "bad word")] if row.text == "bad" else []

    return check


@transaction.atomic
def apply(*, actor: Actor, rows: list[Word]) -> ImportReport:
    require(actor, "core.view_audit")
    assert isinstance(actor, User)
    report = ImportReport(kind=KEY, dry_run=False)
    for row in rows:
        if row.text == "late":
            report.errors.append(RowError(row.line, "word", "refused when applied"))
            continue
        # Written before the refusal of a later row: the kernel must roll it back.
        Notification.objects.create(recipient=actor, subject=row.text)
        report.outcomes.append(RowOutcome(row.line, "create", row.text))
    return report


WORDS = Importer(
    key=KEY,
    label="Words",
    permission="core.view_audit",
    parse=parse,
    checker=checker,
    apply=apply,
    upload_url_name="core:notifications",
    done_url_name="core:notifications",
)
