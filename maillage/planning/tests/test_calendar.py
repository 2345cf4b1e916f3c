"""The plan on the governance calendar: an action's end in its owner circles and workstreams,
a target's date in the owners of its objective's actions or else the general circle."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from maillage.governance.calendar_sources import EventWindow
from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory, general_circle
from maillage.planning.calendar import ACTION_KIND, TARGET_KIND, action_events, target_events
from maillage.planning.models import ActionStatus
from maillage.planning.tests.factories import ActionFactory, CountTargetFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 5, 14)


def window(circles=None, workstreams=None) -> EventWindow:
    return EventWindow(
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
        circle_ids=circles,
        workstream_ids=workstreams,
    )


def test_an_actions_end_is_one_event_in_one_of_its_owners():
    housing, food = CircleFactory(), CircleFactory()
    workstream = WorkstreamFactory()
    action = ActionFactory(title_fr="Forum régional", end=DAY)
    action.circles.set([housing, food])
    action.workstreams.set([workstream])
    ActionFactory(title_fr="Fini", end=DAY, status=ActionStatus.COMPLETED).circles.set([housing])
    ActionFactory(title_fr="Sans porteur", end=DAY)

    events = action_events(window())
    assert [(e.kind, e.title, e.date) for e in events] == [(ACTION_KIND, "Forum régional", DAY)]
    assert (
        events[0].circle == housing
        and events[0].url == f"/plan/plans/{action.objective.orientation.plan.slug}/"
    )
    # Asked for one owner, the event is that owner's.
    assert action_events(window({food.pk}, set()))[0].circle == food
    assert action_events(window(set(), {workstream.pk}))[0].workstream == workstream
    assert action_events(window({general_circle().pk}, set())) == []


def test_a_targets_date_goes_to_its_actions_owners_or_the_general_circle():
    circle = CircleFactory()
    owned = ObjectiveFactory()
    ActionFactory(objective=owned).circles.set([circle])
    CountTargetFactory(objective=owned, label_fr="Cible portée", target_date=DAY)
    CountTargetFactory(objective=ObjectiveFactory(), label_fr="Cible orpheline", target_date=DAY)

    events = {e.title: e for e in target_events(window())}
    assert set(events) == {"Cible portée", "Cible orpheline"}
    assert events["Cible portée"].circle == circle
    assert events["Cible orpheline"].circle == general_circle()
    assert all(e.kind == TARGET_KIND for e in events.values())
    assert [e.title for e in target_events(window({circle.pk}, set()))] == ["Cible portée"]
    assert [e.title for e in target_events(window({general_circle().pk}, set()))] == [
        "Cible orpheline"
    ]


def test_the_calendar_page_shows_an_actions_end(staff_client):
    ActionFactory(title_fr="Forum régional", end=DAY).circles.set([general_circle()])
    page = staff_client.get(reverse("governance:calendar") + "?month=2027-05").text
    assert "Forum régional" in page
