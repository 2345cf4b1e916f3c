"""Reading the privacy impact assessments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.privacy.models import Assessment

# Bumped by every change of an assessment (`PrivacyConfig.ready`).
COVERING_CACHE = "privacy.assessments"


def assessment_list(*, viewer: Viewer) -> QuerySet[Assessment]:
    if not has_perm(viewer, "privacy.view_registers"):
        return Assessment.objects.none()
    return Assessment.objects.select_related("recorded_by")


def assessment_detail(*, viewer: Viewer, pk: int) -> Assessment | None:
    return assessment_list(viewer=viewer).filter(pk=pk).first()


@dataclass(frozen=True)
class Covering:
    pk: int
    project: str


def assessments_covering(*, viewer: Viewer, part: str) -> list[Covering]:
    """The assessments that cover the part of the platform (app label) `part`, newest first,
    for the staff (`privacy.see_assessments`)."""
    if not part or not has_perm(viewer, "privacy.see_assessments"):
        return []
    return _covering().get(part, [])


def _covering() -> dict[str, list[Covering]]:
    """Every part's assessments, kept until an assessment changes (`COVERING_CACHE`): the note
    is read on every staff page. The register holds a few dozen assessments, read in one query
    of three columns and matched here (SQLite has no containment lookup on a JSON list); one
    round trip to the cache with its version."""

    def read() -> dict[str, list[Covering]]:
        found: dict[str, list[Covering]] = {}
        for pk, project, covers in Assessment.objects.values_list("pk", "project", "covers"):
            for part in covers or []:
                found.setdefault(part, []).append(Covering(pk, project))
        return found

    return cache.fragment(COVERING_CACHE, visibility="staff", filters=["covering"], render=read)
