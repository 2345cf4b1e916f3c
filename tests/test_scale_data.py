"""`manage.py generate_scale_data`: N times the demo, through every app's `scale.py`, rows that
satisfy the models' constraints and the services' invariants (double links, sponsors, terms)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Model

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.scale import ScaleRun
from maillage.decisions import scale as decisions_scale
from maillage.decisions.models import Answer, Decision, Process
from maillage.governance import scale as governance_scale
from maillage.governance.models import (
    Circle,
    Invitation,
    Membership,
    Policy,
    PolicyVersion,
    Role,
    RoleAssignment,
    Workstream,
)
from maillage.governance.selectors.calendars import calendar_events
from maillage.governance.services import links_repair
from maillage.meetings import selectors as meetings_selectors
from maillage.meetings.models import AgendaItem, Attendance, Meeting
from maillage.network import scale as network_scale
from maillage.network.models import Function, Organization, Person, Seat
from maillage.site.models import NewsArticlePage

pytestmark = pytest.mark.django_db

FACTOR = 2


def batch(model: type[Model], field: str = "slug", tag: str = "e1") -> list[Model]:
    return list(model._default_manager.filter(**{f"{field}__contains": f"-{tag}-"}))


def depth(circle: Circle, parents: dict[int, int | None]) -> int:
    level, parent = 0, circle.parent_id
    while parent is not None:
        level, parent = level + 1, parents[parent]
    return level


@pytest.fixture
def generated():
    call_command("load_region", "03", stdout=StringIO())
    out = StringIO()
    call_command("generate_scale_data", factor=FACTOR, seed=7, stdout=out)
    return out.getvalue()


def test_it_generates_the_factor_times_the_demo_consistently(generated):
    assert re.search(r"\be1\b", generated)
    organizations = batch(Organization)
    people = batch(Person)
    circles = batch(Circle)
    workstreams = batch(Workstream)
    assert len(organizations) == network_scale.ORGANIZATIONS_PER_FACTOR * FACTOR
    assert len(people) == network_scale.PEOPLE_PER_FACTOR * FACTOR
    assert Seat.objects.filter(holder__in=people).count() == network_scale.SEATS_PER_FACTOR * FACTOR
    assert len(circles) == governance_scale.CIRCLES_PER_FACTOR * FACTOR
    assert len(workstreams) == governance_scale.WORKSTREAMS_PER_FACTOR * FACTOR
    assert (
        Policy.objects.filter(circle__in=circles).count()
        == governance_scale.POLICIES_PER_FACTOR * FACTOR
    )
    assert Invitation.objects.filter(email__contains="-e1-").count() == (
        governance_scale.INVITATIONS_PER_FACTOR * FACTOR
    )
    assert NewsArticlePage.objects.filter(slug__contains="-e1-").count() == FACTOR
    # The register: decisions of the batch's circles and workstreams, and processes under way.
    decisions = Decision.objects.filter(
        process__in=Process.objects.filter(circle__slug__contains="-e1-")
        | Process.objects.filter(workstream__slug__contains="-e1-")
    )
    assert decisions.count() == decisions_scale.DECISIONS_PER_FACTOR * FACTOR
    assert Answer.objects.filter(round__process__decision__in=decisions).exists()
    # Those taken live were taken in a held meeting of their group, whose agenda takes them up.
    in_meetings = decisions.filter(meeting_id_ref__isnull=False)
    assert in_meetings.exists()
    for decision in in_meetings[:5]:
        meeting = Meeting.objects.get(pk=decision.meeting_id_ref)
        assert list(meetings_selectors.meeting_decisions(meeting)) == [decision]
    # Marked as demonstration data: fictional organizations, addresses that reach nobody.
    assert all(o.name.endswith("(fictif)") for o in organizations)
    assert all(p.email.endswith(("@exemple.org", "@demo.maillage.local")) for p in people)
    assert User.objects.filter(email__startswith="membre-e1-", person__isnull=False).count() == (
        2 * FACTOR
    )
    # One generation at the test's cost: the invariants and a second run are checked on it too.
    circles_nest_four_levels_and_workstreams_have_sponsors()
    rows_satisfy_the_models_validation()
    a_second_run_adds_a_batch_of_its_own()


def circles_nest_four_levels_and_workstreams_have_sponsors():
    parents = dict(Circle.objects.values_list("pk", "parent_id"))
    assert max(depth(c, parents) for c in batch(Circle)) == 4
    sponsors = Workstream.objects.filter(slug__contains="-e1-").annotate(n=Count("sponsors"))
    assert min(w.n for w in sponsors) >= 2
    # The double links are as the services keep them: recomputing them changes nothing.
    assert links_repair(actor=SYSTEM) == 0
    assert PolicyVersion.objects.filter(
        policy__circle__slug__contains="-e1-", number=1
    ).count() == (governance_scale.POLICIES_PER_FACTOR * FACTOR)
    staff = User.objects.get(email="equipe@demo.maillage.local")
    # Terms, reviews and sunsets fall in the calendar's year.
    assert len(calendar_events(viewer=staff)) > 10 * FACTOR


def rows_satisfy_the_models_validation():
    for model in (
        Organization,
        Person,
        Function,
        Seat,
        Circle,
        Role,
        RoleAssignment,
        Membership,
        Policy,
        Workstream,
        Invitation,
        Process,
        Decision,
        Meeting,
        AgendaItem,
        Attendance,
    ):
        rows = list(model._default_manager.order_by("-pk")[:25])
        assert rows, model
        for row in rows:
            row.full_clean()
    for assignment in RoleAssignment.objects.filter(ended_at__isnull=True).select_related("seat"):
        assert assignment.seat is None or assignment.seat.holder_id == assignment.person_id
        if assignment.term_end is not None:
            assert assignment.term_end >= assignment.start_date


def a_second_run_adds_a_batch_of_its_own():
    out = StringIO()
    call_command("generate_scale_data", factor=1, stdout=out)
    assert re.search(r"\be2\b", out.getvalue())
    assert len(batch(Organization, tag="e2")) == network_scale.ORGANIZATIONS_PER_FACTOR


def test_it_refuses_a_database_with_real_accounts():
    User.objects.create_user("marie@organisme.qc.ca", "x")
    with pytest.raises(CommandError, match=re.escape("marie@organisme.qc.ca")):
        call_command("generate_scale_data", factor=1, stdout=StringIO())
    assert not Organization.objects.exists()


def test_it_refuses_organizations_that_are_not_fictional():
    Organization.objects.create(name="Centre communautaire réel", slug="reel")
    with pytest.raises(CommandError, match="1 organi"):
        call_command("generate_scale_data", factor=1, stdout=StringIO())
    assert Organization.objects.count() == 1


def test_it_refuses_a_factor_below_one():
    with pytest.raises(CommandError):
        call_command("generate_scale_data", factor=0, stdout=StringIO())
    assert not User.objects.exists()


def test_the_place_names_take_the_french_preposition():
    assert network_scale.of("Québec") == "de Québec"
    assert network_scale.of("Les Éboulements") == "des Éboulements"
    assert network_scale.of("La Malbaie") == "de la Malbaie"
    assert network_scale.of("Le Gros-Morne") == "du Gros-Morne"
    assert network_scale.of("Île-d'Orléans") == "d'Île-d'Orléans"


def test_scale_run_tags_are_unique_slugs():
    import random
    from datetime import date

    run = ScaleRun(
        factor=1, rng=random.Random(1), stdout=StringIO(), batch="e3", today=date.today()
    )
    assert run.tag("Maison des jeunes (fictif)", 4) == "maison-des-jeunes-fictif-e3-4"
