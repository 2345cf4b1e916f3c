"""The plan's pages and the strategies' pages are kept rendered (`PLAN_CACHE`,
`selectors.strategies.CACHE`): every change shows at once, for a visitor and for the staff, and
the two never share a copy (the staff's holds their buttons, which post the page's one form with
their own token)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.governance.models import Circle
from maillage.governance.tests.factories import CircleFactory, strategy
from maillage.planning.models import Action, ActionStatus, Objective
from maillage.planning.services import actions as action_services
from maillage.planning.services import objectives as objective_services
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    IndicatorTargetFactory,
    ObjectiveFactory,
    OrientationFactory,
    PlanFactory,
)
from maillage.portrait import imports
from maillage.portrait.services import indicators_import
from maillage.portrait.tests.factories import IndicatorFactory, value
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

KEY = "concertation-intersectorielle"


@pytest.fixture
def plan():
    plan = PlanFactory(slug="plan-garde", title_fr="Plan gardé")
    orientation = OrientationFactory(plan=plan, title_fr="Se loger")
    circle = CircleFactory(name="Cercle logement")
    for n in range(2):
        objective = ObjectiveFactory(orientation=orientation, title_fr=f"Objectif {n}")
        action = ActionFactory(objective=objective, title_fr=f"Action {n}")
        action.circles.set([circle])
        action.strategies.set([strategy(KEY)])
        CountTargetFactory(objective=objective, label_fr=f"Cible {n}")
    return plan


@pytest.fixture
def readers(staff):
    staff_client = Client()
    staff_client.force_login(staff)
    return {"anonymous": Client(), "staff": staff_client}


def read(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def pages(plan) -> dict[str, str]:
    objective = plan.orientations.get().objectives.order_by("position", "pk").first()
    return {
        "plan": reverse("planning:plan_detail", args=[plan.slug]),
        "objectives": reverse("planning:plan_objectives", args=[plan.slug]),
        "actions": reverse("planning:plan_actions", args=[plan.slug]),
        "objective": reverse("planning:objective_detail", args=[objective.pk]),
    }


def first_objective(plan) -> Objective:
    return Objective.objects.filter(orientation__plan=plan).order_by("position", "pk").first()


def test_a_new_action_a_renamed_objective_and_a_progress_update_show_at_once(plan, readers):
    urls = pages(plan)
    objective = first_objective(plan)
    for client in readers.values():  # kept, for each kind of reader
        for url in urls.values():
            read(client, url)
        assert "1 action (terminées : 0)" in read(client, urls["plan"])

    action_services.action_create(
        actor=SYSTEM,
        objective=objective,
        title_fr="Ouvrir une halte-chaleur",
        status=ActionStatus.COMPLETED,
        circles=[CircleFactory(name="Cercle hiver")],
    )
    for who, client in readers.items():
        assert "2 actions (terminées : 1)" in read(client, urls["plan"]), who
        assert "Actions terminées : 1 sur 3 (33 %)" in read(client, urls["plan"]), who
        assert "Ouvrir une halte-chaleur" in read(client, urls["objective"]), who
        assert "Ouvrir une halte-chaleur" in read(client, urls["actions"]), who
        assert "2 actions (terminées : 1)" in read(client, urls["objectives"]), who

    objective_services.objective_update(
        actor=SYSTEM, objective=objective, title_fr="Loger tout le monde"
    )
    for who, client in readers.items():
        for name in ("plan", "objectives", "actions", "objective"):
            assert "Loger tout le monde" in read(client, urls[name]), (who, name)

    target = objective.targets.get()
    objective_services.progress_record(
        actor=SYSTEM, objective=objective, target=target, date=dt.date.today(), value=Decimal(20)
    )
    for who, client in readers.items():
        figures = "1 cible (atteintes ou en bonne voie : 1 ; en retard ou échues : 0)"
        assert figures in read(client, urls["objectives"]), who
        assert "Atteinte" in read(client, urls["objective"]), who
        assert "cibles atteintes ou en bonne voie : 1 sur 2" in read(client, urls["plan"]), who


def test_a_move_a_renamed_circle_and_a_deletion_show_at_once(plan, readers, staff):
    urls = pages(plan)
    for client in readers.values():
        for url in urls.values():
            read(client, url)
    # The staff's button posts the page's one form: its token, and the page to come back to.
    page = read(readers["staff"], urls["plan"])
    second = Objective.objects.get(title_fr="Objectif 1")
    move = reverse("planning:objective_move", args=[second.pk])
    assert f'form="planning-post" formaction="{move}"' in page
    assert 'id="planning-post"' in page and 'name="csrfmiddlewaretoken"' in page
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(staff)
    page = read(csrf, urls["objectives"])
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    moved = csrf.post(
        move, {"csrfmiddlewaretoken": token, "direction": "up", "next": urls["objectives"]}
    )
    assert moved.status_code == 302 and moved["Location"] == urls["objectives"]
    for who, client in readers.items():
        text = read(client, urls["plan"])
        assert text.index("Objectif 1") < text.index("Objectif 0"), who

    circle = Circle.objects.get(name="Cercle logement")
    circle.name = "Cercle habitation"
    circle.save()
    for who, client in readers.items():
        assert "Cercle habitation" in read(client, urls["actions"]), who

    action = Action.objects.get(title_fr="Action 0")
    action_services.action_delete(actor=SYSTEM, action=action)
    for who, client in readers.items():
        assert "Action 0" not in read(client, urls["actions"]), who
        assert "0 action (terminées : 0)" in read(client, urls["plan"]), who


def test_the_staff_and_the_visitors_never_share_a_copy(plan, readers):
    """Whoever reads first, the staff's buttons and links never reach a visitor."""
    urls = pages(plan)
    del urls["actions"]  # the same for both: nothing on it is the staff's own
    for order in (("staff", "anonymous"), ("anonymous", "staff")):
        cache.clear()
        for url in urls.values():
            for who in order:
                text = read(readers[who], url)
                assert ('formaction="' in text) is (who == "staff"), (who, url)


def test_a_new_value_of_the_portrait_moves_an_indicators_target_at_once(plan, readers):
    mrc = MrcFactory(parent=RegionFactory(), code="2415", name="Charlevoix-Est")
    indicator = IndicatorFactory(key="maisons_chambres", label_fr="Maisons de chambres")
    value(indicator, mrc, 2016, "700")
    objective = first_objective(plan)
    IndicatorTargetFactory(
        objective=objective,
        label_fr="Garder les maisons de chambres",
        indicator=indicator,
        territory=mrc,
        baseline_value=Decimal(700),
        baseline_year=2016,
        target_value=Decimal(900),
    )
    url = pages(plan)["objective"]
    for client in readers.values():
        assert "Maisons de chambres" in read(client, url)
        assert "790" not in read(client, url)
    # The same indicator, territory and period again: the import updates the value in place.
    row = "2415,Charlevoix-Est,maisons_chambres,Maisons de chambres,2016,790,maisons,Relevé,"
    text = "\n".join([",".join(imports.COLUMNS), row + "https://donnees.exemple.org/releve"])
    report = indicators_import(actor=SYSTEM, rows=imports.parse_csv(text))
    assert report.applied and report.updated == 1, report.outcomes
    for who, client in readers.items():
        assert "790" in read(client, url), who


def test_the_strategies_pages_show_a_new_action_and_a_new_measure_at_once(plan, readers):
    urls = {
        "index": reverse("planning:strategy_list"),
        "strategy": reverse("planning:strategy_detail", args=[KEY]),
        "dashboard": reverse("planning:strategy_dashboard"),
    }
    for client in readers.values():
        for url in urls.values():
            read(client, url)
    objective = first_objective(plan)
    action = action_services.action_create(
        actor=SYSTEM,
        objective=objective,
        title_fr="Tenir un forum régional",
        circles=[CircleFactory()],
        strategies=[strategy(KEY)],
        territories=[MrcFactory(parent=RegionFactory(), name="Portneuf")],
    )
    for who, client in readers.items():
        strategy_page = read(client, urls["strategy"])
        assert "Tenir un forum régional" in strategy_page, who
        assert "Portneuf" in strategy_page, who
        # The index's row of the strategy: circles, workstreams, plan actions…
        row = read(client, urls["index"]).split(f"/strategies/{KEY}/")[1].split("</tr>")[0]
        assert re.findall(r"<td>(\d+)</td>", row)[2] == "3", who
    assert action.pk

    target = objective.targets.get()
    objective_services.progress_record(
        actor=SYSTEM, objective=objective, target=target, date=dt.date.today(), value=Decimal(20)
    )
    # Where the strategy's targets stand: one reached, one not measured yet, of two.
    reached = "<td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>2</td>"
    for who, client in readers.items():
        assert reached in read(client, urls["dashboard"]), who


@pytest.mark.parametrize(("page", "q"), [("objectives", "Objectif"), ("actions", "Action")])
def test_a_kept_list_links_its_pages_with_its_own_filters_only(plan, readers, page, q, monkeypatch):
    """The first reader's address must not leak into the links the next readers are given."""
    monkeypatch.setattr("maillage.planning.selectors.objectives.PAGE_SIZE", 1)
    monkeypatch.setattr("maillage.planning.selectors.actions.PAGE_SIZE", 1)
    url = pages(plan)[page]
    first = read(readers["anonymous"], f"{url}?q={q}&page=1&utm_source=planted")
    assert f'href="?q={q}&amp;page=2"' in first
    later = read(Client(), f"{url}?q={q}&page=1")
    assert f'href="?q={q}&amp;page=2"' in later
    assert "planted" not in later
