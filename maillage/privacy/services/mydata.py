"""Writes of "my data": a copy asked for, made by a task and announced to its account, each
download recorded (what, by whom, never its content), and the copies past their days removed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit, personal
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.services.notifications import notify
from maillage.privacy import mydata
from maillage.privacy.models import CopyFormat, DataCopy
from maillage.privacy.models.mydata import COPY_DAYS
from maillage.privacy.verbs import MyDataVerb
from maillage.privacy.workflows import DATA_COPY

logger = logging.getLogger(__name__)


def _account(actor: Actor) -> User:
    if not isinstance(actor, User):
        raise PermissionDenied(_("A copy of personal information is made for an account only."))
    return actor


@transaction.atomic
def my_data_copy_request(*, actor: Actor, file_format: str) -> DataCopy:
    """Ask for a copy of the actor's own data in `file_format`; a task makes it. A copy of that
    format still being prepared is the answer to a second request, so that clicking twice makes
    one file."""
    account = _account(actor)
    file_format = CopyFormat(file_format)
    pending = (
        DataCopy.objects.select_for_update()
        .filter(account=account, file_format=file_format, state=DATA_COPY.initial)
        .first()
    )
    if pending is not None:
        return pending
    copy = DataCopy.objects.create(
        account=account,
        file_format=file_format,
        language=translation.get_language() or "",
    )
    audit.record(
        actor=account, verb=MyDataVerb.COPY_REQUESTED, target=copy, payload={"format": file_format}
    )
    from maillage.privacy.tasks import prepare_data_copy

    transaction.on_commit(lambda: prepare_data_copy.enqueue(copy.pk))
    return copy


def _content(copy: DataCopy, sections: list[personal.Section]) -> bytes:
    if copy.file_format == CopyFormat.PDF:
        return mydata.pdf(copy.account, sections)
    return mydata.archive(copy.account, sections)


def my_data_copy_prepare(*, actor: Actor, copy: DataCopy) -> DataCopy:
    """Make the file of a copy being prepared, in the language it was asked in, and tell its
    account by a notification (and an e-mail) with the link. Not one transaction: reading every
    app's records takes a moment, and the copy's state is written once the file is kept. A
    failure marks the copy failed, tells the person, and is raised again for the task's log."""
    copy = DataCopy.objects.select_related("account").get(pk=copy.pk)
    DATA_COPY.check("finish", state=copy.state, roles=None)
    account = copy.account
    with translation.override(copy.language or None):
        try:
            sections = personal.export(account)
            content = _content(copy, sections)
        except Exception:
            logger.exception("The copy of my data no. %s could not be made.", copy.pk)
            _fail(actor=actor, copy=copy)
            raise
        name = mydata.download_name(copy.file_format)
        with transaction.atomic():
            # Read again under a lock: a task run twice makes one file.
            copy = DataCopy.objects.select_for_update().select_related("account").get(pk=copy.pk)
            copy.state = DATA_COPY.check("finish", state=copy.state, roles=None).target
            copy.file.save(name, ContentFile(content), save=False)
            now = timezone.now()
            copy.ready_at, copy.expires_at = now, now + timedelta(days=COPY_DAYS)
            copy.size, copy.sections = len(content), len(sections)
            copy.save()
            audit.record(
                actor=actor,
                verb=MyDataVerb.COPY_READY,
                target=copy,
                payload={"format": copy.file_format, "sections": copy.sections},
            )
            notify(
                recipient=account,
                subject=_("Your copy of your data is ready"),
                body=_(
                    "The copy you asked for of the personal information the platform holds about "
                    "you is ready: %(format)s. You may download it until %(date)s, after logging "
                    "in; it is then removed. If you did not ask for it, tell the person in charge "
                    "of personal information."
                )
                % {
                    "format": copy.get_file_format_display(),
                    "date": long_date(timezone.localdate(copy.expires_at)),
                },
                url=reverse("privacy:my_data_copy", kwargs={"pk": copy.pk}),
            )
    return copy


@transaction.atomic
def _fail(*, actor: Actor, copy: DataCopy) -> None:
    copy.state = DATA_COPY.check("fail", state=copy.state, roles=None).target
    copy.save(update_fields=["state"])
    audit.record(actor=actor, verb=MyDataVerb.COPY_FAILED, target=copy, payload={})
    notify(
        recipient=copy.account,
        subject=_("Your copy of your data could not be made"),
        body=_("Something went wrong while making it. You may ask for a new copy from My data."),
        url=reverse("privacy:my_data"),
    )


@transaction.atomic
def my_data_download_record(*, actor: User, copy: DataCopy) -> None:
    """Audit a download of the actor's own copy: its format and how many kinds it held."""
    audit.record(
        actor=actor,
        verb=MyDataVerb.DOWNLOADED,
        target=actor,
        payload={"format": copy.file_format, "sections": copy.sections, "copy": copy.pk},
    )


def expired_copies(now: datetime) -> QuerySet[DataCopy]:
    """The copies past their days; a copy that failed or was never made, as long after it was
    asked for."""
    return DataCopy.objects.filter(
        Q(expires_at__lte=now)
        | Q(expires_at__isnull=True, requested_at__lte=now - timedelta(days=COPY_DAYS))
    )


@transaction.atomic
def data_copies_remove(*, pks: Iterable[Any], now: datetime | None = None) -> int:
    """Remove exactly the copies among `pks` still past their days, files included (once the
    transaction commits, `receivers`); returns how many."""
    removed = 0
    for copy in expired_copies(now or timezone.now()).filter(pk__in=list(pks)):
        copy.delete()
        removed += 1
    return removed
