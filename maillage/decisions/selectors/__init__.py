"""Every read of decision processes and of the register, narrowed to what the viewer may see,
each in a fixed number of queries.

One module per subject; the package re-exports their public names.
"""

from maillage.decisions.selectors._common import PAGE_SIZE, answers_of, may_see_people, person_of
from maillage.decisions.selectors.advice import AdviceDetail, advice_detail, asked_people
from maillage.decisions.selectors.elections import ElectionDetail, election_detail
from maillage.decisions.selectors.polls import (
    OptionResult,
    PollDetail,
    PollResult,
    choices_of,
    poll_detail,
    poll_labels,
    poll_result,
    poll_votes,
)
from maillage.decisions.selectors.processes import (
    MyProcesses,
    ProcessDetail,
    answers_awaited,
    my_processes,
    process_detail,
    process_list,
    visible_processes,
)
from maillage.decisions.selectors.register import (
    DECISION_CACHE,
    DecisionDetail,
    RegisterFilters,
    RegisterReader,
    decision_detail,
    filtered_decisions,
    kept_group_ids,
    register,
    register_reader,
    visible_decisions,
)
from maillage.decisions.selectors.rounds import Speaker, Tally, Voice, speaker_in, tally, voices
from maillage.decisions.selectors.search import search

__all__ = [
    "DECISION_CACHE",
    "PAGE_SIZE",
    "AdviceDetail",
    "DecisionDetail",
    "ElectionDetail",
    "MyProcesses",
    "OptionResult",
    "PollDetail",
    "PollResult",
    "ProcessDetail",
    "RegisterFilters",
    "RegisterReader",
    "Speaker",
    "Tally",
    "Voice",
    "advice_detail",
    "answers_awaited",
    "answers_of",
    "asked_people",
    "choices_of",
    "decision_detail",
    "election_detail",
    "filtered_decisions",
    "kept_group_ids",
    "may_see_people",
    "my_processes",
    "person_of",
    "poll_detail",
    "poll_labels",
    "poll_result",
    "poll_votes",
    "process_detail",
    "process_list",
    "register",
    "register_reader",
    "search",
    "speaker_in",
    "tally",
    "visible_decisions",
    "visible_processes",
    "voices",
]
