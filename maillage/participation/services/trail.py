"""The influence trail's writes: routing an input to a circle or a workstream, moving its status
through `workflows.TRAIL`, a consultation's report back, and following an input.

Every move writes a `TrailEntry` (the public history) and an audit event, and tells the
contributor and the followers, each once, in their own language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.selectors import language_of
from maillage.core.services import notify
from maillage.core.versions import lock
from maillage.decisions.models import Decision, Process
from maillage.decisions.selectors import voices
from maillage.governance.models import Circle, Workstream
from maillage.participation import workflows
from maillage.participation.models import (
    Consultation,
    Follow,
    Proposal,
    TrailEntry,
    TrailStatus,
)
from maillage.participation.rules.trail import trail_roles
from maillage.participation.selectors.trail import trail_path
from maillage.participation.verbs import ParticipationVerb

type Input = Proposal | Consultation


def input_key(obj: Input) -> dict[str, Input]:
    """The field that names `obj` on a `TrailEntry` or a `Follow`."""
    return {"proposal": obj} if isinstance(obj, Proposal) else {"consultation": obj}


def answering_group(obj: Input) -> Circle | Workstream:
    """The group that answers `obj`: the one it is routed to, else its consultation's."""
    group = obj.routed_to
    if group is None:
        consultation = obj if isinstance(obj, Consultation) else obj.consultation
        group = consultation.group
    return group


def _locked(obj: Input) -> Input:
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _same_group(group: Circle | Workstream, owner: Process | Decision) -> bool:
    if isinstance(group, Circle):
        return owner.circle_id == group.pk
    return owner.workstream_id == group.pk


@transaction.atomic
def input_route(
    *, actor: Actor, input: Input, group: Circle | Workstream, reason: str = ""
) -> Input:
    """Send `input` (a proposal or a consultation's synthesis) to a circle or a workstream, or
    send it elsewhere while it still waits for an answer."""
    require(actor, "participation.answer_input", input)
    locked = _locked(input)
    if locked.status not in workflows.TRAIL.keys_tagged(workflows.AWAITING):
        raise ValidationError(
            {"group": _("An input is sent to a group only while it waits for an answer.")}
        )
    if locked.routed_to == group:
        raise ValidationError({"group": _("This input is already sent to this group.")})
    before = str(locked.routed_to) if locked.routed_to else ""
    locked.routed_circle = group if isinstance(group, Circle) else None
    locked.routed_workstream = group if isinstance(group, Workstream) else None
    locked.save(update_fields=["routed_circle", "routed_workstream", "updated_at"])
    TrailEntry.objects.create(
        **input_key(locked),
        status=locked.status,
        reason=reason.strip(),
        routed_circle=locked.routed_circle,
        routed_workstream=locked.routed_workstream,
        actor=actor if isinstance(actor, User) else None,
    )
    audit.record(
        actor=actor,
        verb=ParticipationVerb.ROUTED,
        target=locked,
        payload={"from": before, "to": str(group), "reason": reason.strip()},
    )
    told = _tell(actor, locked, routed=True)
    _tell_group(actor, locked, group, reason=reason.strip(), told=told)
    return locked


@transaction.atomic
def input_move(
    *,
    actor: Actor,
    input: Input,
    transition: str,
    reason: str,
    process: Process | None = None,
    decision: Decision | None = None,
    carried_by: Workstream | None = None,
) -> Input:
    """Move `input` along the trail. "Taken up" names the decision process or register entry
    of the answering group that took it up (and may name the workstream that carries it); "not
    retained" says why, for the public."""
    locked = _locked(input)
    roles = None if actor is SYSTEM else trail_roles(actor, locked)
    step = workflows.TRAIL.check(transition, state=locked.status, roles=roles)
    reason = reason.strip()
    group = answering_group(locked)
    if step.target == TrailStatus.TAKEN_UP:
        if process is None and decision is None:
            raise ValidationError(
                {"process": _("Name the decision process or the decision that takes it up.")}
            )
        for field, owner in (("process", process), ("decision", decision)):
            if owner is not None and not _same_group(group, owner):
                raise ValidationError(
                    {field: _("Choose a decision of %(group)s.") % {"group": group}}
                )
        if decision is not None and process is None:
            process = decision.process
        locked.process, locked.decision, locked.carried_by = process, decision, carried_by
    elif process or decision or carried_by:
        raise ValidationError(
            {"process": _("A decision is named only when the input is taken up.")}
        )
    if step.target == TrailStatus.NOT_RETAINED and not reason:
        raise ValidationError({"reason": _("Say, for the public, why this input is not retained.")})
    before = locked.status
    locked.status = step.target
    locked.status_reason = reason
    locked.status_changed_at = timezone.now()
    locked.save()
    TrailEntry.objects.create(
        **input_key(locked),
        status=step.target,
        reason=reason,
        routed_circle=locked.routed_circle,
        routed_workstream=locked.routed_workstream,
        process=locked.process if step.target == TrailStatus.TAKEN_UP else None,
        decision=locked.decision if step.target == TrailStatus.TAKEN_UP else None,
        actor=actor if isinstance(actor, User) else None,
    )
    audit.record(
        actor=actor,
        verb=ParticipationVerb.TRAIL_MOVED,
        target=locked,
        payload={"from": before, "to": step.target, "transition": step.key, "reason": reason},
    )
    _tell(actor, locked)
    return locked


def _recipients(actor: Actor, obj: Input) -> list[User]:
    """The contributor and the followers, each once, the actor apart."""
    ids = set(Follow.objects.filter(**input_key(obj)).values_list("account_id", flat=True))
    if isinstance(obj, Proposal) and obj.author_id:
        ids.add(obj.author_id)
    ids.discard(getattr(actor, "pk", None))
    return list(
        User.objects.filter(pk__in=ids, is_active=True)
        .select_related("notification_preference")
        .order_by("pk")
    )


def _tell(actor: Actor, obj: Input, *, routed: bool = False) -> set[int]:
    """Tell the contributor and the followers; returns whom."""
    recipients = _recipients(actor, obj)
    for account in recipients:
        with translation.override(language_of(account)):
            title = obj.title
            if routed:
                subject = _("“%(title)s” was sent to %(group)s") % {
                    "title": title,
                    "group": obj.routed_to,
                }
                body = _("%(group)s will study it and answer on its influence trail.") % {
                    "group": obj.routed_to
                }
            else:
                status = workflows.TRAIL.label(obj.status, public=True)
                subject = _("“%(title)s”: %(status)s") % {"title": title, "status": status}
                body = obj.status_reason
            notify(recipient=account, subject=subject, body=body, url=trail_path(obj))
    return {account.pk for account in recipients}


def _tell_group(
    actor: Actor, obj: Input, group: Circle | Workstream, *, reason: str, told: set[int]
) -> None:
    """The members of the group an input is sent to, and their seats' substitutes: it now waits
    for their answer (the one who sent it, and those already told, apart)."""
    people = {
        person.user_id
        for voice in voices(group)
        for person in [*voice.holders, *voice.substitutes]
        if person.user_id
    }
    people -= {*told, getattr(actor, "pk", None)}
    members = User.objects.filter(pk__in=people, is_active=True).select_related(
        "notification_preference"
    )
    for account in members.order_by("pk"):
        with translation.override(language_of(account)):
            subject = _("“%(title)s” awaits the answer of %(group)s") % {
                "title": obj.title,
                "group": group,
            }
            body = _(
                "A citizen input was sent to %(group)s. Say on its influence trail what becomes "
                "of it: under study, taken up or not retained, and why."
            ) % {"group": group}
            if reason:
                body = f"{body}\n\n{reason}"
            notify(recipient=account, subject=subject, body=body, url=trail_path(obj))


@transaction.atomic
def consultation_report_back(
    *,
    actor: Actor,
    consultation: Consultation,
    heard_fr: str,
    decided_fr: str,
    not_retained_fr: str = "",
    heard_en: str = "",
    decided_en: str = "",
    not_retained_en: str = "",
    version: str | None = None,
) -> Consultation:
    """Write what was heard, what was decided and what was not retained (and why); the
    consultation's followers are told. A `version` other than the consultation's is refused
    (`core.versions.StaleVersion`): someone saved it since the form was opened."""
    require(actor, "participation.report_back", consultation)
    values = {
        "heard_fr": heard_fr.strip(),
        "heard_en": heard_en.strip(),
        "decided_fr": decided_fr.strip(),
        "decided_en": decided_en.strip(),
        "not_retained_fr": not_retained_fr.strip(),
        "not_retained_en": not_retained_en.strip(),
    }
    errors = {}
    if not values["heard_fr"]:
        errors["heard_fr"] = _("Say, in French, what you heard.")
    if not values["decided_fr"]:
        errors["decided_fr"] = _("Say, in French, what was decided.")
    if errors:
        raise ValidationError(errors)
    locked = lock(consultation, version=version)
    before = {key: getattr(locked, key) for key in values}
    if before == values:
        return locked
    for key, value in values.items():
        setattr(locked, key, value)
    locked.save(update_fields=[*values, "updated_at"])
    audit.record(
        actor=actor,
        verb=ParticipationVerb.CONSULTATION_REPORTED,
        target=locked,
        payload={"changed": sorted(audit.changes(before, values))},
    )
    followers = User.objects.filter(
        participation_follows__consultation=locked, is_active=True
    ).select_related("notification_preference")
    if isinstance(actor, User):
        followers = followers.exclude(pk=actor.pk)
    for account in followers.order_by("pk"):
        with translation.override(language_of(account)):
            notify(
                recipient=account,
                subject=_("“%(title)s”: the report back is written") % {"title": locked.title},
                url=reverse("participation:consultation_report", kwargs={"slug": locked.slug}),
            )
    return locked


@transaction.atomic
def follow(*, actor: Actor, input: Input) -> Follow:
    """`actor` is told of every move of `input` on its trail (once, however often asked)."""
    require(actor, "participation.follow_input", input)
    assert isinstance(actor, User)
    found, created = Follow.objects.get_or_create(
        account=actor,
        proposal=input if isinstance(input, Proposal) else None,
        consultation=input if isinstance(input, Consultation) else None,
    )
    if created:
        audit.record(actor=actor, verb=ParticipationVerb.FOLLOWED, target=input)
    return found


@transaction.atomic
def unfollow(*, actor: Actor, input: Input) -> None:
    require(actor, "participation.follow_input", input)
    assert isinstance(actor, User)
    deleted, _rows = Follow.objects.filter(account=actor, **input_key(input)).delete()
    if deleted:
        audit.record(actor=actor, verb=ParticipationVerb.UNFOLLOWED, target=input)
