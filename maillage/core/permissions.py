"""Permissions with a reason: every permission is a `rules` predicate plus a translated sentence
that tells a refused person why (shown on the 403 page)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import Promise

_REASONS: dict[str, Promise | str] = {}


class _System:
    """The platform itself acting: management commands, the demo loader, signal handlers.

    It passes every permission check and is recorded in the audit log without an actor.
    """

    is_authenticated = False
    is_active = True
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Any = _System()

F = TypeVar("F", bound=Callable[..., HttpResponseBase])


def add_perm(name: str, predicate: Any, reason: Promise | str) -> None:
    """Declare permission `name` (app_label.action) and why it may be refused."""
    if rules.perm_exists(name):
        rules.set_perm(name, predicate)
    else:
        rules.add_perm(name, predicate)
    _REASONS[name] = reason


def reason_for(name: str) -> str:
    return str(_REASONS.get(name, ""))


def has_perm(user: Any, name: str, obj: Any = None) -> bool:
    return user is SYSTEM or bool(rules.has_perm(name, user, obj))


def require(user: Any, name: str, obj: Any = None) -> None:
    """Raise PermissionDenied carrying the translated reason when `user` lacks `name`."""
    if not has_perm(user, name, obj):
        raise PermissionDenied(reason_for(name))


def permission_required(name: str, *, obj: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """View decorator: anonymous visitors go to the login page, others get a 403 with the reason.

    `obj(request, **kwargs)` may fetch the object the permission is checked against.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            target = obj(request, **kwargs) if obj is not None else None
            if not has_perm(request.user, name, target):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(reason_for(name))
            return view(request, *args, **kwargs)

        wrapped.permission_name = name  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
