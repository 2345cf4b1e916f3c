"""Consultations: create one with its four phases, amend it, set its phases, publish it and take
it back. Each write checks its permission and records its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.rules import is_staff
from maillage.core.slugs import unique_slug
from maillage.core.versions import lock
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.participation.models import PHASE_ORDER, Consultation, Phase
from maillage.participation.rules.common import takes_part_in
from maillage.participation.verbs import ParticipationVerb
from maillage.territories.models import Territory


@dataclass
class ConsultationData:
    """What a person types about a consultation: its texts, its group, what it concerns and
    its period. Exactly one of `circle` and `workstream`."""

    title_fr: str
    question_fr: str
    starts_on: dt.date
    ends_on: dt.date
    title_en: str = ""
    question_en: str = ""
    circle: Circle | None = None
    workstream: Workstream | None = None
    territories: Sequence[Territory] = field(default_factory=list)
    strategies: Sequence[Strategy] = field(default_factory=list)


@dataclass
class PhaseData:
    """One phase as typed: its kind (`PhaseKind`), dates and texts."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date
    text_fr: str = ""
    text_en: str = ""


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def may_choose(actor: Actor, group: Circle | Workstream) -> bool:
    """`actor` may give a consultation to `group`: staff any group, others their own."""
    return is_staff(actor) or takes_part_in(actor, group)


def _check_group(actor: Actor, data: ConsultationData) -> None:
    group = data.circle or data.workstream
    if group is None or (data.circle and data.workstream):
        raise ValidationError({"group": _("Choose the circle or the workstream that asks.")})
    if not may_choose(actor, group):
        raise ValidationError(
            {"group": _("You may only choose a circle or a workstream you take part in.")}
        )


def _check_period(data: ConsultationData) -> None:
    if data.ends_on < data.starts_on:
        raise ValidationError({"ends_on": _("The end comes on or after the start.")})
    if (data.ends_on - data.starts_on).days + 1 < len(PHASE_ORDER):
        raise ValidationError(
            {"ends_on": _("A consultation lasts at least four days: one for each phase.")}
        )


def default_phases(starts_on: dt.date, ends_on: dt.date) -> list[PhaseData]:
    """The period cut in four phases of nearly equal length, in order."""
    days = (ends_on - starts_on).days + 1
    phases = []
    for index, kind in enumerate(PHASE_ORDER):
        first = starts_on + dt.timedelta(days=days * index // len(PHASE_ORDER))
        last = starts_on + dt.timedelta(days=days * (index + 1) // len(PHASE_ORDER) - 1)
        phases.append(PhaseData(kind=kind, starts_on=first, ends_on=last))
    return phases


def phase_errors(
    starts_on: dt.date, ends_on: dt.date, phases: Sequence[PhaseData]
) -> dict[int, dict[str, str]]:
    """What is wrong with `phases` (in the order of `PHASE_ORDER`) in the period
    `starts_on`–`ends_on`: for each phase's index, its fields' messages. Empty when right."""
    errors: dict[int, dict[str, str]] = {}
    previous: PhaseData | None = None
    for index, phase in enumerate(phases):
        here: dict[str, str] = {}
        if phase.ends_on < phase.starts_on:
            here["ends_on"] = _("A phase ends on or after the day it starts.")
        if phase.starts_on < starts_on:
            here["starts_on"] = _("The phase starts before the consultation (%(day)s).") % {
                "day": long_date(starts_on)
            }
        if phase.ends_on > ends_on:
            here["ends_on"] = _("The phase ends after the consultation (%(day)s).") % {
                "day": long_date(ends_on)
            }
        if previous is not None and phase.starts_on <= previous.ends_on:
            here.setdefault("starts_on", _("The phase starts after the end of the one before it."))
        if here:
            errors[index] = here
        previous = phase
    return errors


def _check_phases(
    consultation: Consultation | ConsultationData, phases: Sequence[PhaseData]
) -> None:
    if [phase.kind for phase in phases] != list(PHASE_ORDER):
        raise ValidationError(_("A consultation has its four phases, in their order."))
    errors = phase_errors(consultation.starts_on, consultation.ends_on, phases)
    if errors:
        raise ValidationError(
            {
                f"phase-{index}-{name}": message
                for index, fields in errors.items()
                for name, message in fields.items()
            }
        )


def _write_phases(consultation: Consultation, phases: Sequence[PhaseData]) -> None:
    Phase.objects.filter(consultation=consultation).delete()
    Phase.objects.bulk_create(
        Phase(
            consultation=consultation,
            kind=phase.kind,
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            text_fr=phase.text_fr,
            text_en=phase.text_en,
        )
        for phase in phases
    )


@transaction.atomic
def consultation_create(*, actor: Actor, data: ConsultationData) -> Consultation:
    """A new consultation, unpublished, with its four phases cutting its period in equal parts
    (their texts and dates are set afterwards)."""
    require(actor, "participation.create_consultation")
    _check_group(actor, data)
    _check_period(data)
    consultation = Consultation(
        slug=unique_slug(Consultation, data.title_fr),
        title_fr=data.title_fr,
        title_en=data.title_en,
        question_fr=data.question_fr,
        question_en=data.question_en,
        circle=data.circle,
        workstream=data.workstream,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        created_by=_user(actor),
    )
    audit.audited_save(
        actor=actor,
        instance=consultation,
        verb=ParticipationVerb.CONSULTATION_CREATED,
        payload=lambda c: {"title": c.title_fr, "group": str(c.group)},
        relations={"territories": data.territories, "strategies": data.strategies},
    )
    _write_phases(consultation, default_phases(data.starts_on, data.ends_on))
    return consultation


def _snapshot(consultation: Consultation) -> dict[str, Any]:
    names = ("title_fr", "title_en", "question_fr", "question_en")
    return {name: getattr(consultation, name) for name in names} | {
        "circle": consultation.circle_id,
        "workstream": consultation.workstream_id,
        "starts_on": consultation.starts_on.isoformat(),
        "ends_on": consultation.ends_on.isoformat(),
        "territories": sorted(t.pk for t in consultation.territories.all())
        if consultation.pk
        else [],
        "strategies": sorted(s.pk for s in consultation.strategies.all())
        if consultation.pk
        else [],
    }


@transaction.atomic
def consultation_update(
    *,
    actor: Actor,
    consultation: Consultation,
    data: ConsultationData,
    version: str | None = None,
) -> Consultation:
    """Amend a consultation's texts, group, territories, strategies and period. The period keeps
    its phases inside it (change the phases first to shorten it)."""
    consultation = lock(consultation, version=version)
    require(actor, "participation.manage_consultation", consultation)
    if data.circle != consultation.circle or data.workstream != consultation.workstream:
        _check_group(actor, data)
    _check_period(data)
    phases = list(consultation.phases.order_by("starts_on"))
    if phases and (phases[0].starts_on < data.starts_on or phases[-1].ends_on > data.ends_on):
        raise ValidationError(
            {
                "starts_on" if phases[0].starts_on < data.starts_on else "ends_on": _(
                    "The phases must stay within the period: change their dates first."
                )
            }
        )

    def fill(c: Consultation) -> None:
        for name in ("title_fr", "title_en", "question_fr", "question_en", "starts_on"):
            setattr(c, name, getattr(data, name))
        c.ends_on = data.ends_on
        c.circle = data.circle
        c.workstream = data.workstream

    audit.audited_update(
        actor=actor,
        instance=consultation,
        verb=ParticipationVerb.CONSULTATION_UPDATED,
        snapshot=_snapshot,
        fill=fill,
        relations={"territories": data.territories, "strategies": data.strategies},
    )
    return consultation


@transaction.atomic
def consultation_phases_set(
    *,
    actor: Actor,
    consultation: Consultation,
    phases: Sequence[PhaseData],
    version: str | None = None,
) -> Consultation:
    """Set the four phases' dates and texts: inside the period, in order, not overlapping."""
    consultation = lock(consultation, version=version)
    require(actor, "participation.manage_consultation", consultation)
    _check_phases(consultation, phases)
    before = {
        str(p.kind): [p.starts_on.isoformat(), p.ends_on.isoformat(), p.text_fr, p.text_en]
        for p in consultation.phases.all()
    }
    _write_phases(consultation, phases)
    after = {
        p.kind: [p.starts_on.isoformat(), p.ends_on.isoformat(), p.text_fr, p.text_en]
        for p in phases
    }
    found = audit.changes(before, after)
    consultation.save(update_fields=["updated_at"])  # the phases are part of its version
    if found:
        audit.record(
            actor=actor,
            verb=ParticipationVerb.CONSULTATION_PHASES_SET,
            target=consultation,
            payload=found,
        )
    return consultation


@transaction.atomic
def consultation_publish(*, actor: Actor, consultation: Consultation) -> Consultation:
    """Make a consultation public."""
    consultation = lock(consultation)
    require(actor, "participation.manage_consultation", consultation)
    if consultation.is_published:
        raise ValidationError(_("This consultation is already published."))
    if consultation.phases.count() != len(PHASE_ORDER):
        raise ValidationError(_("Give the consultation its four phases before publishing it."))
    return audit.audited_set(
        actor=actor,
        instance=consultation,
        verb=ParticipationVerb.CONSULTATION_PUBLISHED,
        values={"published_at": timezone.now()},
    )


@transaction.atomic
def consultation_unpublish(*, actor: Actor, consultation: Consultation) -> Consultation:
    """Take a consultation back from the public: it becomes a draft again."""
    consultation = lock(consultation)
    require(actor, "participation.manage_consultation", consultation)
    if not consultation.is_published:
        raise ValidationError(_("This consultation is not published."))
    return audit.audited_set(
        actor=actor,
        instance=consultation,
        verb=ParticipationVerb.CONSULTATION_UNPUBLISHED,
        values={"published_at": None},
    )
