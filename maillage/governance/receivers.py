"""Keeps governance in step with the network: the receivers only call services."""

from __future__ import annotations

from typing import Any

from maillage.core.actors import Actor
from maillage.governance.services.roles import role_assignments_end_for_seat
from maillage.network.signals import seat_ended


def end_roles_of_ended_seat(sender: Any, seat: Any, actor: Actor, **kwargs: Any) -> None:
    role_assignments_end_for_seat(actor=actor, seat=seat)


def connect() -> None:
    seat_ended.connect(end_roles_of_ended_seat, dispatch_uid="governance.end_roles_of_ended_seat")
