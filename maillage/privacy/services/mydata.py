"""Writes of "my data": each download is recorded (what, by whom, never its content)."""

from __future__ import annotations

from django.db import transaction

from maillage.core import audit
from maillage.core.models import User
from maillage.privacy.verbs import MyDataVerb

FORMATS = ("zip", "pdf")


@transaction.atomic
def my_data_download_record(*, actor: User, file_format: str, sections: int) -> None:
    """Audit a download of the actor's own data: the format and how many sections it held."""
    if file_format not in FORMATS:
        raise ValueError(file_format)
    audit.record(
        actor=actor,
        verb=MyDataVerb.DOWNLOADED,
        target=actor,
        payload={"format": file_format, "sections": sections},
    )
