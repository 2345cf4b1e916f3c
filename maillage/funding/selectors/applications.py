"""Applications: who may read them and who acts for the applying organization, what an
application still lacks, its content as a revision keeps it, the applications table and an
application's page with its activity feed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Viewer
from maillage.core.dates import long_date
from maillage.core.models import AuditEvent, User
from maillage.core.permissions import has_perm
from maillage.funding import workflows
from maillage.funding.models import (
    Agreement,
    Application,
    Assignment,
    Attachment,
    BudgetLine,
    Call,
    Envelope,
    ExpenseCategory,
    OtherFunding,
    Revision,
    SourceStatus,
    Stage,
    Stream,
)
from maillage.funding.models._common import dollars
from maillage.funding.rules import tied_organization_ids
from maillage.funding.verbs import FundingVerb
from maillage.governance.models import Membership, Strategy
from maillage.network.models import Organization, Person
from maillage.territories.models import Territory

PAGE_SIZE = 60

# The orders the applications table sorts by: the key in the query string, the columns.
ORDERS: dict[str, tuple[str, ...]] = {
    "reference": ("reference",),
    "title": ("title", "pk"),
    "organization": ("organization__name", "pk"),
    "amount": ("amount_requested", "pk"),
    "state": ("state", "pk"),
    "submitted": ("submitted_at", "pk"),
}
DEFAULT_ORDER = "-submitted"


def applicant_accounts(application: Application) -> QuerySet[User]:
    """The active accounts of the people acting for the applying organization (an open function,
    a seat held or substituted on), and the account that started the application."""
    today = timezone.localdate()
    org = application.organization_id
    open_function = Q(person__functions__end_date__isnull=True) | Q(
        person__functions__end_date__gte=today
    )
    by_function = Q(person__functions__organization_id=org) & open_function
    open_seat = Q(person__seats__end_date__isnull=True) | Q(person__seats__end_date__gte=today)
    by_seat = Q(person__seats__organization_id=org) & open_seat
    open_substitute = Q(person__substitute_seats__end_date__isnull=True) | Q(
        person__substitute_seats__end_date__gte=today
    )
    by_substitute = Q(person__substitute_seats__organization_id=org) & open_substitute
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk=application.created_by_id) | by_function | by_seat | by_substitute)
        .distinct()
        .order_by("pk")
    )


# --- Starting and writing an application -------------------------------------------------


def accepts_applications(call: Call) -> bool:
    """Whether `call` takes new applications now: published, opened, not yet closed."""
    now = timezone.now()
    return (
        call.state in workflows.CALL.keys_tagged(workflows.ACCEPTING)
        and call.opens_on <= timezone.localdate(now)
        and now < call.closes_at
    )


def organizations_for(viewer: Viewer) -> QuerySet[Organization]:
    """The organizations `viewer` may apply in the name of: those they act for."""
    return Organization.objects.filter(pk__in=tied_organization_ids(viewer)).order_by("name")


def my_applications(viewer: Viewer) -> QuerySet[Application]:
    """The applications of the organizations `viewer` acts for, and those they started; read
    with their public state names only (`public_state_label`)."""
    if not isinstance(viewer, User):
        return Application.objects.none()
    mine = Q(organization_id__in=tied_organization_ids(viewer)) | Q(created_by_id=viewer.pk)
    return (
        Application.objects.filter(mine)
        .select_related("call", "organization")
        .order_by("-updated_at", "-pk")
    )


def stage_sections(application: Application) -> list[Any]:
    """The call's sections the application answers at its stage (an intention answers only
    those asked in the intention)."""
    sections = list(application.call.sections.all())
    if application.stage == Stage.INTENTION:
        return [s for s in sections if s.in_intention]
    return sections


def stage_required_attachments(application: Application) -> list[Any]:
    required = list(application.call.required_attachments.all())
    if application.stage == Stage.INTENTION:
        return [r for r in required if r.in_intention]
    return required


def eligibility_reasons(application: Application) -> list[str]:
    """Why the application does not meet its call's own eligibility rules (sectors,
    territories, maximum amount, end of the project); empty when it does."""
    call = application.call
    reasons: list[str] = []
    sectors = set(call.eligible_sectors.values_list("pk", flat=True))
    if sectors and not sectors & set(application.organization.sectors.values_list("pk", flat=True)):
        reasons.append(_("The applying organization is in none of the sectors this call is for."))
    eligible = set(call.eligible_territories.values_list("pk", flat=True))
    if eligible:
        served = list(application.territories.values_list("pk", "parent_id", "name"))
        outside = [
            name for pk, parent, name in served if pk not in eligible and parent not in eligible
        ]
        if outside:
            reasons.append(
                _("This call is not open to these territories: %(names)s.")
                % {"names": ", ".join(outside)}
            )
    amount = application.amount_requested
    if call.max_amount is not None and amount is not None and amount > call.max_amount:
        reasons.append(
            _("The amount requested is above the call's maximum of %(maximum)s.")
            % {"maximum": dollars(call.max_amount)}
        )
    end = application.end_date
    if call.project_end_by is not None and end is not None and end > call.project_end_by:
        reasons.append(
            _("Projects must end no later than %(date)s.")
            % {"date": long_date(call.project_end_by)}
        )
    return reasons


def missing_items(application: Application) -> list[str]:
    """The submission checklist: what the application still lacks before it may be submitted
    (empty required sections, missing required documents, an empty budget, what the call's
    eligibility rules refuse). Empty when it may be submitted."""
    missing: list[str] = []
    full = application.stage == Stage.FULL
    if not application.summary.strip():
        missing.append(_("The summary is empty."))
    if application.amount_requested is None:
        missing.append(_("The amount requested is missing."))
    if full and (application.start_date is None or application.end_date is None):
        missing.append(_("The project's start and end dates are missing."))
    if not application.territories.exists():
        missing.append(_("No territory served is chosen."))
    answers = application.answers or {}
    for section in stage_sections(application):
        if section.required and not str(answers.get(section.key, "")).strip():
            missing.append(_("The section “%(title)s” is empty.") % {"title": section.title})
    given = set(
        application.attachments.exclude(required=None).values_list("required_id", flat=True)
    )
    for required in stage_required_attachments(application):
        if required.pk not in given:
            missing.append(_("The document “%(title)s” is missing.") % {"title": required.title})
    if full and not application.budget_lines.exists():
        missing.append(_("The budget has no expense."))
    return missing + eligibility_reasons(application)


def content_of(application: Application) -> dict[str, Any]:
    """Everything the application says, as a revision keeps it (plain JSON values)."""
    budget = application.budget_lines.all()
    return {
        "title": application.title,
        "summary": application.summary,
        "stage": application.stage,
        "amount_requested": _text(application.amount_requested),
        "start_date": _text(application.start_date),
        "end_date": _text(application.end_date),
        "populations": application.populations,
        "answers": dict(application.answers or {}),
        "territories": sorted(application.territories.values_list("name", flat=True)),
        "strategies": sorted(application.strategies.values_list("name_fr", flat=True)),
        "co_applicants": sorted(application.co_applicants.values_list("name", flat=True)),
        "budget": [
            {"category": b.category, "description": b.description, "amount": str(b.amount)}
            for b in budget
        ],
        "other_funding": [
            {"source": o.source, "amount": str(o.amount), "status": o.status}
            for o in application.other_funding.all()
        ],
        "attachments": [
            {"title": a.title, "filename": a.filename} for a in application.attachments.all()
        ],
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- Revisions and their differences ------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A field whose value differs between two revisions, as people read it."""

    label: str
    before: str
    after: str


def _budget_line(line: Mapping[str, Any]) -> str:
    category = (
        ExpenseCategory(line["category"]).label
        if line.get("category") in ExpenseCategory.values
        else line.get("category", "")
    )
    return (
        f"{category} · {line.get('description', '')} · {dollars(Decimal(line.get('amount') or 0))}"
    )


def _funding_line(line: Mapping[str, Any]) -> str:
    status = SourceStatus(line["status"]).label if line.get("status") in SourceStatus.values else ""
    return f"{line.get('source', '')} · {dollars(Decimal(line.get('amount') or 0))} · {status}"


def revision_diff(
    before: Revision | Mapping[str, Any] | None,
    after: Revision | Mapping[str, Any],
    *,
    section_titles: Mapping[str, str] | None = None,
) -> list[Change]:
    """What changed from `before` to `after` (revisions or their content), field by field:
    the fields, each section's answer, the budget lines and other sources (lines removed or
    added). `before` None compares with an empty application."""
    old = before.content if isinstance(before, Revision) else dict(before or {})
    new = after.content if isinstance(after, Revision) else dict(after)
    titles = section_titles or {}
    labels = {
        "title": _("Project title"),
        "summary": _("Summary"),
        "amount_requested": _("Amount requested"),
        "start_date": _("Project start"),
        "end_date": _("Project end"),
        "populations": _("Populations served"),
    }
    changes = [
        Change(str(label), str(old.get(key) or ""), str(new.get(key) or ""))
        for key, label in labels.items()
        if (old.get(key) or "") != (new.get(key) or "")
    ]
    old_answers, new_answers = old.get("answers") or {}, new.get("answers") or {}
    for key in dict.fromkeys([*new_answers, *old_answers]):
        if (old_answers.get(key) or "") != (new_answers.get(key) or ""):
            changes.append(
                Change(
                    titles.get(key, key),
                    str(old_answers.get(key) or ""),
                    str(new_answers.get(key) or ""),
                )
            )
    lists: dict[str, tuple[str, Callable[[Any], str]]] = {
        "territories": (_("Territories served"), str),
        "strategies": (_("Strategies"), str),
        "co_applicants": (_("Co-applicant organizations"), str),
        "budget": (_("Budget"), _budget_line),
        "other_funding": (_("Other funding sources"), _funding_line),
        "attachments": (
            _("Documents"),
            lambda a: f"{a.get('title', '')} ({a.get('filename', '')})",
        ),
    }
    for key, (label, show) in lists.items():
        was = [show(item) for item in old.get(key) or []]
        now = [show(item) for item in new.get(key) or []]
        if was != now:
            removed = [line for line in was if line not in now]
            added = [line for line in now if line not in was]
            changes.append(
                Change(
                    str(label),
                    "\n".join(f"− {line}" for line in removed),
                    "\n".join(f"+ {line}" for line in added),
                )
            )
    return changes


# --- The applications table ---------------------------------------------------------------

# The table as staff read it (its rows, the filters' and the batch actions' choices) is the same
# for every reader who manages funding: it is kept rendered until a row of these models changes
# (`funding.apps`), by the query string that asked for it.
TABLE_CACHE = "funding.applications-table"


def table_watched() -> tuple[type[Any], ...]:
    """What the table shows: applications and their territories and strategies, calls and their
    envelopes, streams, reviewers' assignments, organizations' names, and the accounts, people
    and committee memberships behind the reviewers' names."""
    return (
        *(Application, Call, Envelope, Stream, Assignment, Organization, Territory, Strategy),
        *(User, Person, Membership),
    )


@dataclass(frozen=True)
class Filters:
    call: Call | None = None
    state: str = ""
    territory: Territory | None = None
    stream: Any = None
    strategy: Any = None
    reviewer: User | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    order: str = DEFAULT_ORDER


def filtered_applications(viewer: Viewer, filters: Filters) -> QuerySet[Application]:
    """The applications staff see, narrowed by `filters` (without their order)."""
    if not has_perm(viewer, "funding.manage"):
        return Application.objects.none()
    rows = Application.objects.all()
    if filters.call is not None:
        rows = rows.filter(call=filters.call)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.territory is not None:
        served = Application.territories.through.objects.filter(
            Q(territory=filters.territory) | Q(territory__parent=filters.territory),
            application_id=OuterRef("pk"),
        )
        rows = rows.filter(Exists(served))
    if filters.stream is not None:
        drawn = Call.envelopes.through.objects.filter(
            call_id=OuterRef("call_id"), envelope__stream=filters.stream
        )
        # Before screening names its envelope, an application is in the streams its call draws on.
        rows = rows.filter(Q(envelope__stream=filters.stream) | (Q(envelope=None) & Exists(drawn)))
    if filters.strategy is not None:
        used = Application.strategies.through.objects.filter(
            strategy=filters.strategy, application_id=OuterRef("pk")
        )
        rows = rows.filter(Exists(used))
    if filters.reviewer is not None:
        assigned = Assignment.objects.filter(
            reviewer=filters.reviewer, application_id=OuterRef("pk")
        )
        rows = rows.filter(Exists(assigned))
    if filters.amount_min is not None:
        rows = rows.filter(amount_requested__gte=filters.amount_min)
    if filters.amount_max is not None:
        rows = rows.filter(amount_requested__lte=filters.amount_max)
    return rows


def ordered(rows: QuerySet[Application], order: str) -> QuerySet[Application]:
    key = order.removeprefix("-")
    columns = ORDERS.get(key) or ORDERS[DEFAULT_ORDER.removeprefix("-")]
    descending = order.startswith("-") if key in ORDERS else True
    return rows.order_by(*(f"-{c}" if descending else c for c in columns))


def application_list(*, viewer: Viewer, filters: Filters, page: Any = 1) -> Page[Any]:
    """A page of the applications table: 60 rows with their call, organization, envelope's
    stream and territories served, in a fixed number of queries."""
    rows = (
        ordered(filtered_applications(viewer, filters), filters.order)
        .select_related("call", "organization", "envelope__stream")
        .prefetch_related(
            Prefetch(
                "territories",
                queryset=Territory.objects.only("pk", "name").order_by("name"),
                to_attr="served",
            )
        )
    )
    return Paginator(rows, PAGE_SIZE).get_page(page)


def reviewers() -> QuerySet[User]:
    """The accounts assigned to at least one application (the table's reviewer filter)."""
    return User.objects.filter(
        Exists(Assignment.objects.filter(reviewer_id=OuterRef("pk")))
    ).order_by("first_name", "last_name", "pk")


# --- An application's page ----------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One line of an application's activity feed."""

    at: datetime
    kind: str  # "comment", "state", "revision"
    text: str
    author: str = ""
    internal: bool = False
    note: str = ""
    revision: int | None = None


@dataclass
class ApplicationPage:
    application: Application
    internal: bool  # the reader sees the analysis (staff, reviewers not in conflict)
    state_label: str
    sections: list[tuple[Any, str]] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    budget_total: Decimal = Decimal("0.00")
    other_funding: list[OtherFunding] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    # Its agreement, once prepared, when the viewer may read it.
    agreement: Agreement | None = None


def _name(user: User | None) -> str:
    if user is None:
        return _("the platform")
    return user.get_full_name() or user.email


def activity_feed(application: Application, *, internal: bool) -> list[FeedItem]:
    """Comments, state changes (from the audit log) and revisions, oldest first. Applicants
    (`internal` False) read shared comments only, and a state change only when the public
    name of the state changes, under that name."""
    items: list[FeedItem] = []
    comments = application.comments.select_related("author")
    if not internal:
        comments = comments.filter(shared=True)
    for comment in comments:
        items.append(
            FeedItem(
                at=comment.created_at,
                kind="comment",
                text=comment.text,
                author=_name(comment.author),
                internal=not comment.shared,
            )
        )
    events = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(Application),
        target_id=str(application.pk),
        verb=FundingVerb.APPLICATION_TRANSITION.value,
    ).select_related("actor")
    label = workflows.APPLICATION.label
    for event in events:
        before, after = event.payload.get("from", ""), event.payload.get("to", "")
        if not internal and str(label(before, public=True)) == str(label(after, public=True)):
            continue
        items.append(
            FeedItem(
                at=event.created_at,
                kind="state",
                text=str(label(after, public=not internal)),
                author=_name(event.actor) if internal else "",
                note=str(event.payload.get("note") or ""),
            )
        )
    for revision in application.revisions.select_related("submitted_by"):
        items.append(
            FeedItem(
                at=revision.submitted_at,
                kind="revision",
                text=_("Revision %(number)s submitted") % {"number": revision.number},
                author=_name(revision.submitted_by),
                revision=revision.number,
            )
        )
    return sorted(items, key=lambda item: item.at)


def application_page(*, viewer: Viewer, application: Application) -> ApplicationPage:
    """An application as `viewer` may read it: applicants never get the analysis, internal
    comments nor internal state names."""
    internal = has_perm(viewer, "funding.view_analysis", application)
    answers = application.answers or {}
    budget = list(application.budget_lines.all())
    return ApplicationPage(
        application=application,
        internal=internal,
        state_label=application.state_label if internal else application.public_state_label,
        sections=[(s, str(answers.get(s.key, ""))) for s in stage_sections(application)],
        budget=budget,
        budget_total=sum((b.amount for b in budget), Decimal("0.00")),
        other_funding=list(application.other_funding.all()),
        attachments=list(application.attachments.select_related("required")),
        feed=activity_feed(application, internal=internal),
        revisions=list(application.revisions.all()),
        agreement=_readable_agreement(viewer, application),
    )


def _readable_agreement(viewer: Viewer, application: Application) -> Agreement | None:
    agreement = Agreement.objects.filter(application=application).first()
    if agreement is None or not has_perm(viewer, "funding.view_agreement", agreement):
        return None
    return agreement
