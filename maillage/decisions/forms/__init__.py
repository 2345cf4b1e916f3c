"""Forms of the decisions app, by subject as its services and views: the register's filters, a
proposal and its steps, questions, reactions and answers, polls, elections and advice processes.
"""

from maillage.decisions.forms._common import (
    DateTimeInput,
    FacilitatorField,
    PersonChoiceField,
    datetime_field,
)
from maillage.decisions.forms.elections import (
    AdviceForm,
    AdviceProcessForm,
    CirclesField,
    DecideForm,
    ElectionForm,
    NominationForm,
    PeopleField,
    ProposeForm,
    RecordAdviceForm,
    RecordNominationForm,
    RoleChoiceField,
)
from maillage.decisions.forms.polls import (
    PollForm,
    PollTransitionForm,
    RecordVoteForm,
    VoteForm,
)
from maillage.decisions.forms.processes import (
    CHANGE_FIELDS,
    CHANGE_KINDS,
    CHANGE_REQUIRED,
    CIRCLE_ONLY,
    AmendForm,
    PolicyField,
    ProcessForm,
    RoleField,
    TransitionForm,
)
from maillage.decisions.forms.register import (
    RegisterFilterForm,
)
from maillage.decisions.forms.rounds import (
    AnswerForm,
    RecordAnswerForm,
    RecordRemarkForm,
    RemarkForm,
)

__all__ = [
    "CHANGE_FIELDS",
    "CHANGE_KINDS",
    "CHANGE_REQUIRED",
    "CIRCLE_ONLY",
    "AdviceForm",
    "AdviceProcessForm",
    "AmendForm",
    "AnswerForm",
    "CirclesField",
    "DateTimeInput",
    "DecideForm",
    "ElectionForm",
    "FacilitatorField",
    "NominationForm",
    "PeopleField",
    "PersonChoiceField",
    "PolicyField",
    "PollForm",
    "PollTransitionForm",
    "ProcessForm",
    "ProposeForm",
    "RecordAdviceForm",
    "RecordAnswerForm",
    "RecordNominationForm",
    "RecordRemarkForm",
    "RecordVoteForm",
    "RegisterFilterForm",
    "RemarkForm",
    "RoleChoiceField",
    "RoleField",
    "TransitionForm",
    "VoteForm",
    "datetime_field",
]
