from __future__ import annotations

from types import SimpleNamespace

import pytest

from maillage.core.roles import Role as PlatformRole
from maillage.governance.tests.factories import (
    CircleFactory,
    PersonFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
    days,
    general_circle,
    user_with_person,
)


@pytest.fixture
def member(db):
    """A partner member with a Person."""
    return user_with_person(PlatformRole.MEMBER)


@pytest.fixture
def general(db):
    return general_circle()


@pytest.fixture
def agenda(db):
    """One event of each kind on the governance calendar: the term of Solène Clairmont in the
    elected role "Animation" of the circle "Habitation" ends in 10 days, its policy "Principes de
    représentation" is up for review in 20 days, the workstream "Transport collectif rural"
    reaches its sunset in 30 days."""
    circle = CircleFactory(name="Habitation")
    role = RoleFactory(circle=circle, name="Animation", elected=True, term_months=12)
    term = RoleAssignmentFactory(
        role=role,
        person=PersonFactory(first_name="Solène", last_name="Clairmont"),
        term_end=days(10),
    )
    policy = PolicyFactory(circle=circle, title="Principes de représentation", review_date=days(20))
    workstream = WorkstreamFactory(name="Transport collectif rural", sunset_date=days(30))
    return SimpleNamespace(
        circle=circle, role=role, term=term, policy=policy, workstream=workstream
    )
