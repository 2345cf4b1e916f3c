"""Every write of the decisions app: starting a process, moving it along its workflow, amending
its proposal, questions and reactions, answers, closing a consent round (by the facilitator or at
its deadline), and the decision a consented process writes in the register, with the structural
changes it carries applied through governance's services.

One module per subject; the package re-exports their public names.
"""

from maillage.decisions.services.advice import (
    AdviceData,
    advice_decide,
    advice_give,
    advice_start,
    advice_transition,
)
from maillage.decisions.services.elections import (
    ElectionData,
    election_consent_close,
    election_propose,
    election_start,
    election_transition,
    nomination_give,
)
from maillage.decisions.services.polls import (
    POLL_CHOICE_REPLY,
    POLL_REPLY,
    POLL_SCORE_REPLY,
    PollData,
    PollReport,
    poll_reply_purpose,
    poll_start,
    poll_transition,
    polls_due,
    vote_cast,
)
from maillage.decisions.services.processes import (
    ProcessData,
    process_start,
    process_transition,
    proposal_amend,
)
from maillage.decisions.services.register import decision_meeting_note
from maillage.decisions.services.rounds import (
    ClosingReport,
    answer_give,
    consent_round_close,
    processes_close_due,
    processes_remind_due,
    remark_add,
)

__all__ = [
    "POLL_CHOICE_REPLY",
    "POLL_REPLY",
    "POLL_SCORE_REPLY",
    "AdviceData",
    "ClosingReport",
    "ElectionData",
    "PollData",
    "PollReport",
    "ProcessData",
    "advice_decide",
    "advice_give",
    "advice_start",
    "advice_transition",
    "answer_give",
    "consent_round_close",
    "decision_meeting_note",
    "election_consent_close",
    "election_propose",
    "election_start",
    "election_transition",
    "nomination_give",
    "poll_reply_purpose",
    "poll_start",
    "poll_transition",
    "polls_due",
    "process_start",
    "process_transition",
    "processes_close_due",
    "processes_remind_due",
    "proposal_amend",
    "remark_add",
    "vote_cast",
]
