"""The regional fund from envelope to final report.

A fund is split in envelopes (territory × stream × fiscal year) whose balances are sums of
movements; calls draw on envelopes; organizations apply; staff screen, reviewers score on the
call's grid unless in conflict, and the committee's recommendation, consented in the decisions
app, sets each result; accepted projects get an agreement, payments and reports.
"""

from maillage.funding.models._common import fiscal_year, fiscal_year_label
from maillage.funding.models.agreements import Agreement, Payment, Report, ReportKind, Signatory
from maillage.funding.models.applications import (
    Application,
    Attachment,
    BudgetLine,
    Comment,
    ExpenseCategory,
    OtherFunding,
    Revision,
    SourceStatus,
    Stage,
)
from maillage.funding.models.calls import Call, Criterion, RequiredAttachment, Section
from maillage.funding.models.funds import (
    Envelope,
    Fund,
    Movement,
    MovementKind,
    SplitMethod,
    Stream,
)
from maillage.funding.models.reviews import (
    Assignment,
    Conflict,
    ConflictSource,
    Outcome,
    Recommendation,
    RecommendationLine,
    Review,
    Score,
    Screening,
)

__all__ = [
    "Agreement",
    "Application",
    "Assignment",
    "Attachment",
    "BudgetLine",
    "Call",
    "Comment",
    "Conflict",
    "ConflictSource",
    "Criterion",
    "Envelope",
    "ExpenseCategory",
    "Fund",
    "Movement",
    "MovementKind",
    "OtherFunding",
    "Outcome",
    "Payment",
    "Recommendation",
    "RecommendationLine",
    "Report",
    "ReportKind",
    "RequiredAttachment",
    "Review",
    "Revision",
    "Score",
    "Screening",
    "Section",
    "Signatory",
    "SourceStatus",
    "SplitMethod",
    "Stage",
    "Stream",
    "fiscal_year",
    "fiscal_year_label",
]
