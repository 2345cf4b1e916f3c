from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from maillage.core.roles import ANONYMOUS, Role
from maillage.core.tests.factories import user_with_role

ROLES = [ANONYMOUS, *Role.values]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # Hashing passwords slowly protects accounts, not tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.MAILLAGE_STAFF_MFA_REQUIRED = True
    # Throttling counters live in the cache: each test starts with none.
    cache.clear()


@pytest.fixture(autouse=True)
def _platform_language():
    """Each test starts in the platform's language: a request to an English page leaves English
    active in the thread (the locale middleware activates, nothing deactivates), which would
    otherwise carry over into the next test on the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def role_user(db):
    """Factory: a fresh, verified account with the given role (None for anonymous)."""

    def make(role: str):
        return None if role == ANONYMOUS else user_with_role(role)

    return make


@pytest.fixture
def client_as(db):
    """Factory: a test client logged in with the given role (anonymous when role is anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(user_with_role(role))
        return client

    return make


@pytest.fixture
def staff(db):
    """A coordination staff account, with its second factor."""
    return user_with_role(Role.STAFF)


@pytest.fixture
def member_client(client_as):
    return client_as(Role.MEMBER)


@pytest.fixture
def staff_client(client_as):
    return client_as(Role.STAFF)


class QueryMeter:
    """Counts the SQL queries of one read, and fails the test when they pass `budget`."""

    def __init__(self, budget: int, assert_max: DjangoAssertNumQueries) -> None:
        self.budget = budget
        self._assert_max = assert_max

    def __call__(self, read: Callable[[], object], info: str = "") -> int:
        with self._assert_max(self.budget, info=info) as captured:
            read()
        return len(captured)

    def get(self, client: Client, url: str, *, kept: bool = False) -> int:
        """The queries of a GET of `url`, which must answer 200. A first GET, not counted, warms
        the process-wide caches (content types, site root paths) that only the first request of
        a test would fill. The page is measured as built: what it keeps rendered (`core.cache`)
        is forgotten first, unless `kept` asks for the page as served again."""
        client.get(url)
        if not kept:
            cache.clear()
        statuses: list[int] = []
        count = self(lambda: statuses.append(client.get(url).status_code), info=url)
        assert statuses == [200], url
        return count


@pytest.fixture
def query_budget(django_assert_max_num_queries) -> Callable[[int], QueryMeter]:
    """Factory: `query_budget(n)` measures reads or pages, each allowed at most `n` queries.

    A page's query count must not grow with the data: a query per row shown (N+1) passes with the
    few rows of a test and fails in production. A test measures its pages with a little data and
    with much more, asserts that the counts are equal, and the budget stops a count that is
    constant but wasteful."""

    def make(budget: int) -> QueryMeter:
        return QueryMeter(budget, django_assert_max_num_queries)

    return make
