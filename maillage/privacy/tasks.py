"""The privacy app's background work: the daily retention run, reminding the handlers of the
requests' deadline, and making the copies of "my data" people ask for."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task

from maillage.core.actors import SYSTEM
from maillage.privacy.services.requests import requests_remind_due


@task()
def apply_retention(dry_run: bool = False) -> int:
    """Apply the retention rules (`services.retention_apply`); returns the run's id."""
    from maillage.privacy.services import retention_apply

    return retention_apply(actor=SYSTEM, dry_run=dry_run).pk


@task()
def remind_requests(now: str | None = None) -> int:
    """Notify the handlers of the open requests due within seven days or late, once a day per
    request. Returns how many requests. `now` (ISO datetime) is for catching up or testing."""
    return requests_remind_due(actor=SYSTEM, now=datetime.fromisoformat(now) if now else None)


@task()
def prepare_data_copy(copy_id: int) -> int:
    """Make the file of a copy of "my data" (`services.mydata.my_data_copy_prepare`)."""
    from maillage.privacy.models import DataCopy
    from maillage.privacy.services.mydata import my_data_copy_prepare

    return my_data_copy_prepare(actor=SYSTEM, copy=DataCopy(pk=copy_id)).pk
