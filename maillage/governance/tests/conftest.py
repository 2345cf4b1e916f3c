from __future__ import annotations

import pytest

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance.tests.factories import general_circle, user_with_person


@pytest.fixture
def staff(db):
    return user_with_role(PlatformRole.STAFF)


@pytest.fixture
def member(db):
    """A partner member with a Person."""
    return user_with_person(PlatformRole.MEMBER)


@pytest.fixture
def general(db):
    return general_circle()
