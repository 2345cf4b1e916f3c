"""The planning app's personal information: its register, "my data" and the anonymization of a
person's progress notes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import translation

from maillage.core import personal
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.governance.tests.factories import user_with_person
from maillage.planning import personal as planning_personal
from maillage.planning.models import ProgressUpdate
from maillage.planning.tests.factories import CountTargetFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

REMOVED = "Texte retiré à la demande de la personne."


def _update(account: User, note: str = "Deux nouvelles cuisines ouvertes.") -> ProgressUpdate:
    target = CountTargetFactory()
    return ProgressUpdate.objects.create(
        objective=target.objective,
        target=target,
        date=dt.date(2026, 5, 1),
        value=Decimal("2"),
        note=note,
        created_by=account,
    )


def _export(account: User) -> list[dict]:
    with translation.override("en"):
        (section,) = planning_personal.export(account)
    assert section.key == "planning.progress_updates"
    return [row.values for row in section.rows]


def test_every_personal_field_of_planning_is_declared():
    assert personal.undeclared(apps.get_app_config("planning").get_models()) == []


def test_my_data_lists_the_persons_progress_updates_and_no_one_elses():
    author, other = user_with_person(Role.MEMBER), user_with_person(Role.MEMBER)
    mine = _update(author)
    _update(other, "Note d'une autre personne.")
    ProgressUpdate.objects.create(objective=ObjectiveFactory(), date=dt.date(2026, 1, 1))

    rows = _export(author)

    with translation.override("en"):
        objective, target = mine.objective.title, mine.target.label
    assert [(row["Objective"], row["Note"]) for row in rows] == [
        (objective, "Deux nouvelles cuisines ouvertes.")
    ]
    assert (rows[0]["Target"], rows[0]["Value reached"]) == (target, Decimal("2"))


def test_my_data_reads_in_as_many_queries_for_more_updates(query_budget):
    author = user_with_person(Role.MEMBER)
    meter = query_budget(2)
    _update(author)
    few = meter(lambda: planning_personal.export(author))
    for _ in range(4):
        _update(author)
    assert meter(lambda: planning_personal.export(author)) == few
    assert len(_export(author)) == 5


@pytest.mark.parametrize("remove_texts", [False, True])
def test_anonymizing_keeps_the_updates_and_removes_the_notes_on_request(remove_texts):
    author, other = user_with_person(Role.MEMBER), user_with_person(Role.MEMBER)
    mine, theirs = _update(author), _update(other)

    personal.REGISTRY.anonymizers["planning"](
        account=author, pseudonym="Personne anonymisée 3", actor=SYSTEM, remove_texts=remove_texts
    )

    assert ProgressUpdate.objects.count() == 2
    mine.refresh_from_db()
    theirs.refresh_from_db()
    expected = REMOVED if remove_texts else "Deux nouvelles cuisines ouvertes."
    assert (mine.note, mine.value, mine.date) == (expected, Decimal("2"), dt.date(2026, 5, 1))
    assert theirs.note == "Deux nouvelles cuisines ouvertes."
