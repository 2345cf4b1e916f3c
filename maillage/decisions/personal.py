"""Personal information in decision processes and the register (Québec's Law 25): what the app
keeps, what "my data" shows of it, and how a person is anonymized without changing any result.

A process's proposal and the register's decisions are the collective's record: they stay, only
the copies of the person's name in them give way to the pseudonym. The person's own words (their
questions and reactions, reasons, comments, advice and nominations) stay too unless they ask that
their free texts go, and then a neutral marker replaces them; their answers, votes and the values
of their votes are never touched, so every tally comes out the same.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core import cache
from maillage.core.personal import (
    TEXT_REMOVED,
    Held,
    Row,
    Section,
    declare,
    full_names,
    register_anonymizer,
    register_export,
    replace_in_texts,
    stored,
)
from maillage.decisions.models import (
    Advice,
    Answer,
    Decision,
    Election,
    Nomination,
    Process,
    ProposalVersion,
    Remark,
    Vote,
    VoteChoice,
)
from maillage.decisions.panels import AWAITING_CACHE
from maillage.decisions.paths import process_path
from maillage.decisions.selectors.register import DECISION_CACHE
from maillage.decisions.views.register import REGISTER_CACHE
from maillage.decisions.workflows import WORKFLOWS
from maillage.network.models import Person
from maillage.network.personal import person_of

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

# Declarations

_MEMBERS = _("the members of the circle or workstream, and staff")
_RECORD_SEEN = _(
    "the members of the circle or workstream and staff; everyone for a public decision"
)
_PERMANENT = _("permanently, as part of the collective's record")

declare(
    "decisions.Process",
    fields=["proposal", "rationale"],
    purpose=_("The proposal put to a circle or workstream, and why, written by its author."),
    seen_by=_RECORD_SEEN,
    kept=_PERMANENT,
)
declare(
    "decisions.ProposalVersion",
    fields=["text"],
    purpose=_("Each earlier text of a proposal, so that its amendments can be followed."),
    seen_by=_MEMBERS,
    kept=_PERMANENT,
)
declare(
    "decisions.Decision",
    fields=["text", "rationale", "participation"],
    purpose=_(
        "The register: what was decided and why, and who took part and how they answered, "
        "named as they were then."
    ),
    seen_by=_RECORD_SEEN,
    kept=_PERMANENT,
)
declare(
    "decisions.Remark",
    fields=["text"],
    purpose=_("A clarifying question or a quick reaction said in a round of a proposal."),
    seen_by=_MEMBERS,
    kept=_("as long as the process, in its history; removed on request"),
)
declare(
    "decisions.Answer",
    fields=["reason"],
    purpose=_("The reasoning given with a consent or an objection in a consent round."),
    seen_by=_MEMBERS,
    kept=_("permanently with the decision it led to; the reasoning is removed on request"),
)
declare(
    "decisions.Vote",
    fields=["reason"],
    purpose=_("The comment given with a vote in a poll (hidden in an anonymous poll)."),
    seen_by=_MEMBERS,
    kept=_("permanently with the poll's result; the comment is removed on request"),
)
declare(
    "decisions.Advice",
    fields=["text"],
    purpose=_("The advice a person asked gave to the decision-maker."),
    seen_by=_RECORD_SEEN,
    kept=_("permanently with the decision it informed; the text is removed on request"),
)
declare(
    "decisions.Nomination",
    fields=["reason"],
    purpose=_("Whom a participant named in an election without candidates, and why."),
    seen_by=_MEMBERS,
    kept=_("permanently with the election; the reason is removed on request"),
)
declare(
    "decisions.Election",
    fields=["candidate_reason"],
    purpose=_("Why the facilitator proposed a person for a role in an election."),
    seen_by=_MEMBERS,
    kept=_PERMANENT,
)

# "My data"


def _when(moment: Any) -> Any:
    return moment.date() if moment is not None else None


def _by_date[M: models.Model](rows: QuerySet[M], *shown: str) -> QuerySet[M]:
    """The person's rows of one kind, in the order they were written, with only the fields
    they show (`"process__title"`: the process is read in the same query, its title alone)."""
    related = sorted({name.rpartition("__")[0] for name in shown if "__" in name})
    return rows.select_related(*related).only(*shown).order_by("created_at", "pk")


def _state(kind: str, state: str) -> str:
    return str(WORKFLOWS[kind].label(state)) if kind in WORKFLOWS else state


def export(account: User) -> list[Section]:
    """Everything the app keeps of `account`: the processes they proposed or facilitate, the
    versions they wrote, their questions and reactions, answers, votes, advice, nominations
    given and received, and the elections that proposed them (one query per kind held)."""
    title, process, words, on_behalf = (
        gettext("Decision process"),
        gettext("Kind of process"),
        gettext("Text"),
        gettext("On behalf of"),
    )
    date, channel = gettext("Date"), gettext("Channel")
    own = Q(person__user=account)
    held = Held(
        account,
        processes=(
            Process.objects.filter(Q(created_by=account) | Q(facilitator=account))
            .only("title", "kind", "state", "created_by", "facilitator", "created_at")
            .order_by("created_at", "pk")
        ),
        versions=_by_date(
            ProposalVersion.objects.filter(created_by=account),
            *("process__title", "number", "text", "note", "created_at"),
        ),
        remarks=_by_date(
            Remark.objects.filter(own),
            *("round__process__title", "round__kind", "text", "channel", "created_at"),
        ),
        answers=_by_date(
            Answer.objects.filter(own),
            *("round__process__title", "round__kind", "round__number", "organization__name"),
            *("position", "reason", "as_substitute", "channel", "created_at"),
        ),
        advice=_by_date(
            Advice.objects.filter(own), *("process__title", "text", "channel", "created_at")
        ),
        nominations_given=_by_date(
            Nomination.objects.filter(nominator__user=account),
            *("process__title", "phase", "nominee__first_name", "nominee__last_name"),
            *("reason", "created_at"),
        ),
        nominations_received=_by_date(
            Nomination.objects.filter(nominee__user=account),
            *("process__title", "phase", "reason", "created_at"),
        ),
        candidacies=(
            Election.objects.filter(candidate__user=account)
            .select_related("process", "role")
            .order_by("process__created_at", "pk")
        ),
        votes=Vote.objects.filter(own),
    )
    sections = [
        Section(
            "decisions.processes",
            _("Decision processes you proposed or facilitate"),
            _("To follow a proposal through to its decision."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: p.title,
                            process: p.get_kind_display(),
                            gettext("State"): _state(p.kind, p.state),
                            gettext("Proposed by you"): p.created_by_id == account.pk,
                            gettext("Facilitated by you"): p.facilitator_id == account.pk,
                            date: _when(p.created_at),
                        }
                    )
                    for p in held["processes"]
                ],
                "processes",
            ),
        ),
        Section(
            "decisions.proposal_versions",
            _("Versions of proposals you wrote"),
            _("To keep each text a proposal had, so that its amendments can be followed."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: v.process.title,
                            gettext("Version"): v.number,
                            words: v.text,
                            gettext("What changed"): v.note,
                            date: _when(v.created_at),
                        }
                    )
                    for v in held["versions"]
                ],
                "versions",
            ),
        ),
        Section(
            "decisions.remarks",
            _("Your questions and reactions"),
            _("To clarify a proposal and hear reactions before the consent round."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: r.round.process.title,
                            gettext("Round"): r.round.get_kind_display(),
                            words: r.text,
                            channel: r.get_channel_display(),
                            date: _when(r.created_at),
                        }
                    )
                    for r in held["remarks"]
                ],
                "remarks",
            ),
        ),
        Section(
            "decisions.answers",
            _("Your answers in consent rounds (consents and objections)"),
            _("To take decisions by consent and record the objections raised."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: a.round.process.title,
                            gettext("Round"): f"{a.round.get_kind_display()} {a.round.number}",
                            gettext("Answer"): a.get_position_display(),
                            gettext("Reasoning"): a.reason,
                            on_behalf: a.organization.name if a.organization else None,
                            gettext("As a substitute"): a.as_substitute,
                            channel: a.get_channel_display(),
                            date: _when(a.created_at),
                        }
                    )
                    for a in held["answers"]
                ],
                "answers",
            ),
        ),
        Section(
            "decisions.votes",
            _("Your votes in polls"),
            _("To count each voice once in a poll and keep its result."),
            held.lazy(lambda: [_vote_row(vote) for vote in _votes(account)], "votes"),
        ),
        Section(
            "decisions.advice",
            _("Advice you gave"),
            _("To inform the person who decides in an advice process."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: a.process.title,
                            gettext("Advice"): a.text,
                            channel: a.get_channel_display(),
                            date: _when(a.created_at),
                        }
                    )
                    for a in held["advice"]
                ],
                "advice",
            ),
        ),
        Section(
            "decisions.nominations_given",
            _("Nominations you gave in elections"),
            _("To elect a person to a role without candidates."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: n.process.title,
                            gettext("Phase"): n.get_phase_display(),
                            gettext("Person named"): str(n.nominee),
                            gettext("Reason"): n.reason,
                            date: _when(n.created_at),
                        }
                    )
                    for n in held["nominations_given"]
                ],
                "nominations_given",
            ),
        ),
        # Who named the person stays theirs: a nomination may be secret.
        Section(
            "decisions.nominations_received",
            _("Nominations of you in elections"),
            _("To elect a person to a role without candidates."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: n.process.title,
                            gettext("Phase"): n.get_phase_display(),
                            gettext("Reason"): n.reason,
                            date: _when(n.created_at),
                        }
                    )
                    for n in held["nominations_received"]
                ],
                "nominations_received",
            ),
        ),
        Section(
            "decisions.candidacies",
            _("Elections that proposed you for a role"),
            _("To elect a person to a role without candidates."),
            held.lazy(
                lambda: [
                    Row(
                        {
                            title: e.process.title,
                            gettext("Role"): e.role.name,
                            gettext("Why this person"): e.candidate_reason,
                            gettext("Was elected"): e.assignment_id is not None,
                        }
                    )
                    for e in held["candidacies"]
                ],
                "candidacies",
            ),
        ),
    ]
    return sections


def _votes(account: User) -> list[Vote]:
    choices = VoteChoice.objects.select_related("option").order_by("option__position")
    return list(
        Vote.objects.filter(person__user=account)
        .select_related("poll__process", "organization")
        .prefetch_related(Prefetch("choices", queryset=choices, to_attr="choice_list"))
        .order_by("created_at", "pk")
    )


def _vote_row(vote: Vote) -> Row:
    process = vote.poll.process
    values = "; ".join(f"{c.option.label} : {c.value}" for c in vote.choice_list)  # type: ignore[attr-defined]
    return Row(
        {
            gettext("Poll"): process.title,
            gettext("Position"): vote.get_position_display() if vote.position else None,
            gettext("Values"): values or None,
            gettext("Comment"): vote.reason,
            gettext("On behalf of"): vote.organization.name if vote.organization else None,
            gettext("As a substitute"): vote.as_substitute,
            gettext("Date"): _when(vote.created_at),
        },
        # A vote may be changed while its poll is open.
        correct_url=process_path(process) if process.state == "open" else "",
    )


# Anonymization


# The texts that may copy a person's name: the record keeps them, with the pseudonym instead.
NAMED_COLUMNS: list[tuple[type[models.Model], str]] = [
    (Process, "title"),
    (Process, "proposal"),
    (Process, "rationale"),
    (ProposalVersion, "title"),
    (ProposalVersion, "text"),
    (ProposalVersion, "note"),
    (Decision, "title"),
    (Decision, "text"),
    (Decision, "rationale"),
    (Decision, "meeting_title"),
    (Election, "candidate_reason"),
    (Remark, "text"),
    (Answer, "reason"),
    (Vote, "reason"),
    (Advice, "text"),
    (Nomination, "reason"),
]


def _json_forms(name: str) -> list[str]:
    # How the name reads inside the stored JSON: escaped (SQLite) or not (PostgreSQL's jsonb).
    return sorted({name, json.dumps(name)[1:-1], json.dumps(name, ensure_ascii=False)[1:-1]})


def _participation_rewrite(
    names: list[str], in_texts: list[str], pseudonym: str, marker: str | None
) -> list[Decision]:
    """The register's entries whose participation names the person (`names`), with each copy
    of the name replaced (also inside the words of others, for the `in_texts` names) and, with
    `marker`, the reasoning and advice they gave; how everyone answered, and so the count, stays
    as it was."""
    if not names:
        return []
    contains = Q()
    for name in names:
        for form in _json_forms(name):
            contains |= Q(as_text__contains=form)
    decisions = Decision.objects.filter(
        pk__in=Decision.objects.annotate(as_text=Cast("participation", models.TextField()))
        .filter(contains)
        .values("pk")
    ).only("pk", "participation")
    changed: list[Decision] = []
    for decision in decisions:
        rows = decision.participation
        touched = False
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            mine = row.get("person") in names
            if mine:
                row["person"] = pseudonym
                touched = True
                if marker is not None:
                    for key in ("reason", "advice"):
                        if row.get(key):
                            row[key] = marker
            if row.get("voice") in names and not row.get("organization"):
                row["voice"] = pseudonym
                touched = True
            for key in ("reason", "advice"):
                for name in in_texts:
                    if isinstance(row.get(key), str) and name in row[key]:
                        row[key] = row[key].replace(name, pseudonym)
                        touched = True
        if touched:
            changed.append(decision)
    return changed


def _nomination_reasons_rewrite(
    person: Person, marker: str
) -> tuple[list[Process], list[Decision]]:
    """An elected election's rationale lists the nominations, one line each with its reason
    (`services.elections._nominations_text`): the person's reasons give way to the marker there
    too."""
    nominations = list(Nomination.objects.filter(nominator=person).select_related("nominee"))
    if not nominations:
        return [], []
    ids = {n.process_id for n in nominations}
    processes = list(Process.objects.filter(pk__in=ids).only("pk", "rationale"))
    decisions = list(Decision.objects.filter(process_id__in=ids).only("pk", "process", "rationale"))
    lines = [
        (n.process_id, f"- {person} → {n.nominee}: ", n.reason)
        for n in nominations
        if n.reason != marker
    ]
    for process in processes:
        for process_id, line, reason in lines:
            if process_id == process.pk:
                process.rationale = process.rationale.replace(line + reason, line + marker)
    for decision in decisions:
        for process_id, line, reason in lines:
            if process_id == decision.process_id:
                decision.rationale = decision.rationale.replace(line + reason, line + marker)
    return processes, decisions


def anonymize(*, account: User, pseudonym: str, actor: Actor, remove_texts: bool) -> None:
    """Replace each copy of the account's person's name by `pseudonym` in processes, the
    register and the words said in rounds; with `remove_texts`, replace their own words by the
    marker. Answers, votes, nominations and advice stay, linked to the same person and voice:
    every result is what it was. No audit event (it would name the person); the caller's
    transaction holds it all."""
    person = person_of(account)
    names = full_names(str(person)) if person is not None else []
    own_names = [str(person).strip()] if person is not None and str(person).strip() else []
    marker = stored(TEXT_REMOVED) if remove_texts else None
    if person is not None and marker is not None:
        # Their own nomination reasons first, while the rationales still read as written.
        processes, decisions = _nomination_reasons_rewrite(person, marker)
        Process.objects.bulk_update(processes, ["rationale"])
        Decision.objects.bulk_update(decisions, ["rationale"])
        Remark.objects.filter(person=person).update(text=marker)
        Advice.objects.filter(person=person).update(text=marker)
        Nomination.objects.filter(nominator=person).update(reason=marker)
        Answer.objects.filter(person=person).exclude(reason="").update(reason=marker)
        Vote.objects.filter(person=person).exclude(reason="").update(reason=marker)
    Decision.objects.bulk_update(
        _participation_rewrite(own_names, names, pseudonym, marker), ["participation"]
    )
    replace_in_texts(NAMED_COLUMNS, names, pseudonym)
    # Bulk updates send no signal: the kept pages are rendered again.
    for namespace in (DECISION_CACHE, REGISTER_CACHE, AWAITING_CACHE):
        cache.bump(namespace)


register_export("decisions", export)
register_anonymizer("decisions", anonymize)
