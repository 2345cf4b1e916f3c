"""Import jobs: a file kept, checked by a task, confirmed by its uploader, applied by a task
(see `core.imports`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import SYSTEM, Actor
from maillage.core.imports import Importer, ImportFileError, RowError, importer_for
from maillage.core.models import ImportJob, User
from maillage.core.permissions import require
from maillage.core.tasks import apply_import, check_import
from maillage.core.verbs import CoreVerb
from maillage.core.workflows import IMPORT_JOB, UPLOADER

# Rows checked between two writes of the progress, each a short transaction of its own.
PROGRESS_EVERY = 500
# Errors kept on a job, and listed by its report; `error_count` counts them all.
ERRORS_KEPT = 200

_IMPORT_VERBS = {
    "accept": CoreVerb.IMPORT_CHECKED,
    "refuse": CoreVerb.IMPORT_REFUSED,
    "confirm": CoreVerb.IMPORT_CONFIRMED,
    "finish": CoreVerb.IMPORT_APPLIED,
    "fail": CoreVerb.IMPORT_FAILED,
}


class _Refused(Exception):
    """The importer's service reported errors: roll its writes back."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__()
        self.errors = errors


def _importer(job: ImportJob) -> Importer[Any]:
    importer = importer_for(job.kind)
    if importer is None:
        raise ValidationError(_("Unknown kind of import."))
    return importer


def _fire(*, actor: Actor, job: ImportJob, transition: str, **values: Any) -> ImportJob:
    """Fire `transition` on the job read again under a lock, with `values`; record its verb.
    Call it inside a transaction."""
    job = ImportJob.objects.select_for_update().defer("text").get(pk=job.pk)
    roles = None if actor is SYSTEM else {UPLOADER} if actor.pk == job.uploaded_by_id else set()
    job.state = IMPORT_JOB.check(transition, state=job.state, roles=roles).target
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=["state", "updated_at", *values])
    verb = _IMPORT_VERBS.get(transition)
    if verb is not None:
        payload = {"state": job.state, "rows": job.total_rows, "errors": job.error_count}
        audit.record(actor=actor, verb=verb, target=job, payload=payload)
    return job


def _kept(errors: list[RowError]) -> list[dict[str, Any]]:
    return [error.as_json() for error in errors[:ERRORS_KEPT]]


@transaction.atomic
def import_job_create(
    *, actor: Actor, kind: str, file_name: str, text: str, total_rows: int, language: str
) -> ImportJob:
    """Keep an uploaded file (already decoded, its rows counted) and have a task check it."""
    importer = importer_for(kind)
    if importer is None:
        raise ValidationError({"kind": _("Unknown kind of import.")})
    require(actor, importer.permission)
    if not isinstance(actor, User):
        raise PermissionDenied(_("An import belongs to the account that uploads it."))
    job = audit.audited_save(
        actor=actor,
        instance=ImportJob(
            kind=kind,
            uploaded_by=actor,
            file_name=file_name[:255],
            text=text,
            language=language,
            total_rows=total_rows,
        ),
        verb=CoreVerb.IMPORT_UPLOADED,
        payload={"kind": kind, "file": file_name[:255], "rows": total_rows},
    )
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


def import_job_check(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Check every row of an uploaded file, applying nothing.

    Not one transaction, on purpose: the rows are read and checked in Python with look-ups loaded
    once, and the progress is written every PROGRESS_EVERY rows in a short transaction of its own,
    so that a long check never makes another write wait.
    """
    importer = _importer(job)
    with translation.override(job.language):
        errors: list[RowError] = []
        try:
            rows = importer.parse(job.text)
        except ImportFileError as error:
            rows, errors = (), [RowError(0, "", str(error))]
        with transaction.atomic():
            job = _fire(actor=actor, job=job, transition="check", total_rows=len(rows))
        count = len(errors)
        check = importer.checker() if rows else None
        for number, row in enumerate(rows, start=1):
            found = check(row) if check else []
            count += len(found)
            errors.extend(found[: max(ERRORS_KEPT - len(errors), 0)])
            if number % PROGRESS_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(
                    checked_rows=number, updated_at=timezone.now()
                )
    with transaction.atomic():
        return _fire(
            actor=actor,
            job=job,
            transition="refuse" if count else "accept",
            checked_rows=len(rows),
            error_count=count,
            errors=_kept(errors),
            checked_at=timezone.now(),
            # A refused file is never imported: its content goes.
            **({"text": ""} if count else {}),
        )


@transaction.atomic
def import_job_confirm(*, actor: Actor, job: ImportJob) -> ImportJob:
    """The uploader confirms a checked file: a task applies it."""
    require(actor, "core.confirm_import", job)
    job = _fire(actor=actor, job=job, transition="confirm")
    transaction.on_commit(lambda: apply_import.enqueue(job.pk))
    return job


@transaction.atomic
def import_job_apply(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Apply a confirmed file in one transaction: every row, or with any error none. The job
    records the outcome, or the errors, in the same transaction. The importer's service acts for
    the uploader, so that the history names them and their permission is checked again."""
    job = ImportJob.objects.select_for_update().select_related("uploaded_by").get(pk=job.pk)
    importer = _importer(job)
    IMPORT_JOB.check("finish", state=job.state, roles=None)
    done = {"finished_at": timezone.now(), "text": ""}
    with translation.override(job.language):
        try:
            with transaction.atomic():
                report = importer.apply(actor=job.uploaded_by, rows=importer.parse(job.text))
                if report.errors:
                    raise _Refused(report.errors)
        except (_Refused, ImportFileError, ValidationError, PermissionDenied) as error:
            errors = _refusal(error)
            return _fire(
                actor=actor,
                job=job,
                transition="fail",
                error_count=len(errors),
                errors=_kept(errors),
                **done,
            )
    return _fire(
        actor=actor,
        job=job,
        transition="finish",
        created_count=report.created,
        updated_count=report.updated,
        unchanged_count=report.unchanged,
        **done,
    )


def _refusal(error: Exception) -> list[RowError]:
    """The errors of an application refused as a whole or row by row."""
    if isinstance(error, _Refused):
        return error.errors
    if isinstance(error, ValidationError):
        return [RowError(0, "", " ".join(error.messages))]
    return [RowError(0, "", str(error))]


@transaction.atomic
def import_job_fail(*, actor: Actor, job: ImportJob, message: str) -> ImportJob:
    """Stop a job that a task could not finish (an unexpected error): nothing was imported."""
    return _fire(
        actor=actor,
        job=job,
        transition="fail",
        error_count=1,
        errors=[RowError(0, "", message).as_json()],
        finished_at=timezone.now(),
        text="",
    )
