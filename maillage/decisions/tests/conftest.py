from __future__ import annotations

from types import SimpleNamespace

import pytest

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import (
    CircleFactory,
    general_circle,
    member_of,
    seated_member,
    substitute_on,
)


@pytest.fixture
def staff_user(db):
    return user_with_role(PlatformRole.STAFF)


@pytest.fixture
def circle(db):
    """The circle "Habitation" under the general circle, with three voices: Amélie sits for an
    organization (Nathan is her substitute), Bruno sits for another, Chloé in her own name;
    Fanny facilitates (a member too)."""
    circle = CircleFactory(name="Habitation", slug="habitation", parent=general_circle())
    amelie, seat = seated_member(circle, first_name="Amélie", last_name="Tremblay")
    bruno, _bruno_seat = seated_member(circle, first_name="Bruno", last_name="Gagnon")
    chloe = member_of(circle, first_name="Chloé", last_name="Roy")
    nathan = substitute_on(seat, first_name="Nathan", last_name="Côté")
    fanny = member_of(circle, first_name="Fanny", last_name="Bouchard")
    return SimpleNamespace(
        circle=circle,
        amelie=amelie,
        seat=seat,
        bruno=bruno,
        chloe=chloe,
        nathan=nathan,
        fanny=fanny,
        outsider=user_with_role(PlatformRole.MEMBER),
    )
