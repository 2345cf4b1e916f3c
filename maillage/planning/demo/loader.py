"""Writes the planning demo: the plan directly into the models, its adoptions through the
decisions app's services (a consent process of the general circle, its answers recorded by the
facilitator, as the participation demo takes its decisions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors as decision_selectors
from maillage.decisions import services as decisions
from maillage.decisions.models import Position, ProcessMode, Visibility
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.network.models import Organization
from maillage.planning.demo.content import PLAN, DemoAction, DemoTarget
from maillage.planning.models import (
    Action,
    Need,
    Objective,
    Orientation,
    Plan,
    ProgressUpdate,
    Target,
    TargetKind,
)
from maillage.planning.services.adoption import (
    general_circle,
    objective_proposal,
    plan_proposal,
)
from maillage.portrait.models import Indicator
from maillage.territories.models import Territory


def _territories(codes: tuple[str, ...]) -> list[Territory]:
    return list(Territory.objects.filter(code__in=codes))


def _target(objective: Objective, demo: DemoTarget, position: int, stdout: Any) -> None:
    values: dict[str, Any] = {}
    if demo.indicator:
        indicator = Indicator.objects.filter(key=demo.indicator).first()
        territory = Territory.objects.filter(code=demo.territory).first()
        if indicator is None or territory is None:
            stdout.write(
                _("Planning demo: no indicator “%(key)s” for %(code)s, its target is skipped.")
                % {"key": demo.indicator, "code": demo.territory}
            )
            return
        values = {"kind": TargetKind.INDICATOR, "indicator": indicator, "territory": territory}
    else:
        values = {"kind": TargetKind.COUNT, "unit_fr": demo.unit_fr, "unit_en": demo.unit_en}
    target = Target.objects.create(
        objective=objective,
        label_fr=demo.label_fr,
        label_en=demo.label_en,
        baseline_value=Decimal(demo.baseline),
        baseline_year=demo.baseline_year,
        target_value=Decimal(demo.goal),
        target_date=demo.by,
        position=position,
        **values,
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            objective=objective, target=target, date=day, value=Decimal(count), note=note
        )
        for day, count, note in demo.updates
    )


def _action(
    objective: Objective, demo: DemoAction, position: int, partners: list[Organization]
) -> None:
    action = Action.objects.create(
        objective=objective,
        title_fr=demo.title_fr,
        title_en=demo.title_en,
        start=demo.start,
        end=demo.end,
        budget=Decimal(demo.budget),
        status=demo.status,
        position=position,
    )
    action.circles.set(Circle.objects.filter(slug__in=demo.carriers))
    action.workstreams.set(Workstream.objects.filter(slug__in=demo.carriers))
    action.territories.set(_territories(demo.territories))
    action.strategies.set(Strategy.objects.filter(key__in=demo.strategies))
    action.partners.set(partners[position % max(1, len(partners)) :][:2])


def _speakers(circle: Circle) -> list[Any]:
    people = [v.holders[0] for v in decision_selectors.voices(circle) if v.holders]
    return [p for p in people if p.email != MEMBER_EMAIL][:4]


def _adopt(
    subject: Plan | Objective, *, title: str, proposal: str, adopted: bool, staff: User, stdout: Any
) -> None:
    """Put the plan or the objective to a consent process of the general circle; `adopted`:
    its answers recorded and the round closed, which adopts it (`receivers`); else presented
    only."""
    circle = general_circle()
    people = _speakers(circle) if circle else []
    if circle is None or not people:
        stdout.write(_("Planning demo: no general circle with voices, no adoption."))
        return
    process = decisions.process_start(
        actor=staff,
        data=decisions.ProcessData(
            title=title[:200],
            proposal=proposal,
            circle=circle,
            mode=ProcessMode.LIVE,
            visibility=Visibility.PUBLIC,
            facilitator=staff,
        ),
    )
    type(subject).objects.filter(pk=subject.pk).update(adoption_process=process)
    steps = ("present", "open_clarifying", "open_reactions", "open_consent")
    for step in steps if adopted else steps[:1]:
        process = decisions.process_transition(actor=SYSTEM, process=process, transition=step)
    if not adopted:
        return
    for person in people:
        decisions.answer_give(
            actor=staff, process=process, person=person, position=Position.CONSENT
        )
    decisions.consent_round_close(actor=SYSTEM, process=process)


@transaction.atomic
def load(*, stdout: Any) -> None:
    if Plan.objects.filter(slug=PLAN.slug).exists():
        return
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    plan = Plan.objects.create(
        slug=PLAN.slug,
        title_fr=PLAN.title_fr,
        title_en=PLAN.title_en,
        vision_fr=PLAN.vision_fr,
        vision_en=PLAN.vision_en,
        start_year=2024,
        end_year=2029,
    )
    needs = []
    for position, demo_need in enumerate(PLAN.needs):
        need = Need.objects.create(
            plan=plan,
            title_fr=demo_need.title_fr,
            title_en=demo_need.title_en,
            description_fr=demo_need.description_fr,
            description_en=demo_need.description_en,
            position=position,
        )
        need.territories.set(_territories(demo_need.territories))
        need.indicators.set(Indicator.objects.filter(key__in=demo_need.indicators))
        needs.append(need)
    partners = list(Organization.objects.order_by("pk")[:8])
    for o_position, demo_orientation in enumerate(PLAN.orientations):
        orientation = Orientation.objects.create(
            plan=plan,
            title_fr=demo_orientation.title_fr,
            title_en=demo_orientation.title_en,
            position=o_position,
        )
        for position, demo in enumerate(demo_orientation.objectives):
            objective = Objective.objects.create(
                orientation=orientation,
                title_fr=demo.title_fr,
                title_en=demo.title_en,
                description_fr=demo.description_fr,
                description_en=demo.description_en,
                position=position,
            )
            objective.needs.set([needs[i] for i in demo.needs])
            for t_position, demo_target in enumerate(demo.targets):
                _target(objective, demo_target, t_position, stdout)
            for a_position, demo_action in enumerate(demo.actions):
                _action(objective, demo_action, a_position, partners)
            if demo.adoption and staff is not None:
                _adopt(
                    objective,
                    title=_("Adoption of the objective “%(title)s”")
                    % {"title": objective.title_fr},
                    proposal=objective_proposal(objective),
                    adopted=demo.adoption == "adopted",
                    staff=staff,
                    stdout=stdout,
                )
    # The plan itself, its vision and orientations, adopted by the general circle: the public
    # reads it (an objective added since waits for its own decision).
    if staff is not None:
        _adopt(
            plan,
            title=_("Adoption of the work plan “%(title)s”") % {"title": plan.title_fr},
            proposal=plan_proposal(plan),
            adopted=True,
            staff=staff,
            stdout=stdout,
        )
    stdout.write(
        _(
            "%(plan)s: %(orientations)s orientations, %(objectives)s objectives, "
            "%(actions)s actions, %(targets)s targets."
        )
        % {
            "plan": plan.title_fr,
            "orientations": plan.orientations.count(),
            "objectives": Objective.objects.filter(orientation__plan=plan).count(),
            "actions": Action.objects.filter(objective__orientation__plan=plan).count(),
            "targets": Target.objects.filter(objective__orientation__plan=plan).count(),
        }
    )
