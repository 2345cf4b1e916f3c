"""A copy of "my data" made for its account by a task, downloaded from a link, then removed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.uploads import private_storage
from maillage.privacy.workflows import DATA_COPY

# How long a copy stays downloadable: long enough to open the e-mail, short enough that a copy of
# everything does not linger (the retention rule `privacy.data_copies` removes it then).
COPY_DAYS = 7


class CopyFormat(models.TextChoices):
    ZIP = "zip", _("ZIP file (JSON and CSV)")
    PDF = "pdf", _("Readable copy (PDF)")


def copy_path(copy: DataCopy, filename: str) -> str:
    # A name nobody can guess, in a folder of its own account.
    return f"mes-donnees/{copy.account_id}/{uuid.uuid4().hex}/{filename}"


class DataCopy(models.Model):
    """A file of everything the platform holds of an account (`core.personal.export`), made in
    the account's language when asked for, kept a few days for its account alone, then removed
    by the retention rule `privacy.data_copies`."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_format = models.CharField(_("format"), max_length=8, choices=CopyFormat.choices)
    language = models.CharField(_("language"), max_length=16)
    state = models.CharField(
        _("state"), max_length=16, choices=DATA_COPY.choices, default=DATA_COPY.initial
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to=copy_path, storage=private_storage, max_length=255, blank=True
    )
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sections = models.PositiveIntegerField(_("kinds of records"), default=0)

    class Meta:
        verbose_name = _("copy of my data")
        verbose_name_plural = _("copies of my data")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["account", "-requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=DATA_COPY.keys), name="data_copy_known_state"
            ),
            models.CheckConstraint(
                condition=models.Q(file_format__in=CopyFormat.values),
                name="data_copy_known_format",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Copy of my data no. %(number)s") % {"number": self.pk})
