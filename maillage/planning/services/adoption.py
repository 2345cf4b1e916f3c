"""Adoption of the work plan by consent: a plan or an objective is put to a consent process of
a circle (the general circle by default), created through the decisions app's own service with a
proposal text built from what is adopted; when that process closes into a decision
(`decisions.signals.decision_taken`, see `receivers`), what it carried is marked adopted and the
adoption is recorded on the decision, where its history shows it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_set, record
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM, require
from maillage.decisions.models import Decision, Process, ProcessMode, Visibility
from maillage.decisions.services import ProcessData, process_start
from maillage.governance.models import Circle
from maillage.planning.models import Objective, Plan, Target
from maillage.planning.verbs import PlanningVerb


def general_circle() -> Circle | None:
    return Circle.objects.filter(parent__isnull=True).order_by("pk").first()


def _figure(value: Decimal) -> str:
    return number_format(value, decimal_pos=None, use_l10n=True).rstrip("0").rstrip(",.")


def _target_line(target: Target) -> str:
    return _("%(label)s: from %(baseline)s (%(year)s) to %(goal)s %(unit)s by %(date)s") % {
        "label": target.label,
        "baseline": _figure(target.baseline_value),
        "year": target.baseline_year,
        "goal": _figure(target.target_value),
        "unit": target.unit,
        "date": long_date(target.target_date),
    }


def objective_proposal(objective: Objective) -> str:
    """The text put to consent for `objective`: its title, description and targets."""
    parts = [
        _("We propose to adopt the objective “%(title)s” of the work plan %(plan)s.")
        % {"title": objective.title, "plan": objective.orientation.plan.title}
    ]
    if objective.description:
        parts += ["", objective.description]
    targets = list(objective.targets.select_related("indicator", "territory"))
    if targets:
        parts += ["", _("Its targets:")]
        parts += [f"- {_target_line(t)}" for t in targets]
    return "\n".join(parts)


def plan_proposal(plan: Plan) -> str:
    """The text put to consent for `plan`: its vision, orientations and objectives."""
    parts = [
        _("We propose to adopt the work plan “%(title)s” (%(period)s).")
        % {"title": plan.title, "period": plan.period}
    ]
    if plan.vision:
        parts += ["", _("Vision: %(vision)s") % {"vision": plan.vision}]
    for orientation in plan.orientations.prefetch_related("objectives"):
        parts += ["", _("Orientation: %(title)s") % {"title": orientation.title}]
        parts += [f"- {objective.title}" for objective in orientation.objectives.all()]
    return "\n".join(parts)


def _submit(
    *, actor: Actor, subject: Plan | Objective, circle: Circle | None, title: str, proposal: str
) -> Process:
    require(actor, "planning.propose_adoption")
    if subject.adopted_at is not None:
        raise ValidationError(_("This is already adopted."))
    under_way = subject.adoption_process
    if under_way is not None and under_way.state not in (
        "withdrawn",
        "escalated",
    ):
        raise ValidationError(_("A consent process is already under way for it."))
    circle = circle or general_circle()
    if circle is None:
        raise ValidationError({"circle": _("There is no circle to put it to.")})
    process = process_start(
        actor=actor,
        data=ProcessData(
            title=title[:200],
            proposal=proposal,
            circle=circle,
            mode=ProcessMode.ASYNC,
            visibility=Visibility.PUBLIC,
        ),
    )
    audited_set(
        actor=actor,
        instance=subject,
        verb=PlanningVerb.SUBMITTED,
        values={"adoption_process": process},
        payload={"process": process.pk, "title": process.title},
    )
    return process


@transaction.atomic
def objective_submit(
    *, actor: Actor, objective: Objective, circle: Circle | None = None
) -> Process:
    """Put `objective` to a consent process of `circle` (the general circle by default)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Adoption of the objective “%(title)s”") % {"title": objective.title}
        proposal = objective_proposal(objective)
    return _submit(actor=actor, subject=objective, circle=circle, title=title, proposal=proposal)


@transaction.atomic
def plan_submit(*, actor: Actor, plan: Plan, circle: Circle | None = None) -> Process:
    """Put `plan` to a consent process of `circle` (the general circle by default)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Adoption of the work plan “%(title)s”") % {"title": plan.title}
        proposal = plan_proposal(plan)
    return _submit(actor=actor, subject=plan, circle=circle, title=title, proposal=proposal)


def decision_adopt(decision: Decision) -> list[Plan | Objective]:
    """A decision just taken: the plan and objectives its process carried are adopted (as the
    platform: the consent is the authority), each adoption recorded on the decision (its
    history lists it) and on what it adopted."""
    adopted: list[Plan | Objective] = [
        *Plan.objects.filter(adoption_process_id=decision.process_id, adopted_at__isnull=True),
        *Objective.objects.filter(adoption_process_id=decision.process_id, adopted_at__isnull=True),
    ]
    for subject in adopted:
        audited_set(
            actor=SYSTEM,
            instance=subject,
            verb=PlanningVerb.ADOPTED,
            values={"adopted_at": decision.decided_at or timezone.now()},
            payload={"decision": decision.pk, "title": decision.title},
        )
        kind = "objective" if isinstance(subject, Objective) else "plan"
        record(
            actor=SYSTEM,
            verb=PlanningVerb.DECISION_ADOPTS,
            target=decision,
            payload={"title": subject.title_fr, kind: subject.pk},
        )
    return adopted
