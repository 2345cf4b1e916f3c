"""Who may see decision processes and decisions, start them, answer and drive them.

- Participants of a process are the current members of its circle or workstream (role holders
  included, through their memberships) and the substitutes of the seats those members sit on.
- A public process or decision is readable by anyone; an internal one by the participants of its
  circle or workstream and coordination staff. A draft is seen only by its proposer, its
  facilitator and staff.
- Participants and staff start processes in their circle or workstream; participants answer.
- The proposer, the facilitator, the group's lead link and staff drive a process, each for the
  transitions the workflow gives their role (`workflow_roles`); only the facilitator and staff
  record an answer given offline.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_staff
from maillage.decisions import workflows
from maillage.decisions.models import Decision, Process, Visibility
from maillage.governance.models import Circle, Membership, RoleAssignment, RoleKind, Workstream
from maillage.network.models import Person, Seat


def _open_seat(prefix: str) -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})


def _substituted_seats(user: User) -> QuerySet[Seat, Any]:
    """The open seats on which `user` is a substitute, as a subquery of their ids."""
    return Seat.objects.filter(_open_seat(""), substitutes__user_id=user.pk).values("pk")


def group_memberships(user: Viewer) -> QuerySet[Membership]:
    """The open memberships that make `user` a participant: their own, and those of the members
    whose seat they substitute on."""
    if not isinstance(user, User):
        return Membership.objects.none()
    # Subqueries rather than joins: an OR over joined substitutes would join every membership
    # to every seat's substitutes before filtering.
    seats = _substituted_seats(user)
    return Membership.objects.filter(ended_at__isnull=True).filter(
        Q(person_id__in=Person.objects.filter(user_id=user.pk).values("pk"))
        | Q(seat_id__in=seats)
        | Q(assignment_id__in=RoleAssignment.objects.filter(seat_id__in=seats).values("pk"))
    )


def group_ids(user: Viewer) -> tuple[set[int], set[int]]:
    """The circles and workstreams in which `user` takes part (one query: the three ways of
    taking part of `group_memberships`, each read from its index, in a union)."""
    circles: set[int] = set()
    workstreams: set[int] = set()
    if not isinstance(user, User):
        return circles, workstreams
    seats = _substituted_seats(user)
    open_ = (
        Membership.objects.filter(ended_at__isnull=True)
        .order_by()
        .values_list("circle_id", "workstream_id")
    )
    rows = (
        open_.filter(person__user_id=user.pk)
        .union(open_.filter(seat_id__in=seats), open_.filter(assignment__seat_id__in=seats))
        .order_by()
    )
    for circle_id, workstream_id in rows:
        if circle_id:
            circles.add(circle_id)
        if workstream_id:
            workstreams.add(workstream_id)
    return circles, workstreams


def _group_of(obj: Any) -> Circle | Workstream | None:
    if isinstance(obj, Circle | Workstream):
        return obj
    if isinstance(obj, Process | Decision):
        return obj.group
    return None


def _takes_part(user: Viewer, obj: Any) -> bool:
    group = _group_of(obj)
    if group is None:
        return False
    key = "circle" if isinstance(group, Circle) else "workstream"
    return group_memberships(user).filter(**{key: group}).exists()


def _is_proposer(user: Viewer, process: Any) -> bool:
    return bool(
        isinstance(process, Process) and isinstance(user, User) and process.created_by_id == user.pk
    )


def _is_facilitator(user: Viewer, process: Any) -> bool:
    return bool(
        isinstance(process, Process)
        and isinstance(user, User)
        and process.facilitator_id == user.pk
    )


def _is_group_lead(user: Viewer, obj: Any) -> bool:
    group = _group_of(obj)
    if group is None or not isinstance(user, User):
        return False
    key = "role__circle" if isinstance(group, Circle) else "role__workstream"
    return RoleAssignment.objects.filter(
        person__user_id=user.pk,
        ended_at__isnull=True,
        role__archived_at__isnull=True,
        role__kind=RoleKind.LEAD,
        **{key: group},
    ).exists()


def _is_public(user: Viewer, obj: Any) -> bool:
    return isinstance(obj, Process | Decision) and obj.visibility == Visibility.PUBLIC


def _is_draft(user: Viewer, process: Any) -> bool:
    return isinstance(process, Process) and process.state == workflows.CONSENT.initial


def _is_running(user: Viewer, process: Any) -> bool:
    return isinstance(process, Process) and process.state not in workflows.CLOSED_STATES


takes_part = rules.predicate(_takes_part, name="takes_part")
is_proposer = rules.predicate(_is_proposer, name="is_proposer")
is_facilitator = rules.predicate(_is_facilitator, name="is_facilitator")
is_group_lead = rules.predicate(_is_group_lead, name="is_group_lead")
is_public = rules.predicate(_is_public, name="is_public")
is_draft = rules.predicate(_is_draft, name="is_draft")
is_running = rules.predicate(_is_running, name="is_running")


def workflow_roles(user: Viewer, process: Process) -> set[str]:
    """The workflow roles (`workflows.PROPOSER`, …) `user` holds for `process`."""
    found: set[str] = set()
    if is_staff(user):
        found.add(workflows.STAFF)
    if _is_proposer(user, process):
        found.add(workflows.PROPOSER)
    if _is_facilitator(user, process):
        found.add(workflows.FACILITATOR)
    if _is_group_lead(user, process):
        found.add(workflows.LEAD)
    return found


add_perm(
    "decisions.view_register",
    rules.always_allow,
    _("The register of decisions is open to everyone; internal decisions only to their groups."),
)
add_perm(
    "decisions.view_decision",
    is_public | is_staff | takes_part,
    _(
        "This decision is internal: only the members of its circle or workstream and "
        "coordination staff may read it."
    ),
)
add_perm(
    "decisions.view_processes",
    is_staff | takes_part,
    _(
        "The decision processes of a circle or workstream are listed for its members and "
        "coordination staff."
    ),
)
add_perm(
    "decisions.view_process",
    is_staff | is_proposer | is_facilitator | (~is_draft & (is_public | takes_part)),
    _(
        "This decision process is internal (or still a draft): only the members of its circle or "
        "workstream and coordination staff may follow it."
    ),
)
add_perm(
    "decisions.start_process",
    is_staff | takes_part,
    _(
        "Only the members of this circle or workstream and coordination staff may put a "
        "proposal to it."
    ),
)
add_perm(
    "decisions.drive_process",
    is_staff | is_proposer | is_facilitator | is_group_lead,
    _(
        "Only the proposer, the facilitator, the lead link of the circle or workstream and "
        "coordination staff move a decision process on."
    ),
)
add_perm(
    "decisions.amend_proposal",
    is_staff | is_proposer | is_facilitator,
    _("Only the proposer, the facilitator or coordination staff may amend the proposal."),
)
add_perm(
    "decisions.take_part",
    takes_part & is_running,
    _(
        "Only the members of this circle or workstream (and the substitutes of their seats) "
        "take part in its decisions, while the process runs."
    ),
)
add_perm(
    "decisions.record_answer",
    (is_staff | is_facilitator) & is_running,
    _(
        "Only the facilitator or coordination staff record an answer given offline, while the "
        "process runs."
    ),
)


# Advice processes: the people asked (by name, or as members of a circle asked) read the process
# and give their advice while it seeks advice, even outside its circle or workstream; the
# decision-maker (its proposer) and staff record advice given offline.


def _is_asked(user: Viewer, process: Any) -> bool:
    if not isinstance(process, Process) or not isinstance(user, User):
        return False
    from maillage.decisions.models import AdviceRequest

    return (
        AdviceRequest.objects.filter(process=process)
        .filter(
            Q(person__user_id=user.pk)
            | Q(
                circle__memberships__person__user_id=user.pk,
                circle__memberships__ended_at__isnull=True,
            )
        )
        .exists()
    )


def _is_seeking_advice(user: Viewer, process: Any) -> bool:
    return isinstance(process, Process) and process.state == "seeking"


is_asked = rules.predicate(_is_asked, name="is_asked")
is_seeking_advice = rules.predicate(_is_seeking_advice, name="is_seeking_advice")

add_perm(
    "decisions.view_advice_process",
    is_staff | is_proposer | is_facilitator | (~is_draft & (is_public | takes_part | is_asked)),
    _(
        "This advice process is internal (or still a draft): only the people asked, the members "
        "of its circle or workstream and coordination staff may follow it."
    ),
)
add_perm(
    "decisions.give_advice",
    is_asked & is_seeking_advice,
    _("Only the people asked for advice give it, while advice is sought."),
)
add_perm(
    "decisions.record_advice",
    (is_staff | is_proposer) & is_seeking_advice,
    _(
        "Only the decision-maker or coordination staff record advice given offline, while advice "
        "is sought."
    ),
)
