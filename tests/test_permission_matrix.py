"""Every URL of the project, requested by every role, answers the status the matrix expects."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import translation

from maillage.core.roles import ANONYMOUS
from maillage.core.tests.factories import user_with_role
from tests.matrix import ANY_OK, ANY_STATUS, LOGIN, REDIRECT, Expect, walk_urls

ROLES = [ANONYMOUS, "citizen", "guest", "member", "staff", "admin"]


def url_names() -> list[str]:
    """Every URL pattern as a reversible name, or `namespace:<route>` for an unnamed one."""

    # The language prefix of a route depends on the active language: walk in the default one.
    with translation.override(settings.LANGUAGE_CODE):
        return sorted({name for name, _route, _p in walk_urls(get_resolver().url_patterns)})


def access_modules():
    modules = [importlib.import_module("tests.access_thirdparty")]
    for config in apps.get_app_configs():
        if config.name.startswith("maillage."):
            try:
                modules.append(importlib.import_module(f"{config.name}.tests.access"))
            except ModuleNotFoundError as error:
                # An app without URLs may have no tests.access (or no tests package yet).
                if not f"{config.name}.tests.access".startswith(error.name or "?"):
                    raise
    return modules


def matrix() -> dict[str, Expect]:
    merged: dict[str, Expect] = {}
    for module in access_modules():
        for name, expect in module.ACCESS.items():
            assert name not in merged, f"{name} is declared twice"
            merged[name] = expect
    return merged


def test_every_url_has_an_entry():
    declared = matrix()
    missing = [name for name in url_names() if name not in declared]
    assert not missing, f"URLs without a permission-matrix entry: {missing}"
    stale = [name for name in declared if name not in url_names()]
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def samples() -> SimpleNamespace:
    """The sample objects the apps' access modules make."""
    data = SimpleNamespace()
    for module in access_modules():
        if hasattr(module, "sample"):
            module.sample(data)
    return data


@pytest.fixture
def sample_data(db):
    return samples()


def _outcome(response, client) -> int | str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        if "/administration/login/" in location:
            # The admin's own login hands over to the platform's, or refuses non-administrators.
            return _outcome(client.get(location), client)
        return LOGIN if "/comptes/login/" in location else REDIRECT
    return response.status_code


@pytest.mark.parametrize("name", url_names())
def test_permission_matrix(name, sample_data):
    expect = matrix()[name]
    url = _reverse(name, expect.kwargs(sample_data))
    if expect.query:
        url = f"{url}?{expect.query}"
    failures = []
    for role in ROLES:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(user_with_role(role))
        response = getattr(client, expect.method)(url)
        got, wanted = _outcome(response, client), expect.statuses[role]
        if wanted == ANY_OK and got in (200, REDIRECT):
            continue
        if wanted == ANY_STATUS and got != 500:
            continue
        if got != wanted:
            failures.append(f"{role}: expected {wanted}, got {got}")
    assert not failures, f"{name} ({url}): " + "; ".join(failures)


def _reverse(name: str, kwargs: dict) -> str:
    if ":<" in name or name.startswith("<"):  # unnamed pattern: its route, placeholders filled
        route = name.split(":<", 1)[1][:-1] if ":<" in name else name[1:-1]
        route = route.replace("<path:object_id>", "1").replace("(?P<url>.*)$", "inconnu/")
        return "/" + route.replace("^", "")
    return reverse(name, kwargs=kwargs or None)
