"""Decision processes, their rounds and answers, and the register of decisions they produce.

A process belongs to a circle or to a workstream; its `kind` says which method it follows
(consent for now; advice, elections and polls come as further kinds with their own workflows) and
its `state` is a key of that kind's workflow (`workflows.py`). Rounds and answers are generic:
a round has a kind (clarifying questions, quick reactions, consent…) and a number; an answer is
a person's position in a round, with the organization whose voice it carries.
"""

from maillage.decisions.models.advice import Advice, AdviceRequest
from maillage.decisions.models.elections import Election, Nomination, NominationPhase
from maillage.decisions.models.polls import (
    Availability,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Vote,
    VoteChoice,
)
from maillage.decisions.models.processes import (
    Process,
    ProcessKind,
    ProcessMode,
    ProposalVersion,
    Visibility,
)
from maillage.decisions.models.register import Decision, MeetingQuorum, StructuralChange
from maillage.decisions.models.rounds import (
    Answer,
    Channel,
    Position,
    Remark,
    Round,
    RoundKind,
    RoundOutcome,
)

__all__ = [
    "Advice",
    "AdviceRequest",
    "Answer",
    "Availability",
    "Channel",
    "Decision",
    "Election",
    "MeetingQuorum",
    "Nomination",
    "NominationPhase",
    "Poll",
    "PollOption",
    "PollPosition",
    "PollVariant",
    "Position",
    "Process",
    "ProcessKind",
    "ProcessMode",
    "ProposalVersion",
    "Remark",
    "Round",
    "RoundKind",
    "RoundOutcome",
    "StructuralChange",
    "Visibility",
    "Vote",
    "VoteChoice",
]
