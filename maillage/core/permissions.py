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

from maillage.core.actors import SYSTEM, Actor, System, Viewer

__all__ = [
    "SYSTEM",
    "Actor",
    "System",
    "Viewer",
    "add_perm",
    "has_perm",
    "permission_required",
    "reason_for",
    "require",
]

_REASONS: dict[str, Promise | str] = {}


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


def has_perm(user: Viewer, name: str, obj: Any = None) -> bool:
    return user is SYSTEM or bool(rules.has_perm(name, user, obj))


def require(user: Viewer, name: str, obj: Any = None) -> None:
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
