"""A poll's page and its result, counted on the server.

How each variant counts (the result shows the options in that order, best first):

- proposal: the voices that agree, abstain, disagree, block; a block stops it, otherwise it
  passes when more voices agree than disagree (abstentions count for the quorum only);
- score: each option's total of the scores given (and its average over the votes);
- ranked choice: the Borda count; with n options, a voice's first choice gets n - 1 points,
  its second n - 2, … its last 0, and an option it did not rank 0;
- dot vote: each option's dots;
- time poll: the dates with the most "yes", then the most "maybe".

Ties keep the options' own order. The quorum is the fewest voices that must vote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.workflows import Transition
from maillage.decisions import workflows
from maillage.decisions.models import (
    Availability,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Process,
    ProcessKind,
    Vote,
    VoteChoice,
)
from maillage.decisions.rules import workflow_roles
from maillage.decisions.selectors._common import may_see_people, person_of
from maillage.decisions.selectors.rounds import Speaker, Voice, speaker_in, voices


@dataclass
class OptionResult:
    option: PollOption
    # Score total, Borda points, dots, or "yes" of a time poll.
    total: int = 0
    votes: int = 0
    maybe: int = 0
    no: int = 0
    best: bool = False

    @property
    def average(self) -> float | None:
        return round(self.total / self.votes, 1) if self.votes else None


@dataclass
class PollResult:
    variant: str
    votes: int
    voices: int
    quorum: int
    positions: dict[str, int] = field(default_factory=dict)
    # The options, best first.
    options: list[OptionResult] = field(default_factory=list)

    @property
    def quorum_met(self) -> bool:
        return self.votes >= self.quorum

    @property
    def position_rows(self) -> list[tuple[str, str, int]]:
        return [
            (key, str(label), self.positions.get(key, 0)) for key, label in PollPosition.choices
        ]

    @property
    def best(self) -> OptionResult | None:
        return self.options[0] if self.options and self.options[0].best else None

    @property
    def adopted(self) -> bool:
        """A proposal's outcome: no block, more voices agree than disagree, quorum met."""
        agree = self.positions.get(PollPosition.AGREE, 0)
        return (
            self.quorum_met
            and not self.positions.get(PollPosition.BLOCK, 0)
            and agree > self.positions.get(PollPosition.DISAGREE, 0)
        )

    def outcome(self) -> str:
        """The result in words, in the active language (the register's text)."""
        lines = [
            ngettext(
                "%(votes)d voice of %(voices)d voted.",
                "%(votes)d voices of %(voices)d voted.",
                self.votes,
            )
            % {"votes": self.votes, "voices": self.voices}
        ]
        if self.quorum:
            lines.append(
                (
                    _("Quorum met (%(quorum)d voices).")
                    if self.quorum_met
                    else _(
                        "Quorum not met (%(quorum)d voices required): the result does not stand."
                    )
                )
                % {"quorum": self.quorum}
            )
        if self.variant == PollVariant.PROPOSAL:
            lines.append(
                ", ".join(f"{label}: {count}" for _key, label, count in self.position_rows)
            )
            if self.positions.get(PollPosition.BLOCK):
                lines.append(_("The proposal is blocked."))
            elif self.adopted:
                lines.append(_("The proposal is adopted."))
            else:
                lines.append(_("The proposal is not adopted."))
            return "\n".join(lines)
        for row in self.options:
            lines.append(f"{row.option.label}: {self._count(row)}")
        if self.best is not None and self.quorum_met:
            lines.append(_("Chosen: %(option)s.") % {"option": self.best.option.label})
        return "\n".join(lines)

    def _count(self, row: OptionResult) -> str:
        if self.variant == PollVariant.SCORE:
            return _("%(total)d points (average %(average)s)") % {
                "total": row.total,
                "average": row.average if row.average is not None else "—",
            }
        if self.variant == PollVariant.RANKED:
            return _("%(total)d points (Borda count)") % {"total": row.total}
        if self.variant == PollVariant.DOTS:
            return ngettext("%(total)d dot", "%(total)d dots", row.total) % {"total": row.total}
        return _("%(yes)d yes, %(maybe)d maybe, %(no)d no") % {
            "yes": row.total,
            "maybe": row.maybe,
            "no": row.no,
        }


def choices_of(vote: Vote) -> list[VoteChoice]:
    """The values of a vote read by `poll_votes`."""
    return cast("list[VoteChoice]", vote.choice_list)  # type: ignore[attr-defined]


def poll_votes(poll: Poll) -> list[Vote]:
    """A poll's votes with their values and people (two queries)."""
    return list(
        Vote.objects.filter(poll=poll)
        .select_related("person", "organization", "recorded_by")
        .prefetch_related(
            Prefetch("choices", queryset=VoteChoice.objects.order_by("pk"), to_attr="choice_list")
        )
        .order_by("created_at", "pk")
    )


def poll_result(
    poll: Poll, options: Sequence[PollOption], votes: Sequence[Vote], voice_count: int
) -> PollResult:
    """Count `votes` as the poll's variant says (see the module's docstring)."""
    result = PollResult(
        variant=poll.variant, votes=len(votes), voices=voice_count, quorum=poll.quorum
    )
    if poll.variant == PollVariant.PROPOSAL:
        for vote in votes:
            result.positions[vote.position] = result.positions.get(vote.position, 0) + 1
        return result
    rows = {option.pk: OptionResult(option=option) for option in options}
    for vote in votes:
        for choice in choices_of(vote):
            row = rows.get(choice.option_id)
            if row is None:
                continue
            if poll.variant == PollVariant.RANKED:
                row.total += max(len(options) - choice.value, 0)
                row.votes += 1
            elif poll.variant == PollVariant.TIME:
                if choice.value == Availability.YES:
                    row.total += 1
                elif choice.value == Availability.MAYBE:
                    row.maybe += 1
                else:
                    row.no += 1
            else:
                row.total += choice.value
                row.votes += 1 if choice.value or poll.variant == PollVariant.SCORE else 0
    ordered = sorted(rows.values(), key=lambda r: (-r.total, -r.maybe, r.option.position))
    if ordered and (ordered[0].total or ordered[0].maybe):
        ordered[0].best = True
    result.options = ordered
    return result


def poll_labels(process_id: int) -> list[str]:
    """The labels of a poll's options an e-mail answer may name by number or label; none for a
    proposal or a score poll, whose answers are words or numbers (`decisions.replies`)."""
    poll = Poll.objects.filter(process_id=process_id).only("variant").first()
    if poll is None or poll.variant in {PollVariant.PROPOSAL, PollVariant.SCORE}:
        return []
    return list(
        PollOption.objects.filter(poll=poll).order_by("position").values_list("label", flat=True)
    )


@dataclass
class VoiceRow:
    """A voice on the poll's page: whether it voted and, when the poll is not anonymous and
    the viewer may see people, who voted and how."""

    voice: Voice
    vote: Vote | None
    # How it voted, in words ("Option A: 3, Option B: 1"), when the page may say so.
    how: str = ""


@dataclass
class PollDetail:
    process: Process
    poll: Poll
    options: list[PollOption]
    voices: list[VoiceRow]
    votes: int
    # None while the results are hidden (until closing, when the poll says so).
    result: PollResult | None
    quorum_met: bool
    speaker: Speaker | None
    my_vote: Vote | None
    my_values: dict[int, int]
    transitions: list[Transition]
    show_people: bool
    show_votes: bool
    may_vote: bool
    may_record: bool

    @property
    def is_open(self) -> bool:
        return self.process.state == "open"

    @property
    def is_closed(self) -> bool:
        return self.process.state == "closed"


def _how(poll: Poll, options: list[PollOption], vote: Vote) -> str:
    if poll.variant == PollVariant.PROPOSAL:
        return str(vote.get_position_display())
    labels = {option.pk: option.label for option in options}
    values = {c.option_id: c.value for c in choices_of(vote)}
    shown = []
    for option in options:
        if option.pk not in values:
            continue
        value = values[option.pk]
        text = str(Availability(value).label) if poll.variant == PollVariant.TIME else str(value)
        shown.append(f"{labels[option.pk]}: {text}")
    return ", ".join(shown)


def poll_detail(*, viewer: Viewer, pk: int) -> PollDetail | None:
    """The page of the poll of process `pk`, in a fixed number of queries whatever its options
    and votes (the process and poll, options, votes and their values, the voices, the viewer's
    person and roles). Anonymous polls never say who voted what; hidden results stay hidden
    until the poll closes (for staff too)."""
    process = (
        Process.objects.select_related("circle", "workstream", "poll", "poll__chosen")
        .filter(pk=pk, kind=ProcessKind.POLL)
        .first()
    )
    if process is None:
        return None
    poll = process.poll
    options = list(PollOption.objects.filter(poll=poll).order_by("position"))
    votes = poll_votes(poll)
    voice_list = voices(process.group)
    by_voice = {vote.voice: vote for vote in votes}
    rows = [VoiceRow(voice=v, vote=by_voice.get(v.key)) for v in voice_list]
    person = person_of(viewer)
    speaker = speaker_in(voice_list, person) if person else None
    my_vote = next((v for v in votes if person and v.person_id == person.pk), None)
    closed = process.state == "closed"
    result = poll_result(poll, options, votes, len(voice_list))
    show_people = may_see_people(viewer, process)
    running = process.state not in workflows.CLOSED_STATES
    show_votes = show_people and not poll.anonymous and (closed or not poll.hide_results)
    if show_votes:
        for row in rows:
            row.how = _how(poll, options, row.vote) if row.vote else ""
    return PollDetail(
        process=process,
        poll=poll,
        options=options,
        voices=rows,
        votes=len(votes),
        result=result if closed or not poll.hide_results else None,
        quorum_met=result.quorum_met,
        speaker=speaker,
        my_vote=my_vote,
        my_values={c.option_id: c.value for c in choices_of(my_vote)} if my_vote else {},
        transitions=workflows.POLL.available(process.state, workflow_roles(viewer, process)),
        show_people=show_people,
        show_votes=show_votes,
        may_vote=speaker is not None and process.state == "open",
        may_record=running
        and process.state == "open"
        and has_perm(viewer, "decisions.record_answer", process),
    )
