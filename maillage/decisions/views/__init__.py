"""Pages of the decisions app: the register and a decision, the processes of a circle or a
workstream, a process (its live round refreshed by HTMX), and the forms that move it along."""

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
    "answer_give",
    "answer_record",
    "circle_poll_create",
    "circle_process_create",
    "circle_processes",
    "decision_detail",
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
    "workstream_poll_create",
    "workstream_process_create",
    "workstream_processes",
]
