"""The permission matrix: for every URL of the project, the status each role gets.

Each app declares its expectations in `maillage/<app>/tests/access.py` as `ACCESS`, a dict from
URL name to an `Expect`, and may add sample objects with `sample(data)`;
`tests/test_permission_matrix.py` walks every URL pattern and fails when one has no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

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
