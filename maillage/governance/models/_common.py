"""What several governance models share: archiving, ending, belonging to one of two owners."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class Archivable:
    """A record archived rather than deleted: `archived_at` says when."""

    archived_at: datetime | None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def exactly_one(first: str, second: str) -> Q:
    """The condition of a row that belongs to exactly one of two owners (circle or workstream…)."""
    return (Q(**{f"{first}__isnull": False}) & Q(**{f"{second}__isnull": True})) | (
        Q(**{f"{first}__isnull": True}) & Q(**{f"{second}__isnull": False})
    )


def owner_reference[M: models.Model](
    to: type[M], verbose_name: _StrPromise, related_name: str
) -> models.ForeignKey[M | None, M | None]:
    """One of a record's two possible owners (circle or workstream): optional, since an
    `exactly_one` constraint says which is set; an owner with records cannot be deleted."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class QuorumRules(models.Model):
    """What a circle's or a workstream's meetings and decisions need present to hold
    (`governance.quorum`): a number of seats (organizations represented), a number of sectors,
    and sectors that may not be missing. Zero and none: no requirement."""

    quorum_seats = models.PositiveSmallIntegerField(
        _("minimum seats represented"),
        default=0,
        help_text=_("Organizations represented by a holder or a substitute; 0: no minimum."),
    )
    quorum_sectors = models.PositiveSmallIntegerField(
        _("minimum sectors present"), default=0, help_text=_("0: no minimum.")
    )
    quorum_required_sectors = models.ManyToManyField(
        "network.Sector",
        verbose_name=_("sectors that must be present"),
        related_name="quorum_%(class)ss",
        blank=True,
    )

    class Meta:
        abstract = True
