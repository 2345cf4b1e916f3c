"""The analysis of an application: its screening, its reviewers and their conflicts of
interest, and each reviewer's scores on the call's grid.

Every state change of the application goes through `applications.application_transition`
(checked, audited, and told to the applicants when the state they read changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.funding.models import (
    Application,
    Assignment,
    Conflict,
    ConflictSource,
    Criterion,
    Envelope,
    Review,
    Score,
    Screening,
    Stage,
)
from maillage.funding.selectors.reviews import committee_members, grid_total
from maillage.funding.services._common import user_of
from maillage.funding.services.applications import application_transition
from maillage.funding.verbs import FundingVerb
from maillage.network.models import Function, Seat

# The states in which an application has reviewers assigned and withdrawn.
ASSIGNABLE = ("screening", "in_review", "waiting_list")


# --- Screening ----------------------------------------------------------------------------


def _clean_checks(checks: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for check in checks:
        item = {
            "key": str(check["key"]),
            "label": str(check.get("label", check["key"])),
            "ok": bool(check["ok"]),
            "reason": str(check.get("reason") or "").strip(),
        }
        if not item["ok"] and not item["reason"]:
            raise ValidationError(
                {f"reason_{item['key']}": _("Say why this condition is not met.")}
            )
        cleaned.append(item)
    return cleaned


@transaction.atomic
def screening_record(
    *,
    actor: Actor,
    application: Application,
    checks: Iterable[Mapping[str, Any]],
    eligible: bool | None,
    note: str = "",
    envelope: Envelope | None = None,
) -> Screening:
    """Record the eligibility check of a submitted application (each check `{"key", "label",
    "ok", "reason"}`, a reason for every failed one) and the envelope it would draw on, then
    move it on: eligible → sent to the review committee (an intention of a two-step call:
    invited to the full application, the envelope chosen later); not eligible → declared so, the
    failed checks' reasons told to the applicant; `eligible` None → more information asked
    (`note` says what). A submitted application enters the screening first."""
    require(actor, "funding.manage")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state not in ("submitted", "screening"):
        raise ValidationError(
            {"eligible": _("Only a submitted application is screened.")}, code="state"
        )
    cleaned = _clean_checks(checks)
    note = note.strip()
    failed = [c for c in cleaned if not c["ok"]]
    if eligible and failed:
        raise ValidationError(
            {"eligible": _("An application that fails a condition is not eligible.")}
        )
    if eligible is False and not failed and not note:
        raise ValidationError({"note": _("Say why the application is not eligible.")})
    if eligible is None and not note:
        raise ValidationError({"note": _("Say what information is missing.")})
    if envelope is not None and not application.call.envelopes.filter(pk=envelope.pk).exists():
        raise ValidationError({"envelope": _("Choose one of the envelopes the call draws on.")})
    intention = application.stage == Stage.INTENTION
    if eligible and envelope is None and not intention:
        raise ValidationError({"envelope": _("Choose the envelope the project would draw on.")})
    if application.state == "submitted":
        application_transition(actor=actor, application=application, step="screen")
    screening = Screening.objects.filter(application=application).first() or Screening(
        application=application
    )
    screening.checks = cleaned
    screening.eligible = bool(eligible)
    screening.note = note
    screening.screened_by = user_of(actor)
    audit.audited_save(
        actor=actor,
        instance=screening,
        verb=FundingVerb.SCREENED,
        target=application,
        payload={
            "eligible": eligible,
            "failed": [c["key"] for c in failed],
            "envelope": envelope.pk if envelope else None,
        },
    )
    if envelope is not None and application.envelope_id != envelope.pk:
        application.envelope = envelope
        application.save(update_fields=["envelope", "updated_at"])
    if eligible:
        # A retained intention (two-step call) is invited to the full application; a full
        # application goes to the review committee.
        step = "invite" if intention else "qualify"
        application_transition(actor=actor, application=application, step=step, note=note)
    elif eligible is False:
        reasons = "\n".join(f"- {c['label']} : {c['reason']}" for c in failed)
        told = "\n\n".join(part for part in (reasons, note) if part)
        application_transition(
            actor=actor, application=application, step="reject_ineligible", note=told
        )
    else:
        application_transition(
            actor=actor, application=application, step="ask_more_information", note=note
        )
    return screening


# --- Reviewers and conflicts --------------------------------------------------------------


def _ties(reviewer: User, application: Application) -> list[tuple[str, int, str]]:
    """The reviewer's open functions and seats (held or substituted on) in the applying and
    co-applicant organizations: `(source, organization id, what)` each."""
    organizations = {
        application.organization_id,
        *application.co_applicants.values_list("pk", flat=True),
    }
    today = timezone.localdate()
    found: dict[tuple[str, int], str] = {}
    functions = (
        Function.objects.filter(person__user=reviewer, organization_id__in=organizations)
        .exclude(end_date__lt=today)
        .select_related("organization")
    )
    for function in functions:
        found.setdefault(
            (ConflictSource.FUNCTION, function.organization_id),
            _("%(title)s at %(organization)s")
            % {"title": function.title, "organization": function.organization.name},
        )
    seats = (
        Seat.objects.filter(organization_id__in=organizations)
        .exclude(end_date__lt=today)
        .filter(Q(holder__user=reviewer) | Q(substitutes__user=reviewer))
        .select_related("organization")
        .distinct()
    )
    for seat in seats:
        found.setdefault(
            (ConflictSource.SEAT, seat.organization_id),
            _("Sits for %(organization)s") % {"organization": seat.organization.name},
        )
    return [(source, org, what) for (source, org), what in found.items()]


def _record_conflict(
    actor: Actor,
    application: Application,
    reviewer: User,
    source: str,
    reason: str,
    organization_id: int | None = None,
) -> Conflict | None:
    recorded = Conflict.objects.filter(application=application, reviewer=reviewer, source=source)
    if organization_id is None:
        recorded = recorded.filter(organization__isnull=True)
    else:
        recorded = recorded.filter(organization_id=organization_id)
    if recorded.exists():
        return None
    return audit.audited_save(
        actor=actor,
        instance=Conflict(
            application=application,
            reviewer=reviewer,
            source=source,
            organization_id=organization_id,
            reason=reason[:500],
            recorded_by=user_of(actor),
        ),
        verb=FundingVerb.CONFLICT_RECORDED,
        target=application,
        payload={"reviewer": reviewer.pk, "source": source, "organization": organization_id},
    )


@transaction.atomic
def reviewers_assign(
    *, actor: Actor, application: Application, reviewers: Iterable[User]
) -> list[Assignment]:
    """Ask members of the call's review committee to review the application. The conflicts
    their seats, substitute seats and functions in the applying or a co-applicant organization
    make are recorded at once: such a reviewer is assigned but excluded (they see neither the
    reviews nor the discussion, and score nothing). Returns the new assignments."""
    require(actor, "funding.manage")
    if application.state not in ASSIGNABLE:
        raise ValidationError(
            {"reviewers": _("Reviewers are assigned while the application is being analysed.")}
        )
    if application.call.committee_id is None:
        raise ValidationError(
            {"reviewers": _("The call has no review committee to take reviewers from.")}
        )
    wanted = {r.pk: r for r in reviewers}
    members = set(committee_members(application).filter(pk__in=wanted).values_list("pk", flat=True))
    outsiders = [str(r) for pk, r in wanted.items() if pk not in members]
    if outsiders:
        raise ValidationError(
            {
                "reviewers": _("Not a member of the review committee: %(names)s.")
                % {"names": ", ".join(outsiders)}
            }
        )
    already = set(
        Assignment.objects.filter(application=application).values_list("reviewer_id", flat=True)
    )
    created = []
    for pk, reviewer in sorted(wanted.items()):
        if pk in already:
            continue
        assignment = audit.audited_save(
            actor=actor,
            instance=Assignment(
                application=application, reviewer=reviewer, assigned_by=user_of(actor)
            ),
            verb=FundingVerb.REVIEWER_ASSIGNED,
            target=application,
            payload={"reviewer": pk},
        )
        created.append(assignment)
        # The conflict's reason is kept in the platform's language, whoever assigned.
        with translation.override(settings.LANGUAGE_CODE):
            ties = _ties(reviewer, application)
        for source, organization_id, what in ties:
            _record_conflict(actor, application, reviewer, source, what, organization_id)
    return created


@transaction.atomic
def reviewer_unassign(*, actor: Actor, application: Application, reviewer: User) -> None:
    """Withdraw a reviewer who has not submitted a review (their draft goes with them)."""
    require(actor, "funding.manage")
    assignment = Assignment.objects.filter(application=application, reviewer=reviewer).first()
    if assignment is None:
        raise ValidationError({"reviewer": _("This person is not a reviewer of the application.")})
    if Review.objects.filter(
        application=application, reviewer=reviewer, submitted_at__isnull=False
    ).exists():
        raise ValidationError(
            {"reviewer": _("This reviewer has submitted a review: it stays on the record.")}
        )
    Review.objects.filter(application=application, reviewer=reviewer).delete()
    assignment.delete()
    audit.record(
        actor=actor,
        verb=FundingVerb.REVIEWER_UNASSIGNED,
        target=application,
        payload={"reviewer": reviewer.pk},
    )


@transaction.atomic
def conflict_declare(*, actor: Actor, application: Application, reason: str) -> Conflict:
    """A reviewer declares a conflict of interest with an application they are assigned to:
    from then on they are excluded from it (and a review they submitted counts nowhere)."""
    require(actor, "funding.declare_conflict", application)
    reviewer = user_of(actor)
    assert reviewer is not None  # the permission is an assignment's
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what ties you to the project.")})
    conflict = _record_conflict(actor, application, reviewer, ConflictSource.DECLARED, reason)
    if conflict is None:
        raise ValidationError({"reason": _("You have already declared a conflict of interest.")})
    return conflict


# --- Scores -------------------------------------------------------------------------------


def _review_for(actor: Actor, application: Application) -> tuple[User, Review]:
    require(actor, "funding.review", application)
    reviewer = user_of(actor)
    assert reviewer is not None  # the permission is an assignment's
    if application.state != "in_review":
        raise ValidationError(_("Reviews are written while the application is in review."))
    review = (
        Review.objects.select_for_update()
        .filter(application=application, reviewer=reviewer)
        .first()
    )
    if review is not None and review.submitted_at is not None:
        raise ValidationError(_("Your review is submitted: it can no longer be changed."))
    return reviewer, review or Review(application=application, reviewer=reviewer)


def _store(
    review: Review,
    criteria: list[Criterion],
    scores: Mapping[int, int | None],
    comments: Mapping[int, str],
) -> dict[int, int]:
    errors: dict[str, str] = {}
    kept: dict[int, int] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            continue
        if not 0 <= value <= criterion.scale_max:
            errors[f"score_{criterion.pk}"] = _("Give a score from 0 to %(max)s.") % {
                "max": criterion.scale_max
            }
            continue
        kept[criterion.pk] = value
    unknown = set(scores) - {c.pk for c in criteria}
    if unknown:
        errors["__all__"] = _("A score names a criterion of another grid.")
    if errors:
        raise ValidationError(errors)
    review.save()
    Score.objects.filter(review=review).exclude(criterion_id__in=kept).delete()
    existing = {s.criterion_id: s for s in Score.objects.filter(review=review)}
    for criterion_id, value in kept.items():
        score = existing.get(criterion_id) or Score(review=review, criterion_id=criterion_id)
        score.value = value
        score.comment = (comments.get(criterion_id) or "").strip()
        score.save()
    return kept


@transaction.atomic
def review_save(
    *,
    actor: Actor,
    application: Application,
    scores: Mapping[int, int | None],
    comments: Mapping[int, str] | None = None,
    comment: str = "",
) -> Review:
    """Save the reviewer's draft: a score per criterion of the call's grid (by criterion key;
    None leaves it unscored), each within its scale, a comment per criterion and an overall
    one. A draft counts in no total."""
    _reviewer, review = _review_for(actor, application)
    criteria = list(Criterion.objects.filter(call_id=application.call_id))
    review.comment = comment.strip()
    kept = _store(review, criteria, scores, comments or {})
    audit.record(
        actor=actor,
        verb=FundingVerb.REVIEW_SAVED,
        target=application,
        payload={"review": review.pk, "scored": len(kept)},
    )
    return review


@transaction.atomic
def review_submit(
    *,
    actor: Actor,
    application: Application,
    scores: Mapping[int, int | None],
    comments: Mapping[int, str] | None = None,
    comment: str = "",
) -> Review:
    """Save the review and submit it: every criterion of the grid scored. Its weighted total
    (`selectors.reviews.grid_total`) is kept; it counts in the application's average unless
    its reviewer is excluded."""
    _reviewer, review = _review_for(actor, application)
    criteria = list(Criterion.objects.filter(call_id=application.call_id))
    review.comment = comment.strip()
    kept = _store(review, criteria, scores, comments or {})
    missing = {f"score_{c.pk}": _("Score this criterion.") for c in criteria if c.pk not in kept}
    if missing:
        raise ValidationError(missing)
    total = grid_total(
        [(kept[c.pk], c.scale_max, c.weight) for c in criteria], [c.weight for c in criteria]
    )
    return audit.audited_set(
        actor=actor,
        instance=review,
        verb=FundingVerb.REVIEW_SUBMITTED,
        target=application,
        values={"total": total, "submitted_at": timezone.now()},
        payload={"review": review.pk, "total": str(total)},
    )
