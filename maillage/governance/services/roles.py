"""Roles of circles and workstreams, who holds them (assignments), and accountabilities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.services import notify
from maillage.core.versions import lock, touch
from maillage.governance import verbs
from maillage.governance.models import (
    BUILTIN_NAMES,
    POLICY_KINDS,
    WORKSTREAM_LEAD_NAME,
    Accountability,
    Circle,
    EndReason,
    Membership,
    Role,
    RoleAssignment,
    RoleKind,
    Workstream,
)
from maillage.governance.paths import group_url
from maillage.governance.services._common import (
    _archive,
    _clean_list,
    _group_kwargs,
    _group_of,
    _group_prefix,
    _iso,
    _now,
    _refuse_archived,
    _require,
    _seat_is_open,
    _today,
    _user,
    add_months,
)
from maillage.governance.services.links import _sync_links
from maillage.governance.services.memberships import _membership_end
from maillage.governance.verbs import GovernanceVerb
from maillage.network.models import Person, Seat


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


def _builtin_name(kind: str, workstream: bool = False) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if kind == RoleKind.LEAD and workstream:
            return str(WORKSTREAM_LEAD_NAME)
        return str(BUILTIN_NAMES.get(RoleKind(kind), _("Role")))


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
    actor: Actor,
    data: RoleData,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
) -> Role:
    """Create a role in a circle or in a workstream (exactly one of them)."""
    _require(actor, "governance.manage_roles")
    group = _group_of(
        circle, workstream, _("A role belongs either to a circle or to a workstream.")
    )
    _refuse_archived(group, _("This circle or workstream is archived."))
    role = Role(circle=circle, workstream=workstream)
    _role_fill(role, data)
    audit.audited_save(
        actor=actor,
        instance=role,
        verb=GovernanceVerb.ROLE_CREATED,
        payload=lambda r: _role_snapshot(r) | {_group_prefix(group): group.slug},
    )
    _set_accountabilities(actor=actor, owner=role, texts=data.accountabilities)
    return role


@transaction.atomic
def role_amend(*, actor: Actor, role: Role, data: RoleData, version: str | None = None) -> Role:
    """Apply `data` to `role`, unless it changed since `version` (`StaleVersion`)."""
    _require(actor, "governance.manage_roles")
    lock(role, version=version)
    _refuse_archived(role, _("This role is archived."))
    changes = audit.audited_update(
        actor=actor,
        instance=role,
        verb=GovernanceVerb.ROLE_AMENDED,
        snapshot=_role_snapshot,
        fill=lambda r: _role_fill(r, data),
        exclude=(),
    )
    _set_accountabilities(actor=actor, owner=role, texts=data.accountabilities)
    if "kind" in changes:
        _sync_links(actor=actor, assignments=role.assignments.filter(ended_at__isnull=True))
    return role


@transaction.atomic
def role_archive(*, actor: Actor, role: Role) -> Role:
    """Archive a role; whoever holds it stops holding it."""
    _require(actor, "governance.manage_roles")
    lock(role)
    _refuse_archived(role, _("This role is already archived."))
    return _role_archive(actor=actor, role=role)


def _role_archive(*, actor: Actor, role: Role) -> Role:
    for assignment in role.assignments.filter(ended_at__isnull=True).select_related("person"):
        _assignment_end(actor=actor, assignment=assignment, reason="archived")
    return _archive(actor, role, GovernanceVerb.ROLE_ARCHIVED, {"name": role.name})


def _close_group(*, actor: Actor, group: Circle | Workstream) -> None:
    """End every role and membership of a circle or workstream being archived."""
    for role in Role.objects.filter(**_group_kwargs(group), archived_at__isnull=True):
        _role_archive(actor=actor, role=role)
    for membership in Membership.objects.filter(
        **_group_kwargs(group), ended_at__isnull=True
    ).select_related("person"):
        _membership_end(actor=actor, membership=membership, reason=EndReason.CLOSED)


@transaction.atomic
def role_assign(
    *,
    actor: Actor,
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
    lock(role)  # one assignment at a time: a single holder is replaced, not doubled
    _refuse_archived(role, _("This role is archived."))
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
    audit.audited_save(
        actor=actor,
        instance=assignment,
        verb=GovernanceVerb.ROLE_ASSIGNED,
        target=role,
        payload=lambda a: _assignment_payload(
            a,
            organization=str(seat.organization) if seat else None,
            substitutes=[str(p) for p in chosen],
            start_date=start.isoformat(),
            term_end=_iso(term_end),
            replaces=[str(old.person) for old in previous],
        ),
        relations={"substitutes": chosen},
    )
    _sync_links(actor=actor, assignments=[*previous, assignment])
    _tell_holder(assignment)
    return assignment


def _tell_holder(assignment: RoleAssignment) -> None:
    """The new holder of a role learns it, and that it makes them a member of the group."""
    account = assignment.person.user
    if account is None or not account.is_active:
        return
    role = assignment.role
    names = {"role": role.name, "group": role.group.name}
    with translation.override(settings.LANGUAGE_CODE):
        term = (
            _("Your term ends on %(date)s.") % {"date": long_date(assignment.term_end)}
            if assignment.term_end
            else ""
        )
        notify(
            recipient=account,
            subject=_("You now hold the role “%(role)s” in %(group)s") % names,
            body=" ".join(
                text
                for text in (
                    _(
                        "It makes you a member of %(group)s, where you will find its members, "
                        "its roles and its policies."
                    )
                    % names,
                    term,
                )
                if text
            ),
            url=group_url(role.group),
        )


@transaction.atomic
def role_assignment_update(
    *,
    actor: Actor,
    assignment: RoleAssignment,
    substitutes: Sequence[Person],
    term_end: date | None,
    version: str | None = None,
) -> RoleAssignment:
    """Change the substitutes or the term end of a current assignment (a renewed term), unless
    it changed since `version` (`StaleVersion`)."""
    _require(actor, "governance.manage_roles")
    lock(assignment, version=version)
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
    assignment.save(update_fields=["term_end", "updated_at"])
    assignment.substitutes.set(substitutes)
    after_subs = sorted(str(p) for p in substitutes)
    changes = audit.changes(
        {"term_end": _iso(before_term), "substitutes": before_subs},
        {"term_end": _iso(term_end), "substitutes": after_subs},
    )
    if changes:
        audit.record(
            actor=actor,
            verb=GovernanceVerb.ROLE_ASSIGNMENT_UPDATED,
            target=assignment.role,
            payload=_assignment_payload(assignment, **changes),
        )
    return assignment


@transaction.atomic
def role_assignment_end(
    *, actor: Actor, assignment: RoleAssignment, note: str = ""
) -> RoleAssignment:
    """`assignment`'s holder stops holding the role; a double link they made ends too."""
    _require(actor, "governance.manage_roles")
    lock(assignment)
    if assignment.ended_at is not None:
        raise ValidationError(_("This assignment has already ended."))
    return _assignment_end(actor=actor, assignment=assignment, reason=note or "ended")


@transaction.atomic
def role_assignments_end_for_seat(*, actor: Actor, seat: Seat) -> int:
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


def _assignment_payload(assignment: RoleAssignment, **details: Any) -> dict[str, Any]:
    """Assignments' events live in their role's history, naming the assignment and holder."""
    return {"assignment": assignment.pk, "person": str(assignment.person)} | details


def _assignment_end(
    *, actor: Actor, assignment: RoleAssignment, reason: str, sync: bool = True
) -> RoleAssignment:
    audit.audited_set(
        actor=actor,
        instance=assignment,
        verb=GovernanceVerb.ROLE_ASSIGNMENT_ENDED,
        values={"ended_at": _now(), "ended_by": _user(actor)},
        target=assignment.role,
        payload=_assignment_payload(assignment, note=reason),
    )
    if sync:
        _sync_links(actor=actor, assignments=[assignment])
    return assignment


# Accountabilities (of circles and of roles)


def _owner_prefix(owner: Circle | Role) -> str:
    return "circle" if isinstance(owner, Circle) else "role"


def _accountability_event(actor: Actor, owner: Circle | Role, text: str, *, added: bool) -> None:
    told = verbs.ACCOUNTABILITY_ADDED if added else verbs.ACCOUNTABILITY_REMOVED
    audit.record(actor=actor, verb=told[_owner_prefix(owner)], target=owner, payload={"text": text})


def _set_accountabilities(*, actor: Actor, owner: Circle | Role, texts: Sequence[str]) -> None:
    """Make `owner`'s accountabilities exactly `texts`, in order, recording each addition and
    removal ("accountability added by …")."""
    owner_kwargs: dict[str, Any] = {_owner_prefix(owner): owner}
    wanted = _clean_list(texts)
    by_text: dict[str, Accountability] = {}
    for item in Accountability.objects.filter(**owner_kwargs).order_by("position", "pk"):
        if item.text in wanted and item.text not in by_text:
            by_text[item.text] = item
            continue
        item.delete()
        _accountability_event(actor, owner, item.text, added=False)
    for position, text in enumerate(wanted, start=1):
        kept = by_text.get(text)
        if kept is None:
            Accountability.objects.create(text=text, position=position, **owner_kwargs)
            _accountability_event(actor, owner, text, added=True)
        elif kept.position != position:
            kept.position = position
            kept.save(update_fields=["position"])


@transaction.atomic
def accountability_add(*, actor: Actor, owner: Circle | Role, text: str) -> Accountability:
    """Add one accountability at the end of a circle's or a role's list."""
    _require_owner(actor, owner)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the accountability.")})
    lock(owner)  # positions are counted: one addition at a time
    owner_kwargs: dict[str, Any] = {_owner_prefix(owner): owner}
    last = Accountability.objects.filter(**owner_kwargs).order_by("-position").first()
    added = Accountability.objects.create(
        text=text, position=(last.position + 1) if last else 1, **owner_kwargs
    )
    _accountability_event(actor, owner, text, added=True)
    touch(owner)  # its edit form lists its accountabilities
    return added


@transaction.atomic
def accountability_remove(*, actor: Actor, accountability: Accountability) -> None:
    owner: Circle | Role | None = accountability.circle or accountability.role
    assert owner is not None
    _require_owner(actor, owner)
    lock(owner)
    accountability.delete()
    _accountability_event(actor, owner, accountability.text, added=False)
    touch(owner)  # its edit form lists its accountabilities


def _require_owner(actor: Actor, owner: Circle | Role) -> None:
    if isinstance(owner, Circle):
        _require(actor, "governance.manage_circles")
    else:
        _require(actor, "governance.manage_roles")
