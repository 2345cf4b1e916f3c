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


@pytest.fixture
def memory_storage(settings):
    """Private files kept in memory: what the workspace stores goes through the storage API
    only, as it would to S3-compatible storage, never through a local path."""
    from maillage.core.uploads import private_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return private_storage()


@pytest.fixture
def space(general, memory_storage):
    """A running workstream whose lead link is Bastien Hautecôte (a partner member), with Zoé
    Lamarée as a guest and Anatole Beaulac as a member; Olivier Dehors is a partner member
    outside it; and coordination staff."""
    from maillage.core.permissions import SYSTEM
    from maillage.core.tests.factories import user_with_role
    from maillage.governance import services
    from maillage.governance.models import RoleKind
    from maillage.governance.tests.factories import guest_of

    workstream = services.workstream_create(
        actor=SYSTEM,
        data=services.WorkstreamData(name="Participation sociale", sponsors=[general]),
    )
    services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
    lead = user_with_person(PlatformRole.MEMBER, first_name="Bastien", last_name="Hautecôte")
    services.role_assign(
        actor=SYSTEM, role=workstream.roles.get(kind=RoleKind.LEAD), person=lead.person
    )
    guest = guest_of(workstream, first_name="Zoé", last_name="Lamarée", phone="418 555-0101")
    member = user_with_person(
        PlatformRole.MEMBER, first_name="Anatole", last_name="Beaulac", phone="418 555-0202"
    )
    services.membership_join(actor=SYSTEM, person=member.person, workstream=workstream)
    outsider = user_with_person(PlatformRole.MEMBER, first_name="Olivier", last_name="Dehors")
    return SimpleNamespace(
        workstream=workstream,
        lead=lead,
        guest=guest,
        member=member,
        outsider=outsider,
        staff=user_with_role(PlatformRole.STAFF),
        storage=memory_storage,
    )
