"""Calls for projects: created and amended by staff, their form and scoring grid edited while
no application is submitted, published, closed at their closing time, archived."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM, require
from maillage.core.slugs import unique_slug
from maillage.core.versions import lock
from maillage.funding import workflows
from maillage.funding.models import Call, Criterion, Envelope, Fund, RequiredAttachment, Section
from maillage.funding.models._common import dollars
from maillage.funding.services._common import fire, user_of
from maillage.funding.verbs import FundingVerb
from maillage.governance.models import Circle
from maillage.network.models import Organization, Sector
from maillage.territories.models import Territory

# What a call is described by (its relations apart).
_CALL_FIELDS = (
    "title",
    "summary",
    "description",
    "opens_on",
    "closes_at",
    "decisions_expected_on",
    "committee",
    "max_amount",
    "project_end_by",
    "two_steps",
    "minimum_score",
)
_CALL_RELATIONS = ("envelopes", "eligible_sectors", "eligible_territories")

# The staff's list of calls sits beside the calls' own pages (`appels-de-projets/gestion/`,
# `calls/manage/`): no call may take its word.
STAFF_PATHS = ("gestion", "manage")


def _snapshot(call: Call) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: str(getattr(call, f"{name}_id" if name == "committee" else name))
        for name in _CALL_FIELDS
    }
    if call.pk:
        for name in _CALL_RELATIONS:
            values[name] = sorted(getattr(call, name).values_list("pk", flat=True))
    return values


def _check(fund: Fund, values: Mapping[str, Any], envelopes: Iterable[Envelope] | None) -> None:
    errors: dict[str, str] = {}
    opens_on, closes_at = values.get("opens_on"), values.get("closes_at")
    if opens_on and closes_at and timezone.localdate(closes_at) < opens_on:
        errors["closes_at"] = _("A call cannot close before it opens.")
    if envelopes is not None and any(e.fund_id != fund.pk for e in envelopes):
        errors["envelopes"] = _("A call draws only on envelopes of its fund.")
    score = values.get("minimum_score")
    if score is not None and not Decimal(0) <= score <= 100:
        errors["minimum_score"] = _("The minimum score is out of 100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def call_create(
    *,
    actor: Actor,
    fund: Fund,
    title: str,
    opens_on: date,
    closes_at: datetime,
    summary: str = "",
    description: str = "",
    decisions_expected_on: date | None = None,
    committee: Circle | None = None,
    max_amount: Decimal | None = None,
    project_end_by: date | None = None,
    two_steps: bool = False,
    minimum_score: Decimal | None = None,
    envelopes: Iterable[Envelope] = (),
    eligible_sectors: Iterable[Sector] = (),
    eligible_territories: Iterable[Territory] = (),
) -> Call:
    """A call for projects of `fund`, as a draft: its form and grid come next, then it is
    published."""
    require(actor, "funding.manage")
    values = {
        "title": title,
        "summary": summary,
        "description": description,
        "opens_on": opens_on,
        "closes_at": closes_at,
        "decisions_expected_on": decisions_expected_on,
        "committee": committee,
        "max_amount": max_amount,
        "project_end_by": project_end_by,
        "two_steps": two_steps,
        "minimum_score": minimum_score,
    }
    envelopes = list(envelopes)
    _check(fund, values, envelopes)
    slug = unique_slug(Call, title, reserved=STAFF_PATHS)
    call = Call(fund=fund, slug=slug, created_by=user_of(actor), **values)
    return audit.audited_save(
        actor=actor,
        instance=call,
        verb=FundingVerb.CALL_CREATED,
        payload=_snapshot,
        relations={
            "envelopes": envelopes,
            "eligible_sectors": list(eligible_sectors),
            "eligible_territories": list(eligible_territories),
        },
    )


@transaction.atomic
def call_update(
    *, actor: Actor, call: Call, version: str | None = None, **values: Any
) -> dict[str, list[Any]]:
    """Amend a call's description, dates, eligibility or envelopes (`envelopes`,
    `eligible_sectors`, `eligible_territories` as iterables), refused when the call changed
    since `version`; the audit event records what changed. Returns the changes."""
    require(actor, "funding.manage")
    lock(call, version=version)
    unknown = set(values) - set(_CALL_FIELDS) - set(_CALL_RELATIONS)
    if unknown:
        raise TypeError(f"call_update() cannot set {sorted(unknown)}")
    relations = {name: list(values.pop(name)) for name in _CALL_RELATIONS if name in values}
    envelopes = relations.get("envelopes")
    _check(call.fund, {name: getattr(call, name) for name in _CALL_FIELDS} | values, envelopes)

    def fill(instance: Call) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    return audit.audited_update(
        actor=actor,
        instance=call,
        verb=FundingVerb.CALL_AMENDED,
        snapshot=_snapshot,
        fill=fill,
        relations=relations,
    )


# The form (sections, required documents) and the scoring grid.


def grid_locked(call: Call) -> bool:
    """Whether an application was submitted to the call: its form and grid are then fixed."""
    return call.applications.exclude(state__in=["draft"]).exists()


@dataclass(frozen=True)
class SectionData:
    title: str
    help_text: str = ""
    required: bool = True
    in_intention: bool = False
    max_words: int | None = None
    key: str = ""
    pk: int | None = None


@dataclass(frozen=True)
class AttachmentData:
    title: str
    description: str = ""
    in_intention: bool = False
    pk: int | None = None


@dataclass(frozen=True)
class CriterionData:
    title: str
    weight: Decimal
    scale_max: int = 5
    description: str = ""
    pk: int | None = None


def _replace[M: models.Model](
    model: type[M], call: Call, rows: Sequence[Any], fields: Sequence[str]
) -> list[dict[str, Any]]:
    """Make the call's rows of `model` be `rows`, in their order: a row with a key updates
    that record, one without creates a record, and the records not named are deleted."""
    existing = {r.pk: r for r in model._default_manager.filter(call=call)}
    kept: set[int] = set()
    saved: list[dict[str, Any]] = []
    for position, row in enumerate(rows, start=1):
        values = {name: getattr(row, name) for name in fields} | {"position": position}
        record = existing.get(row.pk) if row.pk is not None else None
        if record is None:
            record = model(call=call, **values)
        else:
            for name, value in values.items():
                setattr(record, name, value)
        record.full_clean()
        record.save()
        kept.add(record.pk)
        saved.append({"pk": record.pk, **{k: str(v) for k, v in values.items()}})
    removed = [pk for pk in existing if pk not in kept]
    model._default_manager.filter(pk__in=removed).delete()
    return saved


def _section_keys(call: Call, sections: Sequence[SectionData]) -> list[SectionData]:
    """Each section keeps its key (the applications' answers are filed under it); a new one
    gets a key made of its title, unique in the call."""
    known = dict(Section.objects.filter(call=call).values_list("pk", "key"))
    taken: set[str] = set()
    keyed: list[SectionData] = []
    for row in sections:
        key = known.get(row.pk) if row.pk is not None else None
        if key is None:
            base = slugify(row.key or row.title)[:56] or "section"
            key, n = base, 2
            while key in taken or key in known.values():
                key, n = f"{base}-{n}", n + 1
        taken.add(key)
        keyed.append(
            SectionData(
                title=row.title,
                help_text=row.help_text,
                required=row.required,
                in_intention=row.in_intention,
                max_words=row.max_words,
                key=key,
                pk=row.pk,
            )
        )
    return keyed


@transaction.atomic
def call_grid_set(
    *,
    actor: Actor,
    call: Call,
    sections: Sequence[SectionData],
    attachments: Sequence[AttachmentData],
    criteria: Sequence[CriterionData],
) -> Call:
    """Set the call's form sections, required documents and scoring criteria, in their order.
    Refused once an application is submitted: the applications and the scores would no longer
    answer the same questions."""
    require(actor, "funding.manage")
    call = Call.objects.select_for_update().get(pk=call.pk)
    if grid_locked(call):
        raise ValidationError(
            _("An application was submitted to this call: its form and its grid are fixed.")
        )
    if not criteria:
        raise ValidationError({"criteria": _("The scoring grid needs at least one criterion.")})
    payload = {
        "sections": _replace(
            Section,
            call,
            _section_keys(call, sections),
            ("key", "title", "help_text", "required", "in_intention", "max_words"),
        ),
        "attachments": _replace(
            RequiredAttachment, call, attachments, ("title", "description", "in_intention")
        ),
        "criteria": _replace(
            Criterion, call, criteria, ("title", "description", "weight", "scale_max")
        ),
    }
    audit.record(actor=actor, verb=FundingVerb.CALL_AMENDED, target=call, payload=payload)
    return call


# Its life: published, closed, archived.


@transaction.atomic
def call_transition(*, actor: Actor, call: Call, step: str) -> Call:
    """Publish, close or archive a call (checked for `actor`, audited). A call is published
    with its grid and the envelopes it draws on."""
    require(actor, "funding.manage")
    if step == "publish":
        missing = []
        if not call.criteria.exists():
            missing.append(_("a scoring grid"))
        if not call.envelopes.exists():
            missing.append(_("the envelopes it draws on"))
        if missing:
            raise ValidationError(
                _("Give the call %(missing)s before publishing it.")
                % {"missing": _(" and ").join(str(m) for m in missing)}
            )
    return fire(
        actor=actor,
        instance=call,
        workflow=workflows.CALL,
        step=step,
        verb=FundingVerb.CALL_TRANSITION,
    )


@transaction.atomic
def calls_close_due(*, actor: Actor = SYSTEM, now: datetime | None = None) -> int:
    """Close the published calls whose closing time has passed. Returns how many."""
    now = now or timezone.now()
    due = Call.objects.select_for_update().filter(state="published", closes_at__lte=now)
    closed = 0
    for call in due:
        call_transition(actor=actor, call=call, step="close")
        closed += 1
    return closed


# Who may apply.


def call_accepting(call: Call, now: datetime | None = None) -> bool:
    """Whether the call takes applications now: published, opened and not closed."""
    now = now or timezone.now()
    return (
        call.state in workflows.CALL.keys_tagged(workflows.ACCEPTING)
        and call.opens_on <= timezone.localdate(now)
        and now < call.closes_at
    )


def _inside(territories: Iterable[Territory], eligible: set[int]) -> list[Territory]:
    """The territories that are neither eligible nor within an eligible one."""
    served = list(territories)
    ancestry = {
        row[0]: {pk for pk in row if pk is not None}
        for row in Territory.objects.filter(pk__in=[t.pk for t in served]).values_list(
            "pk", "parent_id", "parent__parent_id", "parent__parent__parent_id"
        )
    }
    return [t for t in served if not ancestry.get(t.pk, {t.pk}) & eligible]


def call_eligibility(
    call: Call,
    organization: Organization,
    territories: Iterable[Territory],
    amount: Decimal | None,
    end_date: date | None,
) -> list[str]:
    """Why an application of `organization` for `territories`, `amount` and a project ending
    on `end_date` is not eligible to `call` (its sectors, territories, maximum amount and
    latest end); empty when it is."""
    reasons: list[str] = []
    sectors = {s.pk: s for s in call.eligible_sectors.all()}
    if sectors and not organization.sectors.filter(pk__in=sectors).exists():
        reasons.append(
            _("The call is open to organizations of these sectors only: %(sectors)s.")
            % {"sectors": ", ".join(sorted(str(s) for s in sectors.values()))}
        )
    eligible = {t.pk: t for t in call.eligible_territories.all()}
    served = list(territories)
    if eligible:
        if not served:
            reasons.append(_("Name the territories the project serves."))
        outside = _inside(served, set(eligible))
        if outside:
            reasons.append(
                _("%(outside)s: outside the call's territories (%(eligible)s).")
                % {
                    "outside": ", ".join(str(t) for t in outside),
                    "eligible": ", ".join(sorted(str(t) for t in eligible.values())),
                }
            )
    if call.max_amount is not None and amount is not None and amount > call.max_amount:
        reasons.append(
            _("The call funds at most %(max)s per project: %(amount)s is more.")
            % {"max": dollars(call.max_amount), "amount": dollars(amount)}
        )
    if call.project_end_by is not None:
        if end_date is None:
            reasons.append(
                _("Give the project's end: projects end no later than %(date)s.")
                % {"date": long_date(call.project_end_by)}
            )
        elif end_date > call.project_end_by:
            reasons.append(
                _("Projects end no later than %(date)s: this one ends on %(end)s.")
                % {"date": long_date(call.project_end_by), "end": long_date(end_date)}
            )
    return reasons
