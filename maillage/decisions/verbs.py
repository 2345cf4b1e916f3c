"""The decisions app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class DecisionVerb(Verbs):
    PROCESS_STARTED = "decision_process.started", _("decision process started")
    PROCESS_TRANSITION = "decision_process.transition", _("decision process moved on")
    PROPOSAL_AMENDED = "decision_process.amended", _("proposal amended")
    REMARK_ADDED = "decision_process.remark_added", _("question or reaction added")
    ANSWER_GIVEN = "decision_process.answer_given", _("answer given")
    ANSWER_RECORDED = "decision_process.answer_recorded", _("answer recorded for someone")
    DEADLINE_CLOSED = "decision_process.deadline_closed", _("consent round closed at its deadline")
    REMINDED = "decision_process.reminded", _("awaited answers reminded before the deadline")
    VOTE_CAST = "poll.voted", _("vote cast in a poll")
    VOTE_RECORDED = "poll.vote_recorded", _("vote recorded for someone in a poll")
    POLL_REMINDED = "poll.reminded", _("poll's awaited voices reminded")
    POLL_CLOSED_AT_TIME = "poll.closed_at_time", _("poll closed at its closing time")
    DECISION_TAKEN = "decision.taken", _("decision taken")
    DECISION_APPLIED = "decision.applied", _("changed by a decision")
    DECISION_MEETING = "decision.meeting_noted", _("meeting of the decision noted")


register_verbs(DecisionVerb)


class ElectionVerb(Verbs):
    NOMINATION_GIVEN = "decision_process.nomination_given", _("nomination given")
    NOMINATION_RECORDED = "decision_process.nomination_recorded", _("nomination recorded")


register_verbs(ElectionVerb)


class AdviceVerb(Verbs):
    ADVICE_GIVEN = "decision_process.advice_given", _("advice given")
    ADVICE_RECORDED = "decision_process.advice_recorded", _("advice recorded for someone")


register_verbs(AdviceVerb)
