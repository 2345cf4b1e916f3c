"""Pages of the decisions app: the register and a decision, the processes of a circle or a
workstream, a process (its live round refreshed by HTMX), and the forms that move it along."""

from maillage.decisions.views.advice import (
    advice_decide,
    advice_detail,
    advice_give,
    advice_record,
    advice_transition,
    circle_advice_create,
    workstream_advice_create,
)
from maillage.decisions.views.elections import (
    circle_election_create,
    election_answer,
    election_answer_record,
    election_detail,
    election_propose,
    election_transition,
    nomination_give,
    nomination_record,
    workstream_election_create,
)
from maillage.decisions.views.polls import (
    circle_poll_create,
    poll_detail,
    poll_transition,
    poll_vote,
    poll_vote_record,
    workstream_poll_create,
)
from maillage.decisions.views.processes import (
    circle_process_create,
    circle_processes,
    process_amend,
    process_detail,
    process_transition,
    workstream_process_create,
    workstream_processes,
)
from maillage.decisions.views.register import decision_detail, register
from maillage.decisions.views.rounds import answer_give, answer_record, remark_add, remark_record

__all__ = [
    "advice_decide",
    "advice_detail",
    "advice_give",
    "advice_record",
    "advice_transition",
    "answer_give",
    "answer_record",
    "circle_advice_create",
    "circle_election_create",
    "circle_poll_create",
    "circle_process_create",
    "circle_processes",
    "decision_detail",
    "election_answer",
    "election_answer_record",
    "election_detail",
    "election_propose",
    "election_transition",
    "nomination_give",
    "nomination_record",
    "poll_detail",
    "poll_transition",
    "poll_vote",
    "poll_vote_record",
    "process_amend",
    "process_detail",
    "process_transition",
    "register",
    "remark_add",
    "remark_record",
    "workstream_advice_create",
    "workstream_election_create",
    "workstream_poll_create",
    "workstream_process_create",
    "workstream_processes",
]
