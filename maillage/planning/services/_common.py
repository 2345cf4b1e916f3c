"""What the planning services share: the fields each form may set, and moving a record among
its siblings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import models

from maillage.core import cache
from maillage.core.actors import Actor
from maillage.core.audit import record
from maillage.core.models import User
from maillage.planning.verbs import PlanningVerb


def snapshot(instance: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: _plain(getattr(instance, name)) for name in names}


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | bool | type(None)) else str(value)


def check_fields(values: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def user_of(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def next_position(siblings: models.QuerySet[Any]) -> int:
    last = siblings.aggregate(top=models.Max("position"))["top"]
    return 0 if last is None else last + 1


def fill_with(values: dict[str, Any]) -> Callable[[Any], None]:
    """What `audited_update` fills a record with: `values`, by field name."""

    def fill(instance: Any) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    return fill


def move[M: models.Model](
    *, actor: Actor, instance: M, siblings: models.QuerySet[M], up: bool
) -> M:
    """Swap `instance` with its neighbour above (or below) among `siblings`, renumbering them
    in order first (positions may repeat)."""
    ordered = list(siblings.select_for_update())
    for index, sibling in enumerate(ordered):
        sibling.position = index  # type: ignore[attr-defined]
    index = next(i for i, s in enumerate(ordered) if s.pk == instance.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, sibling in enumerate(ordered):
            sibling.position = position  # type: ignore[attr-defined]
    type(instance)._default_manager.bulk_update(ordered, ["position"])
    cache.changed(type(instance))  # `bulk_update` sends no signal: the kept pages show the order
    record(
        actor=actor,
        verb=PlanningVerb.MOVED,
        target=instance,
        payload={
            "up": up,
            "position": ordered.index(next(s for s in ordered if s.pk == instance.pk)),
        },
    )
    instance.refresh_from_db(fields=["position"])
    return instance
