from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

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
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.MAILLAGE_STAFF_MFA_REQUIRED = True
    # Throttling counters live in the cache: each test starts with none.
    cache.clear()


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
def member_client(client_as):
    return client_as(Role.MEMBER)


@pytest.fixture
def staff_client(client_as):
    return client_as(Role.STAFF)
