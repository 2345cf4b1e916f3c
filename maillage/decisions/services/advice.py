"""The advice process: a decision-maker asks people and circles for advice by a date, each asked
person gives it (or the decision-maker records advice given offline), then the decision-maker
records the decision and how the advice was weighed (`workflows.ADVICE`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.services import notify
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Advice,
    AdviceRequest,
    Channel,
    Decision,
    Process,
    ProcessKind,
    Visibility,
)
from maillage.decisions.paths import process_path
from maillage.decisions.services._common import _fire, _roles, _user
from maillage.decisions.services.processes import ProcessData, process_start
from maillage.decisions.services.register import _decision_take
from maillage.decisions.verbs import AdviceVerb
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Person


@dataclass
class AdviceData:
    title: str
    proposal: str
    circle: Circle | None = None
    workstream: Workstream | None = None
    rationale: str = ""
    # By when advice is wanted.
    deadline: datetime | None = None
    people: Sequence[Person] = field(default_factory=list)
    circles: Sequence[Circle] = field(default_factory=list)
    visibility: str = Visibility.INTERNAL


def _advice_process(process: Process) -> None:
    if process.kind != ProcessKind.ADVICE:
        raise ValidationError({"transition": _("This process is not an advice process.")})


@transaction.atomic
def advice_start(*, actor: Actor, data: AdviceData) -> Process:
    """A proposal in draft on which its proposer, the decision-maker, will ask the advice of
    `data.people` and the members of `data.circles` by `data.deadline`."""
    if not data.people and not data.circles:
        raise ValidationError({"people": _("Ask at least one person or one circle for advice.")})
    if data.deadline is not None and data.deadline <= timezone.now():
        raise ValidationError({"deadline": _("The date must be in the future.")})
    if any(c.is_archived for c in data.circles):
        raise ValidationError({"circles": _("This circle or workstream is archived.")})
    process = process_start(
        actor=actor,
        data=ProcessData(
            title=data.title,
            proposal=data.proposal,
            rationale=data.rationale,
            circle=data.circle,
            workstream=data.workstream,
            visibility=data.visibility,
            kind=ProcessKind.ADVICE,
        ),
    )
    # The decision-maker is the proposer; the deadline is when advice is wanted.
    process.deadline = data.deadline
    process.save(update_fields=["deadline", "updated_at"])
    AdviceRequest.objects.bulk_create(
        [AdviceRequest(process=process, person=p) for p in dict.fromkeys(data.people)]
        + [AdviceRequest(process=process, circle=c) for c in dict.fromkeys(data.circles)]
    )
    return process


def _tell_asked(process: Process) -> None:
    """Every person asked, with an active account, learns that their advice is awaited."""
    people = selectors.asked_people(process)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your advice is awaited: “%(title)s”") % {"title": process.title}
        body = (
            _("Advice is wanted by %(deadline)s.")
            % {"deadline": long_date(process.deadline, "DATETIME_FORMAT")}
            if process.deadline
            else _("Give your advice on the platform.")
        )
        for account in User.objects.filter(
            pk__in=[p.user_id for p in people if p.user_id], is_active=True
        ).order_by("pk"):
            notify(recipient=account, subject=subject, body=body, url=process_path(process))


@transaction.atomic
def advice_transition(*, actor: Actor, process: Process, transition: str) -> Process:
    """Ask for advice (those asked are told) or withdraw. Recording the decision has its own
    service."""
    lock(process)
    _advice_process(process)
    if transition == "decide":
        raise ValidationError({"transition": _("This step has its own form: record the decision.")})
    process = _fire(actor, process, transition)
    if process.state == "seeking":
        _tell_asked(process)
    return process


@transaction.atomic
def advice_give(
    *, actor: Actor, process: Process, text: str, person: Person | None = None
) -> Advice:
    """Advice from a person asked: their own (giving it again replaces it) or, for `person`,
    given offline and recorded by the decision-maker."""
    lock(process)
    _advice_process(process)
    recorded = person is not None
    require(actor, "decisions.record_advice" if recorded else "decisions.give_advice", process)
    if recorded and _user(actor) is None:
        raise ValidationError(
            {"person": _("What was said offline is recorded by someone with an account.")}
        )
    if not recorded:
        person = selectors.person_of(actor)
    if person is None or person.pk not in {p.pk for p in selectors.asked_people(process)}:
        raise ValidationError({"person": _("This person was not asked for advice.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your advice.")})
    advice = Advice.objects.filter(process=process, person=person).first() or Advice(
        process=process, person=person
    )
    advice.text = text
    advice.channel = Channel.OFFLINE if recorded else Channel.WEB
    advice.recorded_by = _user(actor)
    audit.audited_save(
        actor=actor,
        instance=advice,
        verb=AdviceVerb.ADVICE_RECORDED if recorded else AdviceVerb.ADVICE_GIVEN,
        target=process,
        payload={"person": str(person), "channel": advice.channel, "text": text},
    )
    return advice


def _participation(process: Process) -> list[dict[str, Any]]:
    """Each person asked and the advice they gave, as the register keeps it."""
    given = {a.person_id: a for a in Advice.objects.filter(process=process)}
    return [
        {
            "voice": str(person),
            "organization": None,
            "person": str(person) if person.pk in given else None,
            "advice": given[person.pk].text if person.pk in given else "",
            "offline": bool(person.pk in given and given[person.pk].offline),
        }
        for person in selectors.asked_people(process)
    ]


@transaction.atomic
def advice_decide(*, actor: Actor, process: Process, decision: str, weighing: str) -> Decision:
    """The decision-maker records the decision and how the advice was weighed; the register
    keeps it with the advice given."""
    lock(process)
    _advice_process(process)
    workflows.ADVICE.check("decide", state=process.state, roles=_roles(actor, process))
    decision, weighing = decision.strip(), weighing.strip()
    if not decision:
        raise ValidationError({"decision": _("Write the decision.")})
    if not weighing:
        raise ValidationError({"weighing": _("Say how the advice was weighed.")})
    process.proposal = decision
    process.rationale = weighing
    process.save(update_fields=["proposal", "rationale", "updated_at"])
    process = _fire(actor, process, "decide")
    return _decision_take(actor, process, _participation(process))
