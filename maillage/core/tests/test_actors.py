import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from maillage.core.actors import SYSTEM, actor_of
from maillage.core.permissions import has_perm
from maillage.core.tests.factories import UserFactory


@pytest.mark.django_db
def test_a_view_acts_as_the_logged_in_account_never_as_a_visitor():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    assert actor_of(request) == request.user
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        actor_of(request)


def test_the_system_passes_every_permission():
    assert has_perm(SYSTEM, "core.change_role")
    assert repr(SYSTEM) == "SYSTEM"
