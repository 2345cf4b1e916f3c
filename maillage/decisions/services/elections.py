"""The election without candidates: starting one for a role of the group, the steps of its
workflow (`workflows.ELECTION`), nominations and their changes, the proposal, and the consent
round on it, which elects (the role assigned through governance's service, with its term end)
or sends the election back to a new proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Channel,
    Election,
    Nomination,
    NominationPhase,
    Process,
    ProcessKind,
    ProcessMode,
    RoundKind,
    RoundOutcome,
    Visibility,
)
from maillage.decisions.paths import process_path
from maillage.decisions.services._common import (
    _close_round,
    _current_round,
    _fire,
    _open_round,
    _roles,
    _tell_participants,
    _user,
)
from maillage.decisions.services.processes import ProcessData, process_start
from maillage.decisions.services.register import _decision_take
from maillage.decisions.verbs import ElectionVerb
from maillage.governance.models import Circle, Role, Workstream
from maillage.governance.services import role_assign
from maillage.network.models import Person

# The steps `election_transition` fires; proposing and closing the consent round have their own.
SIMPLE_STEPS = frozenset({"open_nominations", "read_nominations", "open_changes", "close_changes"})
_OWN_FORM = {"propose", "elect", "object"}


def _election(process: Process) -> Election:
    if process.kind != ProcessKind.ELECTION:
        raise ValidationError({"transition": _("This process is not an election.")})
    return Election.objects.select_related("role", "candidate").get(process=process)


@dataclass
class ElectionData:
    role: Role
    term_end: date | None = None
    facilitator: User | None = None
    visibility: str = Visibility.INTERNAL
    mode: str = ProcessMode.LIVE
    qualifications: str = ""


def _group_of_role(role: Role) -> Circle | Workstream:
    return role.group


@transaction.atomic
def election_start(*, actor: Actor, data: ElectionData) -> Process:
    """An election in draft ("role and term chosen") for `data.role` of its circle or
    workstream, until `data.term_end` or, when empty, the role's own term."""
    role = data.role
    if role.is_archived:
        raise ValidationError({"role": _("This role is archived.")})
    if data.term_end is None and not role.elected:
        raise ValidationError(
            {"term_end": _("This role has no term of its own: give the end of the term.")}
        )
    if data.term_end is not None and data.term_end <= timezone.localdate():
        raise ValidationError({"term_end": _("The term must end in the future.")})
    group = _group_of_role(role)
    term = (
        _("until %(date)s") % {"date": long_date(data.term_end)}
        if data.term_end
        else _("for %(months)s months") % {"months": role.term_months or 12}
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Election: %(role)s") % {"role": role.name}
        text = _("Elect the holder of the role “%(role)s”, %(term)s.") % {
            "role": role.name,
            "term": term,
        }
    process = process_start(
        actor=actor,
        data=ProcessData(
            title=title,
            proposal=text,
            rationale=data.qualifications,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            mode=data.mode,
            visibility=data.visibility,
            facilitator=data.facilitator,
            kind=ProcessKind.ELECTION,
        ),
    )
    Election.objects.create(process=process, role=role, term_end=data.term_end)
    return process


@transaction.atomic
def election_transition(*, actor: Actor, process: Process, transition: str) -> Process:
    """Fire a step of the election that needs nothing but itself: open the nominations, read
    them out, open and close the change round, withdraw."""
    lock(process)
    _election(process)
    if transition in _OWN_FORM:
        raise ValidationError(
            {"transition": _("This step has its own form: propose someone or close the round.")}
        )
    step = workflows.ELECTION.check(transition, state=process.state, roles=_roles(actor, process))
    if step.target in workflows.ELECTION.keys_tagged(workflows.CLOSED):
        _close_round(process, RoundOutcome.INTERRUPTED)
    process = _fire(actor, process, step.key)
    if step.key == "open_nominations":
        with translation.override(settings.LANGUAGE_CODE):
            _tell_participants(
                process,
                _("Your nomination is awaited: “%(title)s”") % {"title": process.title},
                _("Name the person you see in this role, and say why."),
                process_path(process),
            )
    return process


def _member(process: Process, person: Person | None, field: str) -> Person:
    """`person` if they hold a voice of the group (a member, or a substitute of a seat)."""
    voice_list = selectors.voices(process.group)
    speaker = selectors.speaker_in(voice_list, person) if person else None
    if speaker is None:
        raise ValidationError(
            {field: _("This person is not a member of the circle or workstream.")}
        )
    return speaker.person


def _nominee(process: Process, nominee: Person | None) -> Person:
    """A nominee is a member of the group (holding a membership, not only substituting)."""
    voice_list = selectors.voices(process.group)
    if nominee is None or not any(v.holds(nominee.pk) for v in voice_list):
        raise ValidationError({"nominee": _("Name a member of the circle or workstream.")})
    return nominee


@transaction.atomic
def nomination_give(
    *,
    actor: Actor,
    process: Process,
    nominee: Person | None,
    reason: str,
    person: Person | None = None,
) -> Nomination:
    """Name someone for the role, with a reason: during the nominations (naming again replaces
    one's nomination), or during the change round (a change of mind, the first one kept). The
    facilitator records, for `person`, a nomination given offline. Nobody names themselves:
    there are no candidates."""
    lock(process)
    _election(process)
    recorded = person is not None
    if recorded:
        require(actor, "decisions.record_answer", process)
        if _user(actor) is None:
            raise ValidationError(
                {"person": _("What was said offline is recorded by someone with an account.")}
            )
    else:
        require(actor, "decisions.take_part", process)
        person = selectors.person_of(actor)
    phases = {"nominating": NominationPhase.NOMINATION, "change_round": NominationPhase.CHANGE}
    phase = phases.get(process.state)
    if phase is None:
        raise ValidationError(
            {
                "nominee": _(
                    "Nominations are given during the nominations and the change round only."
                )
            }
        )
    nominator = _member(process, person, "person")
    nominee = _nominee(process, nominee)
    if nominee.pk == nominator.pk:
        raise ValidationError(
            {"nominee": _("Nobody nominates themselves: name someone else, with a reason.")}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you name this person.")})
    if (
        phase == NominationPhase.CHANGE
        and not Nomination.objects.filter(
            process=process, phase=NominationPhase.NOMINATION, nominator=nominator
        ).exists()
    ):
        raise ValidationError(
            {"nominee": _("Only those who named someone in the nominations may change it.")}
        )
    nomination = Nomination.objects.filter(
        process=process, phase=phase, nominator=nominator
    ).first() or Nomination(process=process, phase=phase, nominator=nominator)
    nomination.nominee = nominee
    nomination.reason = reason
    nomination.channel = Channel.OFFLINE if recorded else Channel.WEB
    nomination.recorded_by = _user(actor)
    audit.audited_save(
        actor=actor,
        instance=nomination,
        verb=ElectionVerb.NOMINATION_RECORDED if recorded else ElectionVerb.NOMINATION_GIVEN,
        target=process,
        payload={
            "nominator": str(nominator),
            "nominee": str(nominee),
            "phase": phase,
            "reason": reason,
            "channel": nomination.channel,
        },
    )
    return nomination


@transaction.atomic
def election_propose(
    *, actor: Actor, process: Process, person: Person | None, reason: str
) -> Process:
    """The facilitator proposes a person (the most named, or the best argued) and the consent
    round on that proposal opens."""
    lock(process)
    election = _election(process)
    workflows.ELECTION.check("propose", state=process.state, roles=_roles(actor, process))
    candidate = _nominee(process, person) if person else None
    if candidate is None:
        raise ValidationError({"person": _("Choose the person you propose.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you propose this person.")})
    election.candidate = candidate
    election.candidate_reason = reason
    election.save(update_fields=["candidate", "candidate_reason"])
    with translation.override(settings.LANGUAGE_CODE):
        term = (
            _("until %(date)s") % {"date": long_date(election.term_end)}
            if election.term_end
            else _("for %(months)s months") % {"months": election.role.term_months or 12}
        )
        text = _("%(person)s takes the role “%(role)s”, %(term)s.") % {
            "person": candidate,
            "role": election.role.name,
            "term": term,
        }
    process.version += 1
    process.proposal = text
    process.rationale = reason
    process.save(update_fields=["version", "proposal", "rationale", "updated_at"])
    _open_round(process, RoundKind.CONSENT)
    process = _fire(actor, process, "propose", {"candidate": str(candidate), "reason": reason})
    with translation.override(settings.LANGUAGE_CODE):
        _tell_participants(
            process,
            _("Your answer is awaited: “%(title)s”") % {"title": process.title},
            text,
            process_path(process),
        )
    return process


def _nominations_text(process: Process, election: Election) -> str:
    nominations = Nomination.objects.filter(process=process).select_related("nominator", "nominee")
    with translation.override(settings.LANGUAGE_CODE):
        changed = _("(change round)")
        lines = [election.candidate_reason, "", _("Nominations:")]
        lines += [
            f"- {n.nominator} → {n.nominee}: {n.reason}"
            + (f" {changed}" if n.phase == NominationPhase.CHANGE else "")
            for n in nominations
        ]
    return "\n".join(lines)


@transaction.atomic
def election_consent_close(*, actor: Actor, process: Process) -> Process:
    """Close the consent round on the proposal: no objection (and at least one consent) elects
    the person proposed: the role is assigned to them through governance's service, with the
    election's term end (or the role's term), and the decision is written in the register. An
    objection, or no answer at all, sends the election back to a new proposal."""
    lock(process)
    election = _election(process)
    roles = _roles(actor, process)
    workflows.ELECTION.check("object", state=process.state, roles=roles)
    current = _current_round(
        process, {RoundKind.CONSENT}, _("There is no consent round open to close."), "transition"
    )
    result = selectors.tally(selectors.voices(process.group), current.answers.all())
    if result.objections:
        outcome, key = RoundOutcome.OBJECTIONS, "object"
    elif result.consents:
        outcome, key = RoundOutcome.CONSENTED, "elect"
    else:
        outcome, key = RoundOutcome.NO_ANSWER, "object"
    _close_round(process, outcome)
    payload = {
        "consents": result.consents,
        "objections": result.objections,
        "waiting": result.waiting,
    }
    if key == "object":
        return _fire(actor, process, key, payload)
    candidate = election.candidate
    assert candidate is not None  # set when proposed
    # The consent is the authority: the platform assigns the role, as for a decision's changes.
    assignment = role_assign(
        actor=SYSTEM, role=election.role, person=candidate, term_end=election.term_end
    )
    election.assignment = assignment
    election.save(update_fields=["assignment"])
    # The register keeps, beside the answers, who named whom and why.
    process.rationale = _nominations_text(process, election)
    process.save(update_fields=["rationale", "updated_at"])
    process = _fire(
        actor,
        process,
        key,
        payload
        | {
            "elected": str(candidate),
            "term_end": assignment.term_end.isoformat() if assignment.term_end else None,
        },
    )
    _decision_take(actor, process, result)
    return process
