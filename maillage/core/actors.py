"""Who acts and who looks: the types every service and selector takes.

A service acts for an account (`User`) or for the platform itself (`SYSTEM`: management commands,
the demo loader, signal handlers). A selector reads for a viewer, who may also be an anonymous
visitor. Views turn `request.user` into an actor with `actor_of`, after the permission check has
made sure someone is logged in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from maillage.core.models import User


class System:
    """The platform itself acting.

    It passes every permission check and is recorded in the audit log without an actor.
    """

    is_authenticated: Final = False
    is_active: Final = True
    pk: Final = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = System()

type Actor = User | System
type Viewer = User | AnonymousUser | System


def actor_of(request: HttpRequest) -> User:
    """The logged-in account behind `request`, as the actor of a service call.

    Views call it after `permission_required`, so an anonymous visitor never reaches it; if one
    does (a view without the decorator), refusing is the safe answer.
    """
    from maillage.core.models import User

    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
