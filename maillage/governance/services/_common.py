"""Small functions the governance services share."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.slugs import unique_slug
from maillage.governance.models import Circle, Deliverable, Invitation, Role, Workstream
from maillage.governance.verbs import GovernanceVerb
from maillage.network.models import Seat
from maillage.territories.models import Level


def _require(actor: Actor, permission: str, obj: Any = None) -> None:
    """`require`; the platform itself (`SYSTEM`: commands, the demo, an adopted decision) passes."""
    require(actor, permission, obj)


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _now() -> Any:
    return timezone.now()


def _today() -> date:
    return timezone.localdate()


def add_months(start: date, months: int) -> date:
    """`start` plus `months` months, on the last day of the month when the day does not exist."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _slug_for(model: Any, text: str, wanted: str = "") -> str:
    wanted = slugify(wanted)
    if wanted and not model._default_manager.filter(slug=wanted).exists():
        return wanted
    return unique_slug(model, wanted or text)


def _clean_list(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        text = value.strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def quorum_snapshot(group: Circle | Workstream) -> dict[str, Any]:
    """A group's quorum rules, as its history records them."""
    return {
        "quorum_seats": group.quorum_seats,
        "quorum_sectors": group.quorum_sectors,
        "quorum_required_sectors": sorted(s.key for s in group.quorum_required_sectors.all()),
    }


# More than any collective holds: a typing slip, not a rule.
QUORUM_MAX = 500


def quorum_fill(group: Circle | Workstream, seats: int, sectors: int) -> None:
    errors = {
        name: _("Give a number between 0 and %(max)s.") % {"max": QUORUM_MAX}
        for name, value in (("quorum_seats", seats), ("quorum_sectors", sectors))
        if not 0 <= value <= QUORUM_MAX
    }
    if errors:
        raise ValidationError(errors)
    group.quorum_seats = seats
    group.quorum_sectors = sectors


def _check_levels(levels: Iterable[str]) -> list[str]:
    levels = list(dict.fromkeys(levels))
    unknown = [level for level in levels if level not in Level.values]
    if unknown:
        raise ValidationError({"levels": _("Unknown level: %(level)s.") % {"level": unknown[0]}})
    return levels


def _group_prefix(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"


def _group_kwargs(group: Circle | Workstream) -> dict[str, Any]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


def _seat_is_open(seat: Seat) -> bool:
    return seat.end_date is None or seat.end_date >= _today()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _workstream_event(
    actor: Actor, verb: GovernanceVerb, item: Deliverable | Invitation, **details: Any
) -> None:
    """A deliverable's or an invitation's event lives in its workstream's history, naming it
    (`{"deliverable": 12, …}`)."""
    key = "deliverable" if isinstance(item, Deliverable) else "invitation"
    audit.record(actor=actor, verb=verb, target=item.workstream, payload={key: item.pk} | details)


def _group_of(
    circle: Circle | None, workstream: Workstream | None, refusal: str
) -> Circle | Workstream:
    """The one circle or workstream a role or a membership belongs to; `refusal` otherwise."""
    if circle is not None and workstream is None:
        return circle
    if workstream is not None and circle is None:
        return workstream
    raise ValidationError(refusal)


def _refuse_archived(instance: Circle | Workstream | Role, refusal: str) -> None:
    """An archived circle, workstream or role takes no more changes."""
    if instance.is_archived:
        raise ValidationError(refusal)


def _archive[M: Circle | Workstream | Role](
    actor: Actor, instance: M, verb: GovernanceVerb, payload: dict[str, Any] | None = None
) -> M:
    return audit.audited_set(
        actor=actor, instance=instance, verb=verb, values={"archived_at": _now()}, payload=payload
    )
