"""The planning services: an action needs a carrier, a stale edit is refused, what others
depend on is kept, funded projects only, a counted target's progress needs its value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import StaleVersion, version_of
from maillage.funding.tests.factories import ApplicationFactory, accepted_application
from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory
from maillage.planning.models import ActionStatus, Orientation, ProgressUpdate, TargetKind
from maillage.planning.services import actions, objectives, plans
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    ObjectiveFactory,
    PlanFactory,
)
from maillage.planning.verbs import PlanningVerb

pytestmark = pytest.mark.django_db


def test_an_action_is_carried_by_a_circle_or_a_workstream(staff):
    objective = ObjectiveFactory()
    with pytest.raises(ValidationError) as refused:
        actions.action_create(actor=staff, objective=objective, title_fr="Sans porteur")
    assert "circles" in refused.value.message_dict
    action = actions.action_create(
        actor=staff,
        objective=objective,
        title_fr="Cuisine collective",
        workstreams=[WorkstreamFactory()],
        budget=Decimal("12000"),
        status=ActionStatus.IN_PROGRESS,
        start=dt.date(2025, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    assert action.workstreams.count() == 1
    assert AuditEvent.objects.filter(verb=PlanningVerb.ACTION_CREATED.value).exists()
    with pytest.raises(ValidationError) as refused:
        actions.action_update(
            actor=staff,
            action=action,
            title_fr="Cuisine collective",
            circles=[CircleFactory()],
            start=dt.date(2026, 1, 1),
            end=dt.date(2025, 1, 1),
        )
    assert "end" in refused.value.message_dict


def test_a_stale_edit_is_refused(staff):
    objective = ObjectiveFactory()
    opened = version_of(objective)
    objectives.objective_update(actor=staff, objective=objective, title_fr="Première")
    with pytest.raises(StaleVersion):
        objectives.objective_update(
            actor=staff, objective=objective, version=opened, title_fr="Seconde"
        )


def test_what_others_depend_on_is_kept(staff):
    action = ActionFactory()
    objective = action.objective
    with pytest.raises(ValidationError):
        objectives.objective_delete(actor=staff, objective=objective)
    with pytest.raises(ValidationError):
        plans.orientation_delete(actor=staff, orientation=objective.orientation)
    actions.action_delete(actor=staff, action=action)
    objectives.objective_delete(actor=staff, objective=objective)
    plans.orientation_delete(actor=staff, orientation=objective.orientation)
    assert not Orientation.objects.exists()


def test_only_funded_projects_serve_an_action(staff):
    action = ActionFactory()
    with pytest.raises(ValidationError):
        actions.action_projects_set(actor=staff, action=action, projects=[ApplicationFactory()])  # type: ignore[list-item]
    project = accepted_application()
    actions.action_projects_set(actor=staff, action=action, projects=[project])
    assert list(action.funded_projects.all()) == [project]
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("planning:action_detail", args=[action.pk]))
    assert project.title in page.content.decode()


def test_a_counted_progress_needs_its_value_and_its_target(staff):
    target = CountTargetFactory()
    objective = target.objective
    with pytest.raises(ValidationError):
        objectives.progress_record(
            actor=staff, objective=objective, date=dt.date(2025, 5, 1), target=target
        )
    objectives.progress_record(
        actor=staff,
        objective=objective,
        date=dt.date(2025, 5, 1),
        target=target,
        value=Decimal("7"),
    )
    assert ProgressUpdate.objects.get().value == Decimal("7")


def test_an_indicator_target_names_its_indicator_and_territory(staff):
    objective = ObjectiveFactory()
    with pytest.raises(ValidationError) as refused:
        objectives.target_create(
            actor=staff,
            objective=objective,
            label_fr="Taux",
            kind=TargetKind.INDICATOR,
            baseline_value=Decimal(12),
            baseline_year=2021,
            target_value=Decimal(10),
            target_date=dt.date(2029, 1, 1),
        )
    assert set(refused.value.message_dict) == {"indicator", "territory"}


def test_only_staff_write_the_plan():
    with pytest.raises(PermissionDenied):
        plans.plan_create(
            actor=user_with_role(Role.MEMBER),
            title_fr="Plan",
            slug="plan",
            start_year=2024,
            end_year=2029,
        )


def test_the_staff_forms_create_a_plan_and_refuse_bad_input_at_the_field(staff):
    client = Client()
    client.force_login(staff)
    url = reverse("planning:plan_create")
    bad = client.post(
        url, {"title_fr": "Plan", "slug": "plan", "start_year": 2029, "end_year": 2024}
    )
    assert bad.status_code == 400
    assert "dernière année" in bad.content.decode()
    good = client.post(
        url, {"title_fr": "Plan régional", "slug": "plan", "start_year": 2024, "end_year": 2029}
    )
    assert good.status_code == 302
    plan_url = reverse("planning:plan_detail", args=["plan"])
    assert good["Location"] == plan_url


def test_a_draft_plan_is_read_by_members_and_staff_only(client_as):
    plan = PlanFactory(adopted_at=None)
    for name in ("planning:plan_detail", "planning:plan_objectives", "planning:plan_actions"):
        url = reverse(name, args=[plan.slug])
        assert client_as(Role.CITIZEN).get(url).status_code == 403
        assert client_as(Role.MEMBER).get(url).status_code == 200


def test_a_plans_page_leads_to_its_dashboard_reports_and_indicator_maps(client):
    from maillage.planning.models import Need
    from maillage.portrait.tests.factories import IndicatorFactory

    plan = PlanFactory()
    need = Need.objects.create(plan=plan, title_fr="Se loger")
    need.indicators.set([IndicatorFactory.create(key="taux_loyer", label_fr="Taux d’effort")])
    page = client.get(reverse("planning:plan_detail", args=[plan.slug])).content.decode()
    dashboard = reverse("planning:plan_dashboard", args=[plan.slug])
    assert f'href="{dashboard}"' in page
    assert f'href="{dashboard}#dashboard-reports"' in page
    assert f'href="{reverse("portrait:indicator_map", args=["taux_loyer"])}"' in page
