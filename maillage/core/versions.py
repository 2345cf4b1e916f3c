"""Concurrent edits: a record's version is when it was last saved (`Timestamped.updated_at`).

An edit form carries the version it was opened on (`core.forms.EditForm`); the service
that applies it calls `lock` first, inside its transaction: the row is locked until the
transaction ends and read again, and a change sent on another version is refused with
`StaleVersion` instead of silently overwriting what someone saved in between.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.dateparse import parse_datetime

from maillage.core.models import AuditEvent, Timestamped, User


def version_of(instance: Timestamped) -> str:
    return instance.updated_at.isoformat()


class StaleVersion(Exception):
    """A change sent on a version that is no longer the record's: someone saved it since.
    `instance` holds the values saved now; `changed_by` is who saved them, when the audit log
    says so."""

    def __init__(self, instance: Timestamped, *, changed_by: User | None = None) -> None:
        super().__init__(f"{type(instance).__name__} {instance.pk} changed since it was opened")
        self.instance = instance
        self.changed_at: datetime = instance.updated_at
        self.changed_by = changed_by


def lock[M: models.Model](instance: M, *, version: str | None = None) -> M:
    """Lock `instance`'s row until the transaction ends and read it again, so that what the
    service checks is what it overwrites (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: the
    transaction took the write lock when it began). A `version` other than the one read is
    refused; None, or an empty version, is not checked (a caller that has just read the record:
    the demo, a replayed change, a form sent without its version)."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("lock() needs the service's transaction.")
    instance.refresh_from_db(from_queryset=type(instance)._base_manager.select_for_update())
    if version:
        assert isinstance(instance, Timestamped), "only a Timestamped record has a version"
        if version != version_of(instance):
            raise StaleVersion(instance, changed_by=_changed_by(instance, since=version))
    return instance


def touch(instance: Timestamped) -> None:
    """A new version of `instance` when what changed lives in other rows that its edit form
    shows (a circle's accountabilities): a form opened before is then stale."""
    instance.save(update_fields=["updated_at"])


def _changed_by(instance: Timestamped, *, since: str) -> User | None:
    """The author of the latest event recorded on `instance` since the version `since`."""
    events = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(instance), target_id=str(instance.pk)
    )
    try:
        opened = parse_datetime(since)
    except ValueError:
        opened = None
    if opened is not None and opened.tzinfo is not None:
        events = events.filter(created_at__gte=opened)
    event = events.select_related("actor").order_by("-created_at", "-pk").first()
    return event.actor if event is not None else None
