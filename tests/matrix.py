"""The permission matrix: for every URL of the project, the status each role gets.

Each app declares its expectations in `maillage/<app>/tests/access.py` as `ACCESS`, a dict from
URL name to an `Expect`, and may add sample objects with `sample(data)`;
`tests/test_permission_matrix.py` walks every URL pattern and fails when one has no entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.urls import get_resolver, reverse
from django.utils import translation

from maillage.core.roles import ANONYMOUS, Role

LOGIN = "login"  # a redirect to the login page
REDIRECT = "redirect"  # any other redirect
ANY_OK = "ok"  # 200, or a redirect elsewhere than the login page
ANY_STATUS = "any"  # any answer but a server error (admin pages about a missing sample object)


@dataclass
class Expect:
    statuses: dict[str, int | str]
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda data: {})
    method: str = "get"
    query: str = ""

    @classmethod
    def of(cls, anonymous, citizen, guest, member, staff, admin, **options: Any) -> Expect:
        return cls(
            {
                ANONYMOUS: anonymous,
                Role.CITIZEN: citizen,
                Role.GUEST: guest,
                Role.MEMBER: member,
                Role.STAFF: staff,
                Role.ADMIN: admin,
            },
            **options,
        )

    @classmethod
    def public(cls, **options: Any) -> Expect:
        return cls.of(200, 200, 200, 200, 200, 200, **options)

    @classmethod
    def authenticated(cls, ok: int | str = 200, **options: Any) -> Expect:
        return cls.of(LOGIN, ok, ok, ok, ok, ok, **options)

    @classmethod
    def members(cls, ok: int | str = 200, **options: Any) -> Expect:
        return cls.of(LOGIN, 403, 403, ok, ok, ok, **options)

    @classmethod
    def staff(cls, ok: int | str = 200, **options: Any) -> Expect:
        return cls.of(LOGIN, 403, 403, 403, ok, ok, **options)

    @classmethod
    def admin(cls, ok: int | str = 200, **options: Any) -> Expect:
        return cls.of(LOGIN, 403, 403, 403, 403, ok, **options)


def walk_urls(patterns: Any, namespace: str | None = None, route: str = "") -> Any:
    """Every URL pattern below `patterns` as (name, full route, pattern); an unnamed pattern is
    named `<route>`, prefixed with its namespace like a named one."""
    from django.urls import URLPattern, URLResolver

    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from walk_urls(p.url_patterns, ns, route + str(p.pattern))
        elif isinstance(p, URLPattern):
            name = p.name or f"<{route}{p.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), route + str(p.pattern), p


def url_names() -> list[str]:
    """Every URL pattern as a reversible name, or `namespace:<route>` for an unnamed one."""

    # The language prefix of a route depends on the active language: walk in the default one.
    with translation.override(settings.LANGUAGE_CODE):
        return sorted({name for name, _route, _p in walk_urls(get_resolver().url_patterns)})


def access_modules() -> list[Any]:
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


def make_samples() -> SimpleNamespace:
    """The objects the apps' matrix rows name in their URLs (each app's `sample(data)`)."""
    data = SimpleNamespace()
    for module in access_modules():
        if hasattr(module, "sample"):
            module.sample(data)
    return data


def reverse_entry(name: str, kwargs: dict[str, Any]) -> str:
    """The URL of a matrix row: its name reversed, or an unnamed pattern's route filled."""
    if ":<" in name or name.startswith("<"):  # unnamed pattern: its route, placeholders filled
        route = name.split(":<", 1)[1][:-1] if ":<" in name else name[1:-1]
        route = route.replace("<path:object_id>", "1").replace("(?P<url>.*)$", "inconnu/")
        return "/" + route.replace("^", "")
    return reverse(name, kwargs=kwargs or None)
