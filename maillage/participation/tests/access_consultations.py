"""Permission matrix rows of the consultations' pages (see tests/access.py): the list and a
published consultation are public; a draft, its forms and its buttons are for staff (and the
members of its group, tested in test_consultations_views.py)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from maillage.participation.tests.factories import ConsultationFactory
from tests.matrix import REDIRECT, Expect


def sample(data: SimpleNamespace) -> None:
    data.consultation = ConsultationFactory.create(
        slug="consultation-temoin", published_at=timezone.now()
    )
    data.draft_consultation = ConsultationFactory.create(
        slug="consultation-brouillon", published_at=None
    )


published = {"kwargs": lambda d: {"slug": d.consultation.slug}}
draft = {"kwargs": lambda d: {"slug": d.draft_consultation.slug}}

ACCESS: dict[str, Expect] = {
    "participation:consultation_list": Expect.public(),
    "participation:consultation_create": Expect.staff(),
    "participation:consultation_detail": Expect.public(**published),
    "participation:consultation_update": Expect.staff(**published),
    "participation:consultation_phases": Expect.staff(**published),
    "participation:consultation_publish": Expect.staff(REDIRECT, method="post", **draft),
    "participation:consultation_unpublish": Expect.staff(REDIRECT, method="post", **published),
}
