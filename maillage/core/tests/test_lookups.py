import pytest
from django.http import Http404
from django.test import RequestFactory

from maillage.core.lookups import once_per_request, one_of
from maillage.core.models import User
from maillage.core.tests.factories import UserFactory


def test_a_page_object_is_fetched_once_per_request():
    request = RequestFactory().get("/")
    calls: list[int] = []

    def fetch() -> int:
        calls.append(1)
        return len(calls)

    assert once_per_request(request, ("thing", 1), fetch) == 1
    assert once_per_request(request, ("thing", 1), fetch) == 1
    assert once_per_request(request, ("thing", 2), fetch) == 2
    # Another request asks again.
    assert once_per_request(RequestFactory().get("/"), ("thing", 1), fetch) == 3


@pytest.mark.django_db
def test_one_of_reads_the_views_argument_by_name_or_position(django_assert_num_queries):
    user = UserFactory()
    get_user = one_of(User.objects.all())
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        assert get_user(request, pk=user.pk) == user
        assert get_user(request, user.pk) == user
    get_by_email = one_of(User.objects.all(), by="email")
    assert get_by_email(request, email=user.email) == user


@pytest.mark.django_db
def test_one_of_answers_404_for_an_object_outside_its_queryset():
    user = UserFactory(is_active=False)
    get_active = one_of(User.objects.filter(is_active=True))
    with pytest.raises(Http404):
        get_active(RequestFactory().get("/"), pk=user.pk)
