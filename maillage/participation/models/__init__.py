"""Citizen participation: consultations in phases, proposals with comments and supports,
questionnaires, moderation, and the influence trail that follows each input to what was decided.

Contributions (`_common.Contribution`) are written online by an account or gathered in person and
recorded on someone's behalf with their consent; both count alike. Proposals and consultations
are `trail.Routed`: sent to a circle or a workstream, with a public status and its history."""

from maillage.participation.models._common import Channel, Contribution, Signature
from maillage.participation.models.consultations import PHASE_ORDER, Consultation, Phase, PhaseKind
from maillage.participation.models.contributions import (
    Comment,
    Follow,
    Moderator,
    Proposal,
    Report,
    ReportReason,
    Support,
)
from maillage.participation.models.questionnaires import (
    WITH_CHOICES,
    Answer,
    AnswerChoice,
    Choice,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from maillage.participation.models.trail import Routed, TrailEntry, TrailStatus

__all__ = [
    "PHASE_ORDER",
    "WITH_CHOICES",
    "Answer",
    "AnswerChoice",
    "Channel",
    "Choice",
    "Comment",
    "Consultation",
    "Contribution",
    "Follow",
    "Moderator",
    "Phase",
    "PhaseKind",
    "Proposal",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Report",
    "ReportReason",
    "Response",
    "Routed",
    "Signature",
    "Support",
    "TrailEntry",
    "TrailStatus",
]
