"""Every write to the collaboration model: one function per action, checked, validated, audited.

Double links are kept here, always: whoever holds the lead role (*premier lien*) of a circle or a
workstream is a member of it, and whoever holds the delegate role (*second lien*) of a sub-circle
is a member of its parent circle. Such memberships have `source="link"` and point at the role
assignment that makes them; `_sync_links` starts and ends them whenever an assignment, a role or a
circle's parent changes.
"""

from __future__ import annotations

import calendar
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import audit
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, has_perm, require
from maillage.core.services import notify
from maillage.governance import workflows
from maillage.governance.feeds import feed_token
from maillage.governance.models import (
    POLICY_KINDS,
    Accountability,
    CalendarFeed,
    Circle,
    CircleMode,
    Deliverable,
    EndReason,
    Invitation,
    InvitationKind,
    Membership,
    MembershipKind,
    MembershipSource,
    Policy,
    PolicyStatus,
    PolicyVersion,
    Reminder,
    ReminderKind,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.paths import page_url
from maillage.governance.rules import workflow_roles
from maillage.network import services as network_services
from maillage.network.models import Person, Seat
from maillage.network.services import unique_slug
from maillage.territories.models import Level, Territory

__all__ = ["SYSTEM"]

audit.register_verbs(
    {
        "circle.created": gettext_lazy("circle created"),
        "circle.amended": gettext_lazy("circle amended"),
        "circle.archived": gettext_lazy("circle archived"),
        "circle.accountability_added": gettext_lazy("accountability added"),
        "circle.accountability_removed": gettext_lazy("accountability removed"),
        "circle.member_added": gettext_lazy("member added"),
        "circle.member_left": gettext_lazy("member left"),
        "circle.member_removed": gettext_lazy("member removed"),
        "circle.link_member_added": gettext_lazy("member added through a double link"),
        "circle.link_member_ended": gettext_lazy("double-link membership ended"),
        "workstream.created": gettext_lazy("workstream created"),
        "workstream.amended": gettext_lazy("workstream amended"),
        "workstream.archived": gettext_lazy("workstream archived"),
        "workstream.status_changed": gettext_lazy("workstream status changed"),
        "workstream.deliverable_added": gettext_lazy("deliverable added"),
        "workstream.deliverable_amended": gettext_lazy("deliverable amended"),
        "workstream.deliverable_done": gettext_lazy("deliverable marked as done"),
        "workstream.deliverable_reopened": gettext_lazy("deliverable marked as not done"),
        "workstream.deliverable_removed": gettext_lazy("deliverable removed"),
        "workstream.member_added": gettext_lazy("member added"),
        "workstream.member_left": gettext_lazy("member left"),
        "workstream.member_removed": gettext_lazy("member removed"),
        "workstream.link_member_added": gettext_lazy("member added through the lead role"),
        "workstream.link_member_ended": gettext_lazy("lead-role membership ended"),
        "workstream.invitation_sent": gettext_lazy("invitation sent"),
        "workstream.invitation_revoked": gettext_lazy("invitation revoked"),
        "workstream.invitation_accepted": gettext_lazy("invitation accepted"),
        "role.created": gettext_lazy("role created"),
        "role.amended": gettext_lazy("role amended"),
        "role.archived": gettext_lazy("role archived"),
        "role.accountability_added": gettext_lazy("accountability added"),
        "role.accountability_removed": gettext_lazy("accountability removed"),
        "role.assigned": gettext_lazy("role assigned"),
        "role.assignment_updated": gettext_lazy("role assignment updated"),
        "role.assignment_ended": gettext_lazy("role assignment ended"),
        "policy.adopted": gettext_lazy("policy adopted"),
        "policy.amended": gettext_lazy("policy amended"),
        "policy.status_changed": gettext_lazy("policy status changed"),
        "governance.reminders_sent": gettext_lazy("governance reminders sent"),
        "governance.links_repaired": gettext_lazy("double links repaired"),
    }
)

DEFAULT_INVITATION_DAYS = 14
DEFAULT_REMINDER_DAYS = 14


# Helpers


def _require(actor: Any, permission: str, obj: Any = None) -> None:
    """`require`; the platform itself (`SYSTEM`: commands, the demo, an adopted decision) passes."""
    require(actor, permission, obj)


def _user(actor: Any) -> User | None:
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


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


def _clean_list(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        text = value.strip()
        if text and text not in seen:
            seen.append(text)
    return seen


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


def _set_accountabilities(*, actor: Any, owner: Circle | Role, texts: Sequence[str]) -> None:
    """Make `owner`'s accountabilities exactly `texts`, in order, recording each addition and
    removal ("accountability added by …")."""
    prefix = "circle" if isinstance(owner, Circle) else "role"
    owner_kwargs: dict[str, Any] = {prefix: owner}
    wanted = _clean_list(texts)
    by_text: dict[str, Accountability] = {}
    for item in Accountability.objects.filter(**owner_kwargs).order_by("position", "pk"):
        if item.text in wanted and item.text not in by_text:
            by_text[item.text] = item
            continue
        item.delete()
        audit.record(
            actor=actor,
            verb=f"{prefix}.accountability_removed",
            target=owner,
            payload={"text": item.text},
        )
    for position, text in enumerate(wanted, start=1):
        kept = by_text.get(text)
        if kept is None:
            Accountability.objects.create(text=text, position=position, **owner_kwargs)
            audit.record(
                actor=actor,
                verb=f"{prefix}.accountability_added",
                target=owner,
                payload={"text": text},
            )
        elif kept.position != position:
            kept.position = position
            kept.save(update_fields=["position"])


@transaction.atomic
def accountability_add(*, actor: Any, owner: Circle | Role, text: str) -> Accountability:
    """Add one accountability at the end of a circle's or a role's list."""
    _require_owner(actor, owner)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the accountability.")})
    prefix = "circle" if isinstance(owner, Circle) else "role"
    owner_kwargs: dict[str, Any] = {prefix: owner}
    last = Accountability.objects.filter(**owner_kwargs).order_by("-position").first()
    added = Accountability.objects.create(
        text=text, position=(last.position + 1) if last else 1, **owner_kwargs
    )
    audit.record(
        actor=actor, verb=f"{prefix}.accountability_added", target=owner, payload={"text": text}
    )
    return added


@transaction.atomic
def accountability_remove(*, actor: Any, accountability: Accountability) -> None:
    owner: Circle | Role | None = accountability.circle or accountability.role
    assert owner is not None
    _require_owner(actor, owner)
    prefix = "circle" if isinstance(owner, Circle) else "role"
    accountability.delete()
    audit.record(
        actor=actor,
        verb=f"{prefix}.accountability_removed",
        target=owner,
        payload={"text": accountability.text},
    )


def _require_owner(actor: Any, owner: Circle | Role) -> None:
    if isinstance(owner, Circle):
        _require(actor, "governance.manage_circles")
    else:
        _require(actor, "governance.manage_roles")


# Circles


@dataclass
class CircleData:
    name: str
    purpose: str = ""
    parent: Circle | None = None
    domains: Sequence[str] = ()
    accountabilities: Sequence[str] = ()
    territories: Sequence[Territory] = ()
    levels: Sequence[str] = ()
    strategies: Sequence[Strategy] = ()
    mode: str = CircleMode.CONSENT
    # Used at creation only: a wanted slug, and whether to add the built-in roles.
    slug: str = ""
    builtin_roles: bool = True


def circle_data_of(circle: Circle) -> CircleData:
    """The current values of `circle`, to amend a few of them."""
    return CircleData(
        name=circle.name,
        purpose=circle.purpose,
        parent=circle.parent,
        domains=list(circle.domains),
        accountabilities=[a.text for a in circle.accountabilities.order_by("position", "pk")],
        territories=list(circle.territories.all()),
        levels=list(circle.levels),
        strategies=list(circle.strategies.all()),
        mode=circle.mode,
    )


def _circle_snapshot(circle: Circle) -> dict[str, Any]:
    return {
        "name": circle.name,
        "purpose": circle.purpose,
        "parent": circle.parent.slug if circle.parent else None,
        "domains": list(circle.domains),
        "levels": list(circle.levels),
        "mode": circle.mode,
        "territories": sorted(t.slug for t in circle.territories.all()),
        "strategies": sorted(s.key for s in circle.strategies.all()),
    }


def _circle_fill(circle: Circle, data: CircleData) -> None:
    if data.mode not in CircleMode.values:
        raise ValidationError({"mode": _("Unknown mode.")})
    circle.name = data.name.strip()
    circle.purpose = data.purpose.strip()
    circle.domains = _clean_list(data.domains)
    circle.levels = _check_levels(data.levels)
    circle.mode = data.mode
    circle.parent = data.parent


def _descendant_ids(circle: Circle) -> set[int]:
    """Ids of the circles under `circle`, at any depth (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Circle.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(circle.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def _builtin_name(kind: str, workstream: bool = False) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if kind == RoleKind.LEAD:
            return _("Lead link") if not workstream else _("Workstream lead")
        if kind == RoleKind.DELEGATE:
            return _("Delegate")
        if kind == RoleKind.FACILITATOR:
            return _("Facilitator")
        if kind == RoleKind.SECRETARY:
            return _("Secretary")
        return _("Role")


@transaction.atomic
def circle_create(*, actor: Any, data: CircleData) -> Circle:
    """Create a circle. The first circle, without a parent, is the general circle; every other
    one has a parent. With `builtin_roles`, the circle gets its lead link, facilitator and
    secretary, and a delegate (second lien) when it has a parent."""
    _require(actor, "governance.manage_circles")
    if data.parent is None and Circle.objects.filter(parent__isnull=True).exists():
        raise ValidationError(
            {"parent": _("Choose a parent circle: there is already a general circle.")}
        )
    if data.parent is not None and data.parent.is_archived:
        raise ValidationError({"parent": _("The parent circle is archived.")})
    circle = Circle()
    _circle_fill(circle, data)
    circle.slug = _slug_for(Circle, circle.name, data.slug)
    circle.full_clean()
    circle.save()
    circle.territories.set(data.territories)
    circle.strategies.set(data.strategies)
    audit.record(
        actor=actor, verb="circle.created", target=circle, payload=_circle_snapshot(circle)
    )
    _set_accountabilities(actor=actor, owner=circle, texts=data.accountabilities)
    if data.builtin_roles:
        kinds = [RoleKind.LEAD, RoleKind.FACILITATOR, RoleKind.SECRETARY]
        if circle.parent_id:
            kinds.insert(1, RoleKind.DELEGATE)
        for kind in kinds:
            role_create(actor=actor, circle=circle, data=RoleData(kind=kind, **BUILTIN[kind]))
    return circle


@transaction.atomic
def circle_amend(*, actor: Any, circle: Circle, data: CircleData) -> Circle:
    """Apply `data` to `circle` (its slug never changes). Moving a circle under another parent
    moves its delegate's double link along."""
    _require(actor, "governance.manage_circles")
    if circle.is_archived:
        raise ValidationError(_("This circle is archived."))
    if circle.is_general and data.parent is not None:
        raise ValidationError({"parent": _("The general circle has no parent circle.")})
    if not circle.is_general:
        if data.parent is None:
            raise ValidationError(
                {"parent": _("Choose a parent circle: there is already a general circle.")}
            )
        if data.parent.pk == circle.pk or data.parent.pk in _descendant_ids(circle):
            raise ValidationError(
                {"parent": _("A circle cannot be placed under itself or one of its sub-circles.")}
            )
        if data.parent.is_archived:
            raise ValidationError({"parent": _("The parent circle is archived.")})
    before = _circle_snapshot(circle)
    previous_parent = circle.parent_id
    _circle_fill(circle, data)
    circle.full_clean(exclude=["slug"])
    circle.save()
    circle.territories.set(data.territories)
    circle.strategies.set(data.strategies)
    changes = _changes(before, _circle_snapshot(circle))
    if changes:
        audit.record(actor=actor, verb="circle.amended", target=circle, payload=changes)
    _set_accountabilities(actor=actor, owner=circle, texts=data.accountabilities)
    if previous_parent != circle.parent_id:
        _sync_links(
            actor=actor,
            assignments=RoleAssignment.objects.filter(
                role__circle=circle, role__kind=RoleKind.DELEGATE, ended_at__isnull=True
            ),
        )
    return circle


@transaction.atomic
def circle_archive(*, actor: Any, circle: Circle) -> Circle:
    """Archive a circle: its roles end, its memberships end (reason "closed"). Refused for the
    general circle, a circle with sub-circles still active, and the only sponsor of a
    workstream still active."""
    _require(actor, "governance.manage_circles")
    if circle.is_archived:
        raise ValidationError(_("This circle is already archived."))
    if circle.is_general:
        raise ValidationError(_("The general circle cannot be archived."))
    if circle.children.filter(archived_at__isnull=True).exists():
        raise ValidationError(_("Archive its sub-circles or move them elsewhere first."))
    orphans = [
        w.name
        for w in circle.sponsored_workstreams.filter(archived_at__isnull=True).prefetch_related(
            "sponsors"
        )
        if not any(s.pk != circle.pk and not s.is_archived for s in w.sponsors.all())
    ]
    if orphans:
        raise ValidationError(
            _(
                "This circle is the only sponsor of workstreams still active: %(names)s. "
                "Give them another sponsor or archive them first."
            )
            % {"names": ", ".join(orphans)}
        )
    _close_group(actor=actor, group=circle)
    circle.archived_at = _now()
    circle.save(update_fields=["archived_at", "updated_at"])
    audit.record(actor=actor, verb="circle.archived", target=circle, payload={})
    return circle


def _close_group(*, actor: Any, group: Circle | Workstream) -> None:
    """End every role and membership of a circle or workstream being archived."""
    for role in Role.objects.filter(**_group_kwargs(group), archived_at__isnull=True):
        _role_archive(actor=actor, role=role)
    for membership in Membership.objects.filter(
        **_group_kwargs(group), ended_at__isnull=True
    ).select_related("person"):
        _membership_end(actor=actor, membership=membership, reason=EndReason.CLOSED)


# Roles


@dataclass
class RoleData:
    name: str = ""
    purpose: str = ""
    kind: str = RoleKind.CUSTOM
    accountabilities: Sequence[str] = ()
    elected: bool = False
    term_months: int | None = None
    # None: the default of the kind (true for the lead link and the secretary).
    may_amend_policies: bool | None = None


# Built-in roles as created with a circle: who is elected, and for how long.
BUILTIN: dict[str, dict[str, Any]] = {
    RoleKind.LEAD: {"elected": False},
    RoleKind.DELEGATE: {"elected": True, "term_months": 24},
    RoleKind.FACILITATOR: {"elected": True, "term_months": 12},
    RoleKind.SECRETARY: {"elected": True, "term_months": 12},
}


def role_data_of(role: Role) -> RoleData:
    return RoleData(
        name=role.name,
        purpose=role.purpose,
        kind=role.kind,
        accountabilities=[a.text for a in role.accountabilities.order_by("position", "pk")],
        elected=role.elected,
        term_months=role.term_months,
        may_amend_policies=role.may_amend_policies,
    )


def _role_snapshot(role: Role) -> dict[str, Any]:
    return {
        "name": role.name,
        "purpose": role.purpose,
        "kind": role.kind,
        "elected": role.elected,
        "term_months": role.term_months,
        "may_amend_policies": role.may_amend_policies,
    }


def _role_fill(role: Role, data: RoleData) -> None:
    if data.kind not in RoleKind.values:
        raise ValidationError({"kind": _("Unknown kind of role.")})
    if data.kind == RoleKind.DELEGATE and (role.circle is None or role.circle.parent_id is None):
        raise ValidationError(
            {"kind": _("Only a sub-circle has a delegate (second lien) to its parent circle.")}
        )
    role.kind = data.kind
    role.name = data.name.strip() or _builtin_name(data.kind, role.workstream_id is not None)
    role.purpose = data.purpose.strip()
    role.elected = data.elected
    role.term_months = data.term_months if data.elected else None
    role.may_amend_policies = (
        data.may_amend_policies
        if data.may_amend_policies is not None
        else data.kind in POLICY_KINDS
    )


@transaction.atomic
def role_create(
    *,
    actor: Any,
    data: RoleData,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
) -> Role:
    """Create a role in a circle or in a workstream (exactly one of them)."""
    _require(actor, "governance.manage_roles")
    if (circle is None) == (workstream is None):
        raise ValidationError(_("A role belongs either to a circle or to a workstream."))
    group: Circle | Workstream = circle or workstream  # type: ignore[assignment]
    if group.is_archived:
        raise ValidationError(_("This circle or workstream is archived."))
    role = Role(circle=circle, workstream=workstream)
    _role_fill(role, data)
    role.full_clean()
    role.save()
    audit.record(
        actor=actor,
        verb="role.created",
        target=role,
        payload=_role_snapshot(role) | {_group_prefix(group): group.slug},
    )
    _set_accountabilities(actor=actor, owner=role, texts=data.accountabilities)
    return role


@transaction.atomic
def role_amend(*, actor: Any, role: Role, data: RoleData) -> Role:
    _require(actor, "governance.manage_roles")
    if role.is_archived:
        raise ValidationError(_("This role is archived."))
    before = _role_snapshot(role)
    _role_fill(role, data)
    role.full_clean()
    role.save()
    changes = _changes(before, _role_snapshot(role))
    if changes:
        audit.record(actor=actor, verb="role.amended", target=role, payload=changes)
    _set_accountabilities(actor=actor, owner=role, texts=data.accountabilities)
    if "kind" in changes:
        _sync_links(actor=actor, assignments=role.assignments.filter(ended_at__isnull=True))
    return role


@transaction.atomic
def role_archive(*, actor: Any, role: Role) -> Role:
    """Archive a role; whoever holds it stops holding it."""
    _require(actor, "governance.manage_roles")
    if role.is_archived:
        raise ValidationError(_("This role is already archived."))
    return _role_archive(actor=actor, role=role)


def _role_archive(*, actor: Any, role: Role) -> Role:
    for assignment in role.assignments.filter(ended_at__isnull=True).select_related("person"):
        _assignment_end(actor=actor, assignment=assignment, reason="archived")
    role.archived_at = _now()
    role.save(update_fields=["archived_at", "updated_at"])
    audit.record(actor=actor, verb="role.archived", target=role, payload={"name": role.name})
    return role


def _seat_is_open(seat: Seat) -> bool:
    return seat.end_date is None or seat.end_date >= _today()


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    role: Role,
    person: Person,
    seat: Seat | None = None,
    substitutes: Sequence[Person] | None = None,
    start_date: date | None = None,
    term_end: date | None = None,
) -> RoleAssignment:
    """`person` takes `role`, possibly on behalf of an organization through `seat` (whose
    substitutes become the role's substitutes unless others are given).

    A built-in role has one holder: the previous holder's assignment ends, and with it their
    double link, while the new holder's starts. An elected role's term ends `term_months` after
    the start unless `term_end` says otherwise.
    """
    _require(actor, "governance.manage_roles")
    if role.is_archived:
        raise ValidationError(_("This role is archived."))
    if seat is not None:
        if seat.holder_id != person.pk:
            raise ValidationError(
                {"seat": _("Only the holder of a seat may hold a role on its behalf.")}
            )
        if not _seat_is_open(seat):
            raise ValidationError({"seat": _("This seat has ended.")})
    chosen = list(seat.substitutes.all() if substitutes is None and seat else substitutes or [])
    if any(s.pk == person.pk for s in chosen):
        raise ValidationError(
            {"substitutes": _("The holder of a role cannot also be its substitute.")}
        )
    if role.assignments.filter(person=person, ended_at__isnull=True).exists():
        raise ValidationError({"person": _("This person already holds this role.")})
    start = start_date or _today()
    if role.elected and term_end is None:
        term_end = add_months(start, role.term_months or 12)
    previous = []
    if role.single_holder:
        previous = list(role.assignments.filter(ended_at__isnull=True).select_related("person"))
        for old in previous:
            _assignment_end(actor=actor, assignment=old, reason="replaced", sync=False)
    assignment = RoleAssignment(
        role=role, person=person, seat=seat, start_date=start, term_end=term_end
    )
    assignment.full_clean()
    assignment.save()
    assignment.substitutes.set(chosen)
    audit.record(
        actor=actor,
        verb="role.assigned",
        target=role,
        payload={
            "assignment": assignment.pk,
            "person": str(person),
            "organization": str(seat.organization) if seat else None,
            "substitutes": [str(p) for p in chosen],
            "start_date": start.isoformat(),
            "term_end": term_end.isoformat() if term_end else None,
            "replaces": [str(old.person) for old in previous],
        },
    )
    _sync_links(actor=actor, assignments=[*previous, assignment])
    return assignment


@transaction.atomic
def role_assignment_update(
    *,
    actor: Any,
    assignment: RoleAssignment,
    substitutes: Sequence[Person],
    term_end: date | None,
) -> RoleAssignment:
    """Change the substitutes or the term end of a current assignment (a renewed term)."""
    _require(actor, "governance.manage_roles")
    if assignment.ended_at is not None:
        raise ValidationError(_("This assignment has ended."))
    if any(s.pk == assignment.person_id for s in substitutes):
        raise ValidationError(
            {"substitutes": _("The holder of a role cannot also be its substitute.")}
        )
    before_term = assignment.term_end
    before_subs = sorted(str(p) for p in assignment.substitutes.all())
    assignment.term_end = term_end
    assignment.full_clean()
    assignment.save(update_fields=["term_end"])
    assignment.substitutes.set(substitutes)
    after_subs = sorted(str(p) for p in substitutes)
    changes: dict[str, Any] = {}
    if before_term != term_end:
        changes["term_end"] = [
            before_term.isoformat() if before_term else None,
            term_end.isoformat() if term_end else None,
        ]
    if before_subs != after_subs:
        changes["substitutes"] = [before_subs, after_subs]
    if changes:
        audit.record(
            actor=actor,
            verb="role.assignment_updated",
            target=assignment.role,
            payload={"assignment": assignment.pk, "person": str(assignment.person)} | changes,
        )
    return assignment


@transaction.atomic
def role_assignment_end(
    *, actor: Any, assignment: RoleAssignment, note: str = ""
) -> RoleAssignment:
    """`assignment`'s holder stops holding the role; a double link they made ends too."""
    _require(actor, "governance.manage_roles")
    if assignment.ended_at is not None:
        raise ValidationError(_("This assignment has already ended."))
    return _assignment_end(actor=actor, assignment=assignment, reason=note or "ended")


@transaction.atomic
def role_assignments_end_for_seat(*, actor: Any, seat: Seat) -> int:
    """A seat that has ended takes with it the roles held on behalf of its organization.

    A seat ending later keeps them until then (ended by hand, or by the next seat change)."""
    if seat.end_date is None or seat.end_date > timezone.localdate():
        return 0
    assignments = list(
        RoleAssignment.objects.filter(seat=seat, ended_at__isnull=True).select_related("role")
    )
    for assignment in assignments:
        _assignment_end(actor=actor, assignment=assignment, reason="seat_ended")
    return len(assignments)


def _assignment_end(
    *, actor: Any, assignment: RoleAssignment, reason: str, sync: bool = True
) -> RoleAssignment:
    assignment.ended_at = _now()
    assignment.ended_by = _user(actor)
    assignment.save(update_fields=["ended_at", "ended_by"])
    audit.record(
        actor=actor,
        verb="role.assignment_ended",
        target=assignment.role,
        payload={"assignment": assignment.pk, "person": str(assignment.person), "note": reason},
    )
    if sync:
        _sync_links(actor=actor, assignments=[assignment])
    return assignment


# Double links


def link_target(assignment: RoleAssignment) -> Circle | Workstream | None:
    """Where the holder of `assignment` must be a member through a double link, if anywhere.

    The lead link of a circle or workstream is a member of it; the delegate (second lien) of a
    sub-circle is a member of the parent circle. Ended assignments, archived roles and archived
    groups make no link.
    """
    role = assignment.role
    if assignment.ended_at is not None or role.archived_at is not None:
        return None
    if role.kind == RoleKind.LEAD:
        group: Circle | Workstream | None = role.circle or role.workstream
        return group if group is not None and not group.is_archived else None
    if role.kind == RoleKind.DELEGATE and role.circle is not None:
        parent = role.circle.parent
        if parent is not None and not parent.is_archived and not role.circle.is_archived:
            return parent
    return None


def _sync_links(*, actor: Any, assignments: Iterable[RoleAssignment]) -> None:
    """Make the double-link memberships of `assignments` match `link_target`."""
    for assignment in assignments:
        assignment = RoleAssignment.objects.select_related(
            "role__circle__parent", "role__workstream", "person"
        ).get(pk=assignment.pk)
        target = link_target(assignment)
        kept = False
        for membership in assignment.link_memberships.filter(ended_at__isnull=True):
            if target is not None and not kept and membership.group == target:
                kept = True
                continue
            _membership_end(actor=actor, membership=membership, reason=EndReason.LINK_ENDED)
        if target is not None and not kept:
            membership = Membership.objects.create(
                person=assignment.person,
                source=MembershipSource.LINK,
                assignment=assignment,
                seat=assignment.seat,
                # The first link starts with the role; a link that moves starts today.
                start_date=(
                    _today()
                    if assignment.link_memberships.exists()
                    else min(assignment.start_date, _today())
                ),
                **_group_kwargs(target),
            )
            audit.record(
                actor=actor,
                verb=f"{_group_prefix(target)}.link_member_added",
                target=target,
                payload={
                    "membership": membership.pk,
                    "person": str(assignment.person),
                    "role": assignment.role.name,
                },
            )


@transaction.atomic
def links_repair(*, actor: Any) -> int:
    """Recompute every double link (an operator's safety net); returns how many changed."""
    _require(actor, "governance.manage_roles")
    before = set(
        Membership.objects.filter(source=MembershipSource.LINK, ended_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    candidates = RoleAssignment.objects.filter(
        Q(ended_at__isnull=True)
        | Q(link_memberships__ended_at__isnull=True, link_memberships__isnull=False)
    ).distinct()
    _sync_links(actor=actor, assignments=list(candidates))
    after = set(
        Membership.objects.filter(source=MembershipSource.LINK, ended_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    changed = len(before ^ after)
    if changed:
        audit.record(actor=actor, verb="governance.links_repaired", payload={"changed": changed})
    return changed


# Memberships


def _person_of(actor: Any) -> Person | None:
    user = _user(actor)
    return Person.objects.filter(user=user).first() if user else None


def _check_member_seat(seat: Seat | None, person: Person) -> None:
    if seat is None:
        return
    if seat.holder_id != person.pk and not seat.substitutes.filter(pk=person.pk).exists():
        raise ValidationError(
            {"seat": _("Only the holder or a substitute of a seat may sit on its behalf.")}
        )
    if not _seat_is_open(seat):
        raise ValidationError({"seat": _("This seat has ended.")})


@transaction.atomic
def membership_join(
    *,
    actor: Any,
    person: Person,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    kind: str = MembershipKind.MEMBER,
    seat: Seat | None = None,
    start_date: date | None = None,
    note: str = "",
) -> Membership:
    """Make `person` a (direct) member of a circle or a workstream.

    Staff add anyone (the workstream's lead link too, for a workstream); a partner member may
    join an open circle by themselves.
    """
    if (circle is None) == (workstream is None):
        raise ValidationError(_("A membership is either of a circle or of a workstream."))
    group: Circle | Workstream = circle or workstream  # type: ignore[assignment]
    self_join = (
        circle is not None
        and actor is not SYSTEM
        and (own := _person_of(actor)) is not None
        and own.pk == person.pk
        and has_perm(actor, "governance.join_circle", circle)
    )
    if not self_join:
        _require(actor, "governance.manage_members", group)
    if group.is_archived:
        raise ValidationError(_("This circle or workstream is archived."))
    if isinstance(group, Workstream) and not group.is_running:
        raise ValidationError(_("This workstream no longer takes new members."))
    if kind not in MembershipKind.values:
        raise ValidationError({"kind": _("Unknown kind of membership.")})
    if circle is not None and kind != MembershipKind.MEMBER:
        raise ValidationError(
            {"kind": _("External actors and guests are members of workstreams, not of circles.")}
        )
    if Membership.objects.filter(
        person=person, source=MembershipSource.DIRECT, ended_at__isnull=True, **_group_kwargs(group)
    ).exists():
        raise ValidationError({"person": _("This person is already a member.")})
    _check_member_seat(seat, person)
    membership = Membership(
        person=person,
        kind=kind,
        seat=seat,
        start_date=start_date or _today(),
        note=note.strip(),
        **_group_kwargs(group),
    )
    membership.full_clean()
    membership.save()
    audit.record(
        actor=actor,
        verb=f"{_group_prefix(group)}.member_added",
        target=group,
        payload={"membership": membership.pk, "person": str(person), "kind": kind},
    )
    return membership


def _check_direct(membership: Membership) -> None:
    if membership.ended_at is not None:
        raise ValidationError(_("This membership has already ended."))
    if membership.source == MembershipSource.LINK:
        raise ValidationError(
            _("This membership comes from a role (double link): end the role assignment instead.")
        )


@transaction.atomic
def membership_leave(*, actor: Any, membership: Membership, note: str = "") -> Membership:
    """The member leaves (or staff record that they left)."""
    own = _person_of(actor) if actor is not SYSTEM else None
    if own is None or own.pk != membership.person_id:
        _require(actor, "governance.manage_members", membership.group)
    _check_direct(membership)
    return _membership_end(actor=actor, membership=membership, reason=EndReason.LEFT, note=note)


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership, note: str = "") -> Membership:
    _require(actor, "governance.manage_members", membership.group)
    _check_direct(membership)
    return _membership_end(actor=actor, membership=membership, reason=EndReason.REMOVED, note=note)


_END_VERBS = {
    EndReason.LEFT: "member_left",
    EndReason.REMOVED: "member_removed",
    EndReason.CLOSED: "member_removed",
    EndReason.LINK_ENDED: "link_member_ended",
}


def _membership_end(
    *, actor: Any, membership: Membership, reason: str, note: str = ""
) -> Membership:
    membership.ended_at = _now()
    membership.end_reason = reason
    membership.ended_by = _user(actor)
    if note:
        membership.note = note.strip()[:255]
    membership.save(update_fields=["ended_at", "end_reason", "ended_by", "note"])
    group = membership.group
    audit.record(
        actor=actor,
        verb=f"{_group_prefix(group)}.{_END_VERBS[EndReason(reason)]}",
        target=group,
        payload={"membership": membership.pk, "person": str(membership.person), "reason": reason},
    )
    return membership


# Workstreams


@dataclass
class DeliverableData:
    title: str
    due_date: date | None = None


@dataclass
class WorkstreamData:
    name: str
    sponsors: Sequence[Circle]
    mandate: str = ""
    start_date: date | None = None
    sunset_date: date | None = None
    territories: Sequence[Territory] = ()
    levels: Sequence[str] = ()
    strategies: Sequence[Strategy] = ()
    # Used at creation only.
    deliverables: Sequence[DeliverableData] = ()
    slug: str = ""
    lead_role: bool = True


def workstream_data_of(workstream: Workstream) -> WorkstreamData:
    return WorkstreamData(
        name=workstream.name,
        sponsors=list(workstream.sponsors.all()),
        mandate=workstream.mandate,
        start_date=workstream.start_date,
        sunset_date=workstream.sunset_date,
        territories=list(workstream.territories.all()),
        levels=list(workstream.levels),
        strategies=list(workstream.strategies.all()),
    )


def _workstream_snapshot(workstream: Workstream) -> dict[str, Any]:
    return {
        "name": workstream.name,
        "mandate": workstream.mandate,
        "start_date": workstream.start_date.isoformat() if workstream.start_date else None,
        "sunset_date": workstream.sunset_date.isoformat() if workstream.sunset_date else None,
        "levels": list(workstream.levels),
        "sponsors": sorted(c.slug for c in workstream.sponsors.all()),
        "territories": sorted(t.slug for t in workstream.territories.all()),
        "strategies": sorted(s.key for s in workstream.strategies.all()),
    }


def _workstream_fill(workstream: Workstream, data: WorkstreamData) -> None:
    if not data.sponsors:
        raise ValidationError({"sponsors": _("Choose at least one sponsoring circle.")})
    if any(c.is_archived for c in data.sponsors):
        raise ValidationError({"sponsors": _("An archived circle cannot sponsor a workstream.")})
    workstream.name = data.name.strip()
    workstream.mandate = data.mandate.strip()
    workstream.start_date = data.start_date
    workstream.sunset_date = data.sunset_date
    workstream.levels = _check_levels(data.levels)


@transaction.atomic
def workstream_create(*, actor: Any, data: WorkstreamData) -> Workstream:
    """Create a workstream, in the workflow's initial state ("proposed"), with its lead role."""
    _require(actor, "governance.manage_workstreams")
    workstream = Workstream(status=workflows.WORKSTREAM.initial)
    _workstream_fill(workstream, data)
    workstream.slug = _slug_for(Workstream, workstream.name, data.slug)
    workstream.full_clean()
    workstream.save()
    workstream.sponsors.set(data.sponsors)
    workstream.territories.set(data.territories)
    workstream.strategies.set(data.strategies)
    audit.record(
        actor=actor,
        verb="workstream.created",
        target=workstream,
        payload=_workstream_snapshot(workstream) | {"status": workstream.status},
    )
    for position, item in enumerate(data.deliverables, start=1):
        _deliverable_create(actor=actor, workstream=workstream, data=item, position=position)
    if data.lead_role:
        role_create(actor=actor, workstream=workstream, data=RoleData(kind=RoleKind.LEAD))
    return workstream


@transaction.atomic
def workstream_amend(*, actor: Any, workstream: Workstream, data: WorkstreamData) -> Workstream:
    """Change a workstream's mandate, dates and tags (staff or its lead link); changing its
    sponsoring circles is for staff only."""
    _require(actor, "governance.change_workstream", workstream)
    if workstream.is_archived:
        raise ValidationError(_("This workstream is archived."))
    before = _workstream_snapshot(workstream)
    if sorted(c.pk for c in data.sponsors) != sorted(
        workstream.sponsors.values_list("pk", flat=True)
    ):
        _require(actor, "governance.manage_workstreams")
    _workstream_fill(workstream, data)
    workstream.full_clean(exclude=["slug"])
    workstream.save()
    workstream.sponsors.set(data.sponsors)
    workstream.territories.set(data.territories)
    workstream.strategies.set(data.strategies)
    changes = _changes(before, _workstream_snapshot(workstream))
    if changes:
        audit.record(actor=actor, verb="workstream.amended", target=workstream, payload=changes)
    return workstream


@transaction.atomic
def workstream_transition(*, actor: Any, workstream: Workstream, transition: str) -> Workstream:
    """Fire a transition of the workstream workflow (see `workflows.WORKSTREAM`)."""
    _require(actor, "governance.change_workstream", workstream)
    if workstream.is_archived:
        raise ValidationError(_("This workstream is archived."))
    try:
        step = workflows.WORKSTREAM.transition(transition)
    except KeyError:
        raise ValidationError(
            {"transition": _("Unknown transition: %(key)s.") % {"key": transition}}
        ) from None
    if workstream.status not in step.sources:
        raise ValidationError(
            {
                "transition": _("“%(transition)s” is not possible from the status “%(status)s”.")
                % {
                    "transition": step.label,
                    "status": workflows.WORKSTREAM.state(workstream.status).label,
                }
            }
        )
    if actor is not SYSTEM and not workflow_roles(actor, workstream) & step.allowed:
        raise PermissionDenied(
            _("Only coordination staff may do this: “%(transition)s”.") % {"transition": step.label}
            if step.allowed == {workflows.STAFF}
            else _(
                "Only coordination staff or the workstream's lead link may do this: "
                "“%(transition)s”."
            )
            % {"transition": step.label}
        )
    previous = workstream.status
    workstream.status = step.target
    workstream.status_changed_at = _now()
    workstream.save(update_fields=["status", "status_changed_at", "updated_at"])
    audit.record(
        actor=actor,
        verb="workstream.status_changed",
        target=workstream,
        payload={"transition": step.key, "from": previous, "to": step.target},
    )
    return workstream


@transaction.atomic
def workstream_archive(*, actor: Any, workstream: Workstream) -> Workstream:
    """Archive a workstream: its roles and memberships end, pending invitations are revoked."""
    _require(actor, "governance.manage_workstreams")
    if workstream.is_archived:
        raise ValidationError(_("This workstream is already archived."))
    _close_group(actor=actor, group=workstream)
    workstream.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=_now()
    )
    workstream.archived_at = _now()
    workstream.save(update_fields=["archived_at", "updated_at"])
    audit.record(actor=actor, verb="workstream.archived", target=workstream, payload={})
    return workstream


def _deliverable_create(
    *, actor: Any, workstream: Workstream, data: DeliverableData, position: int
) -> Deliverable:
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("Give the deliverable a title.")})
    deliverable = Deliverable.objects.create(
        workstream=workstream, title=title, due_date=data.due_date, position=position
    )
    audit.record(
        actor=actor,
        verb="workstream.deliverable_added",
        target=workstream,
        payload={
            "deliverable": deliverable.pk,
            "title": title,
            "due_date": data.due_date.isoformat() if data.due_date else None,
        },
    )
    return deliverable


@transaction.atomic
def deliverable_add(*, actor: Any, workstream: Workstream, data: DeliverableData) -> Deliverable:
    _require(actor, "governance.change_workstream", workstream)
    last = workstream.deliverables.order_by("-position").first()
    return _deliverable_create(
        actor=actor,
        workstream=workstream,
        data=data,
        position=(last.position + 1) if last else 1,
    )


@transaction.atomic
def deliverable_amend(
    *, actor: Any, deliverable: Deliverable, data: DeliverableData
) -> Deliverable:
    _require(actor, "governance.change_workstream", deliverable.workstream)
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("Give the deliverable a title.")})
    changes = _changes(
        {"title": deliverable.title, "due_date": _iso(deliverable.due_date)},
        {"title": title, "due_date": _iso(data.due_date)},
    )
    deliverable.title = title
    deliverable.due_date = data.due_date
    deliverable.save(update_fields=["title", "due_date"])
    if changes:
        audit.record(
            actor=actor,
            verb="workstream.deliverable_amended",
            target=deliverable.workstream,
            payload={"deliverable": deliverable.pk} | changes,
        )
    return deliverable


@transaction.atomic
def deliverable_set_done(*, actor: Any, deliverable: Deliverable, done: bool) -> Deliverable:
    _require(actor, "governance.change_workstream", deliverable.workstream)
    if deliverable.done == done:
        return deliverable
    deliverable.done = done
    deliverable.done_at = _now() if done else None
    deliverable.save(update_fields=["done", "done_at"])
    audit.record(
        actor=actor,
        verb="workstream.deliverable_done" if done else "workstream.deliverable_reopened",
        target=deliverable.workstream,
        payload={"deliverable": deliverable.pk, "title": deliverable.title},
    )
    return deliverable


@transaction.atomic
def deliverable_remove(*, actor: Any, deliverable: Deliverable) -> None:
    _require(actor, "governance.change_workstream", deliverable.workstream)
    workstream, title, pk = deliverable.workstream, deliverable.title, deliverable.pk
    deliverable.delete()
    audit.record(
        actor=actor,
        verb="workstream.deliverable_removed",
        target=workstream,
        payload={"deliverable": pk, "title": title},
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# Policies


@dataclass
class PolicyData:
    title: str
    text: str
    review_date: date | None = None
    adopted_on: date | None = None  # at adoption only; today by default


def _policy_check(title: str, text: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the policy a title.")
    if not text.strip():
        errors["text"] = _("Write the text of the policy.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def policy_adopt(*, actor: Any, circle: Circle, data: PolicyData) -> Policy:
    """Adopt a new policy of `circle`; its text is kept as version 1."""
    _require(actor, "governance.amend_policies", circle)
    if circle.is_archived:
        raise ValidationError(_("This circle is archived."))
    _policy_check(data.title, data.text)
    policy = Policy(
        circle=circle,
        title=data.title.strip(),
        text=data.text.strip(),
        adopted_on=data.adopted_on or _today(),
        review_date=data.review_date,
    )
    policy.full_clean()
    policy.save()
    PolicyVersion.objects.create(
        policy=policy,
        number=1,
        title=policy.title,
        text=policy.text,
        review_date=policy.review_date,
        created_by=_user(actor),
    )
    audit.record(
        actor=actor,
        verb="policy.adopted",
        target=policy,
        payload={
            "circle": circle.slug,
            "title": policy.title,
            "adopted_on": policy.adopted_on.isoformat(),
            "review_date": _iso(policy.review_date),
        },
    )
    return policy


@transaction.atomic
def policy_amend(*, actor: Any, policy: Policy, data: PolicyData, note: str = "") -> Policy:
    """Amend a policy: the new text becomes the next version, earlier ones are kept. A policy
    under review that is amended is active again."""
    _require(actor, "governance.amend_policies", policy)
    if policy.status == PolicyStatus.RETIRED:
        raise ValidationError(_("A retired policy cannot be amended; adopt a new one."))
    _policy_check(data.title, data.text)
    before = {
        "title": policy.title,
        "text": policy.text,
        "review_date": _iso(policy.review_date),
    }
    after = {
        "title": data.title.strip(),
        "text": data.text.strip(),
        "review_date": _iso(data.review_date),
    }
    changes = _changes(before, after)
    if not changes:
        return policy
    policy.title = data.title.strip()
    policy.text = data.text.strip()
    policy.review_date = data.review_date
    policy.version += 1
    previous_status = policy.status
    policy.status = PolicyStatus.ACTIVE
    policy.full_clean()
    policy.save()
    PolicyVersion.objects.create(
        policy=policy,
        number=policy.version,
        title=policy.title,
        text=policy.text,
        review_date=policy.review_date,
        note=note.strip()[:500],
        created_by=_user(actor),
    )
    audit.record(
        actor=actor,
        verb="policy.amended",
        target=policy,
        payload={
            "version": policy.version,
            "changed": sorted(changes),
            "note": note.strip(),
            **(
                {"status": [previous_status, policy.status]}
                if previous_status != policy.status
                else {}
            ),
        },
    )
    return policy


@transaction.atomic
def policy_set_status(
    *,
    actor: Any,
    policy: Policy,
    status: str,
    review_date: date | None = None,
    note: str = "",
) -> Policy:
    """Put a policy under review, renew it (active again, with a new review date) or retire it.
    Retiring is final."""
    _require(actor, "governance.amend_policies", policy)
    if status not in PolicyStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if policy.status == PolicyStatus.RETIRED:
        raise ValidationError(_("A retired policy stays retired; adopt a new one."))
    previous, previous_review = policy.status, policy.review_date
    policy.status = status
    if review_date is not None:
        policy.review_date = review_date
    if previous == status and previous_review == policy.review_date:
        return policy
    policy.full_clean()
    policy.save(update_fields=["status", "review_date", "updated_at"])
    audit.record(
        actor=actor,
        verb="policy.status_changed",
        target=policy,
        payload={
            "from": previous,
            "to": status,
            "review_date": [_iso(previous_review), _iso(policy.review_date)],
            "note": note.strip(),
        },
    )
    return policy


def policy_retire(*, actor: Any, policy: Policy, note: str = "") -> Policy:
    return policy_set_status(actor=actor, policy=policy, status=PolicyStatus.RETIRED, note=note)


# Invitations


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_accept_path(token: str) -> str:
    """The path of the acceptance page (`governance:invitation_accept`, built with the pages)."""
    return page_url("invitation_accept", token=token) or f"/gouvernance/invitations/{token}/"


@dataclass
class InvitationSent:
    invitation: Invitation
    # The raw token exists only here: the database keeps its hash.
    token: str
    accept_url: str


def _invitation_days() -> int:
    return int(getattr(settings, "MAILLAGE_INVITATION_DAYS", DEFAULT_INVITATION_DAYS))


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    workstream: Workstream,
    email: str,
    kind: str = InvitationKind.EXTERNAL,
    message: str = "",
    expires_in_days: int | None = None,
    base_url: str = "",
) -> InvitationSent:
    """Invite someone by e-mail into a workstream, as an external actor or a guest.

    The e-mail carries the acceptance link (`base_url`, e.g. "https://maillage.example.org",
    makes it absolute; the page passes `request.build_absolute_uri("/")`). The invitation
    expires after `expires_in_days` days (settings.MAILLAGE_INVITATION_DAYS, 14 by default).
    A pending invitation to the same address for the same workstream is replaced.
    """
    _require(actor, "governance.invite", workstream)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if kind not in InvitationKind.values:
        raise ValidationError({"kind": _("Unknown kind of invitation.")})
    if workstream.is_archived or not workstream.is_running:
        raise ValidationError(_("This workstream no longer takes new members."))
    if Membership.objects.filter(
        workstream=workstream,
        ended_at__isnull=True,
        person__in=Person.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email)),
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the workstream.")})
    days = expires_in_days if expires_in_days is not None else _invitation_days()
    if days < 1:
        raise ValidationError({"expires_in_days": _("An invitation lasts at least one day.")})
    replaced = list(
        workstream.invitations.filter(
            email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).values_list("pk", flat=True)
    )
    Invitation.objects.filter(pk__in=replaced).update(revoked_at=_now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workstream=workstream,
        email=email,
        kind=kind,
        message=message.strip(),
        token_hash=hash_token(token),
        expires_at=_now() + timedelta(days=days),
        created_by=_user(actor),
    )
    accept_url = base_url.rstrip("/") + invitation_accept_path(token)
    audit.record(
        actor=actor,
        verb="workstream.invitation_sent",
        target=workstream,
        payload={"invitation": invitation.pk, "kind": kind, "replaces": replaced},
    )
    subject, body = _invitation_email(invitation, accept_url, actor)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )
    return InvitationSent(invitation=invitation, token=token, accept_url=accept_url)


def _invitation_email(invitation: Invitation, url: str, actor: Any) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        collective = getattr(settings, "MAILLAGE_COLLECTIVE_SHORT_NAME", "Maillage")
        subject = _("Invitation to the workstream “%(name)s”") % {
            "name": invitation.workstream.name
        }
        sender = str(actor) if _user(actor) else collective
        lines = [
            _("%(sender)s invites you to take part in the workstream “%(name)s” of %(collective)s.")
            % {"sender": sender, "name": invitation.workstream.name, "collective": collective},
        ]
        if invitation.message:
            lines += ["", invitation.message]
        lines += [
            "",
            _("To accept, follow this link (log in or create an account first):"),
            url,
            "",
            _("This invitation expires on %(date)s.")
            % {"date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")},
        ]
        return subject, "\n".join(lines)


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    _require(actor, "governance.invite", invitation.workstream)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has already been revoked."))
    invitation.revoked_at = _now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        verb="workstream.invitation_revoked",
        target=invitation.workstream,
        payload={"invitation": invitation.pk},
    )
    return invitation


def invitation_check(token: str) -> Invitation:
    """The pending invitation of `token`, or a ValidationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("workstream")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation was withdrawn. Ask the person who invited you for a new one."),
            code="revoked",
        )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= _now():
        raise ValidationError(
            _("This invitation expired on %(date)s. Ask the person who invited you for a new one.")
            % {"date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")},
            code="expired",
        )
    if invitation.workstream.is_archived or not invitation.workstream.is_running:
        raise ValidationError(_("This workstream no longer takes new members."), code="closed")
    return invitation


@transaction.atomic
def invitation_accept(*, user: Any, token: str) -> Membership:
    """Accept an invitation: link (or create) the Person of `user`'s account and make them a
    member of the workstream. Expired, revoked and used links are refused with the reason."""
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied(_("Log in or create an account to accept the invitation."))
    invitation = invitation_check(token)
    # Lock the row: two clicks on the same link make one membership.
    invitation = (
        Invitation.objects.select_for_update().select_related("workstream").get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    person = network_services.person_for_account(actor=user, user=user)
    workstream = invitation.workstream
    membership = Membership.objects.filter(
        person=person,
        workstream=workstream,
        source=MembershipSource.DIRECT,
        ended_at__isnull=True,
    ).first()
    if membership is None:
        membership = Membership.objects.create(
            person=person,
            workstream=workstream,
            kind=invitation.kind,
            start_date=_today(),
        )
        audit.record(
            actor=user,
            verb="workstream.member_added",
            target=workstream,
            payload={"membership": membership.pk, "person": str(person), "kind": invitation.kind},
        )
    invitation.accepted_at = _now()
    invitation.accepted_by = user
    invitation.membership = membership
    invitation.save(update_fields=["accepted_at", "accepted_by", "membership"])
    audit.record(
        actor=user,
        verb="workstream.invitation_accepted",
        target=workstream,
        payload={"invitation": invitation.pk, "person": str(person)},
    )
    return membership


# Reminders


def reminder_days() -> int:
    return int(getattr(settings, "MAILLAGE_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


@dataclass
class ReminderReport:
    sent: int = 0
    events: int = 0
    skipped_without_account: list[str] = field(default_factory=list)


@transaction.atomic
def reminders_send(*, actor: Any = SYSTEM, today: date | None = None) -> ReminderReport:
    """Notify the people concerned by every calendar event due within MAILLAGE_REMINDER_DAYS
    days (14 by default): the holder for a term end, the circle's lead link and secretary for a
    policy review, the workstream's lead link and its sponsors' lead links for a sunset.

    Each (event, person) is notified once: a `Reminder` row with a unique constraint records
    it, so running this twice, or every day, sends nothing more. Events whose date changes are
    new events and are reminded again.
    """
    from maillage.governance.selectors import reminder_plan

    _require(actor, "governance.manage_roles")
    start = today or _today()
    with translation.override(settings.LANGUAGE_CODE):
        plan = reminder_plan(start=start, end=start + timedelta(days=reminder_days()))
        report = ReminderReport(events=len(plan))
        for item in plan:
            for recipient in item.recipients:
                try:
                    with transaction.atomic():
                        Reminder.objects.create(
                            kind=item.event.kind,
                            object_id=item.event.object_id,
                            event_date=item.event.date,
                            recipient=recipient,
                        )
                        notify(
                            recipient=recipient,
                            subject=_reminder_subject(
                                item.event.kind, item.event.title, item.event.date
                            ),
                            body=item.event.description,
                            url=item.event.url,
                        )
                except IntegrityError:
                    continue  # already reminded
                report.sent += 1
            report.skipped_without_account.extend(item.without_account)
    if report.sent:
        audit.record(
            actor=actor,
            verb="governance.reminders_sent",
            payload={"sent": report.sent, "date": start.isoformat()},
        )
    return report


def _reminder_subject(kind: str, title: str, when: date) -> str:
    day = date_format(when, "DATE_FORMAT")
    if kind == ReminderKind.POLICY_REVIEW:
        return _("Policy review on %(date)s: %(title)s") % {"date": day, "title": title}
    if kind == ReminderKind.TERM_END:
        return _("Term ending on %(date)s: %(title)s") % {"date": day, "title": title}
    return _("Workstream sunset on %(date)s: %(title)s") % {"date": day, "title": title}


# The private iCal feed

audit.register_verbs(
    {"governance.calendar_feed_reset": gettext_lazy("calendar subscription link reset")}
)


@transaction.atomic
def calendar_feed_reset(*, actor: Any) -> str:
    """Give `actor`'s iCal feed a new link; earlier links stop working. Returns the new token."""
    _require(actor, "governance.view_calendar")
    user = _user(actor)
    assert user is not None
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.generation += 1
    feed.reset_at = _now()
    feed.save(update_fields=["generation", "reset_at"])
    audit.record(actor=actor, verb="governance.calendar_feed_reset", target=user, payload={})
    return feed_token(user.pk, feed.generation)
