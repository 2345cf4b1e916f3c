"""Reading the register of confidentiality incidents: the person in charge and administrators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.privacy.models import Incident


def incident_list(*, viewer: Viewer) -> QuerySet[Incident]:
    if not has_perm(viewer, "privacy.view_registers"):
        return Incident.objects.none()
    return Incident.objects.select_related("recorded_by")


def incident_detail(*, viewer: Viewer, pk: int) -> Incident | None:
    return incident_list(viewer=viewer).filter(pk=pk).first()


EXPORT_COLUMNS = (
    "pk",
    "occurred_on",
    "discovered_on",
    "nature",
    "information",
    "people_count",
    "people_description",
    "serious_risk",
    "risk_reasoning",
    "commission_notified_on",
    "people_notified_on",
    "measures",
    "recorded_by__first_name",
    "recorded_by__last_name",
    "created_at",
)


def incident_table(*, viewer: Viewer) -> tuple[list[str], Iterator[list[Any]]]:
    """The register as a table for its exports: one query, tuples as read."""
    headers = [
        _("Number"),
        _("Occurred on"),
        _("Discovered on"),
        _("Nature of the incident"),
        _("Personal information concerned"),
        _("Number of people concerned"),
        _("People concerned"),
        _("Risk of serious injury"),
        _("Assessment of the risk"),
        _("Commission notified on"),
        _("People concerned notified on"),
        _("Measures taken"),
        _("Recorded by"),
        _("Recorded on"),
    ]
    yes, no = _("yes"), _("no")
    rows = incident_list(viewer=viewer).values_list(*EXPORT_COLUMNS)

    def lines() -> Iterator[list[Any]]:
        for values in rows.iterator(chunk_size=2000):
            *head, first, last, created = values
            head[7] = yes if head[7] else no
            yield [*head, f"{first or ''} {last or ''}".strip(), created]

    return headers, lines()
