"""The review committee's recommendation: prepared by staff, taken to a consent decision of the
call's committee (decisions app), then applied to each application once consented."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import SYSTEM, require
from maillage.core.services import notify
from maillage.decisions.models import Decision, ProcessMode, Visibility
from maillage.decisions.services import ProcessData, process_start
from maillage.funding.models import (
    Application,
    Call,
    Outcome,
    Recommendation,
    RecommendationLine,
)
from maillage.funding.models._common import dollars
from maillage.funding.selectors.recommendations import RECOMMENDABLE_STATES
from maillage.funding.services._common import user_of
from maillage.funding.services.applications import application_transition
from maillage.funding.services.funds import MoneyRefused, envelope_commit
from maillage.funding.verbs import FundingVerb


@dataclass
class LineData:
    """One application's place in a recommendation."""

    application: Application
    outcome: str
    amount: Decimal | None = None
    conditions: str = ""
    reasons: str = ""


def _check_line(call: Call, line: LineData) -> None:
    reference = line.application.reference
    if line.application.call_id != call.pk:
        raise ValidationError(_("%(ref)s is not an application to this call.") % {"ref": reference})
    if line.application.state not in RECOMMENDABLE_STATES:
        raise ValidationError(
            _("%(ref)s is not waiting for the committee's recommendation.") % {"ref": reference}
        )
    if line.outcome not in Outcome.values:
        raise ValidationError(_("%(ref)s: choose an outcome.") % {"ref": reference})
    if line.outcome == Outcome.ACCEPT and (line.amount is None or line.amount <= 0):
        raise ValidationError(
            _("%(ref)s: an accepted project needs an amount.") % {"ref": reference}
        )
    if line.outcome == Outcome.DECLINE and not line.reasons.strip():
        raise ValidationError(
            _("%(ref)s: give the applicant the reasons of the refusal.") % {"ref": reference}
        )


def _proposal(call: Call, lines: list[LineData]) -> str:
    """The proposal's text: one line per application, as the committee consents to it."""
    parts = [_("The review committee recommends, for the call “%(call)s”:") % {"call": call.title}]
    for line in lines:
        a = line.application
        head = f"{a.reference} {a.title} ({a.organization.name})"
        if line.outcome == Outcome.ACCEPT:
            text = _("accept for %(amount)s") % {"amount": dollars(line.amount)}
            if line.conditions.strip():
                text += _(", on these conditions: %(conditions)s") % {
                    "conditions": line.conditions.strip()
                }
        elif line.outcome == Outcome.DECLINE:
            text = _("decline: %(reasons)s") % {"reasons": line.reasons.strip()}
        else:
            text = _("put on the waiting list")
        parts.append(f"- {head} : {text}")
    return "\n".join(parts)


@transaction.atomic
def recommendation_prepare(
    *, actor: Actor, call: Call, lines: Iterable[LineData], note: str = ""
) -> Recommendation:
    """Put the committee's recommendation on applications of `call` (accept with an amount and
    conditions, decline with reasons for the applicant, or the waiting list) to a consent
    process of the call's review committee; the applications go before the committee."""
    require(actor, "funding.manage")
    lines = list(lines)
    if call.committee_id is None:
        raise ValidationError(_("The call has no review committee to take the decision."))
    if not lines:
        raise ValidationError(_("The recommendation names no application."))
    if len({line.application.pk for line in lines}) != len(lines):
        raise ValidationError(_("An application appears twice in the recommendation."))
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update()
        .filter(pk__in=[line.application.pk for line in lines])
        .select_related("organization")
    }
    for line in lines:
        line.application = applications[line.application.pk]
        _check_line(call, line)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Recommendation of the review committee: %(call)s") % {"call": call.title}
        proposal = _proposal(call, lines)
    process = process_start(
        actor=actor,
        data=ProcessData(
            title=title[:200],
            proposal=proposal,
            circle=call.committee,
            rationale=note.strip(),
            mode=ProcessMode.ASYNC,
            visibility=Visibility.INTERNAL,
        ),
    )
    recommendation = audit.audited_save(
        actor=actor,
        instance=Recommendation(
            call=call, process=process, note=note.strip(), created_by=user_of(actor)
        ),
        verb=FundingVerb.RECOMMENDATION_PREPARED,
        payload=lambda r: {"process": process.pk, "lines": len(lines)},
    )
    RecommendationLine.objects.bulk_create(
        RecommendationLine(
            recommendation=recommendation,
            application=line.application,
            outcome=line.outcome,
            # `money()` fields are typed without their null.
            amount=line.amount if line.outcome == Outcome.ACCEPT else None,  # type: ignore[misc]
            conditions=line.conditions.strip() if line.outcome == Outcome.ACCEPT else "",
            reasons=line.reasons.strip() if line.outcome == Outcome.DECLINE else "",
        )
        for line in lines
    )
    for line in lines:
        application_transition(actor=actor, application=line.application, step="recommend")
    return recommendation


def _apply_line(line: RecommendationLine) -> str | None:
    """Set one application's result as the platform; None, or why its money was refused."""
    application = line.application
    if line.outcome == Outcome.ACCEPT:
        assert line.amount is not None  # a check constraint of the model
        try:
            with transaction.atomic():
                if application.envelope is None:
                    raise MoneyRefused({"amount": _("No envelope was chosen at screening.")})
                envelope_commit(
                    actor=SYSTEM,
                    envelope=application.envelope,
                    application=application,
                    amount=line.amount,
                    note=_("Committee's decision"),
                )
                application_transition(
                    actor=SYSTEM,
                    application=application,
                    step="accept",
                    amount_granted=line.amount,
                    conditions=line.conditions,
                    decision_reasons="",
                )
        except MoneyRefused as refused:
            # Accepted without money would be a promise the fund cannot keep: the project
            # waits, and staff are told why.
            application_transition(
                actor=SYSTEM,
                application=application,
                step="put_on_waiting_list",
                payload={"refused": " ".join(refused.messages)},
            )
            return " ".join(refused.messages)
    elif line.outcome == Outcome.DECLINE:
        application_transition(
            actor=SYSTEM,
            application=application,
            step="decline",
            note=line.reasons,
            decision_reasons=line.reasons,
        )
    else:
        application_transition(actor=SYSTEM, application=application, step="put_on_waiting_list")
    return None


@transaction.atomic
def recommendation_apply(*, actor: Actor, recommendation: Recommendation) -> list[str]:
    """Once the committee consented: each application's result (accepted with its amount and
    conditions and its money committed on its envelope; declined with the reasons told to the
    applicant; or the waiting list). An acceptance whose envelope cannot bear the amount puts
    the application on the waiting list instead, and says so (returned, audited, and told to
    whoever prepared the recommendation). Applied once."""
    if actor is not SYSTEM:
        require(actor, "funding.manage")
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.applied_at is not None:
        return []
    refusals = []
    lines = RecommendationLine.objects.filter(recommendation=recommendation).select_related(
        "application__envelope", "application__call"
    )
    for line in lines:
        if line.application.state != "recommended":
            continue  # withdrawn or moved on since: nothing to decide any more
        refused = _apply_line(line)
        if refused:
            message = f"{line.application.reference} : {refused}"
            refusals.append(message)
            audit.record(
                actor=actor,
                verb=FundingVerb.RECOMMENDATION_REFUSED,
                target=line.application,
                payload={"recommendation": recommendation.pk, "reason": refused},
            )
    audit.audited_set(
        actor=actor,
        instance=recommendation,
        verb=FundingVerb.RECOMMENDATION_APPLIED,
        values={"applied_at": timezone.now()},
        payload={"refused": refusals},
    )
    if refusals and recommendation.created_by is not None:
        with translation.override(settings.LANGUAGE_CODE):
            notify(
                recipient=recommendation.created_by,
                subject=_("Money refused for projects of “%(call)s”")
                % {"call": recommendation.call.title},
                body="\n".join(refusals),
                url=reverse("funding:recommendation_detail", args=[recommendation.pk]),
            )
    return refusals


def decision_apply(decision: Decision) -> list[str]:
    """A decision just taken: if it consents to a recommendation, apply it as the platform."""
    recommendation = Recommendation.objects.filter(process_id=decision.process_id).first()
    if recommendation is None:
        return []
    return recommendation_apply(actor=SYSTEM, recommendation=recommendation)
