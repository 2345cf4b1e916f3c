import io

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.governance import demo
from maillage.governance.models import Circle, Membership, Policy, RoleAssignment, Workstream
from maillage.governance.selectors import (
    calendar_events,
    intersectoral_balance,
    link_inconsistencies,
    structure_map,
)
from maillage.network import demo as network_demo
from maillage.territories.services import region_load

pytestmark = pytest.mark.django_db


def governance_counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_app_config("governance").get_models()
    }


def test_the_demo_builds_the_collective_structure_once():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    out = io.StringIO()
    with translation.override("en"):
        demo.load(stdout=out)
    first = governance_counts()
    demo.load(stdout=io.StringIO())
    assert governance_counts() == first
    # The report, in English, names no person of the demo missing from the network's demo.
    assert "circles," in out.getvalue()
    assert "People not found" not in out.getvalue()

    general = Circle.objects.get(parent__isnull=True)
    assert general.name == "Cercle général"
    assert set(general.children.values_list("name", flat=True)) >= {
        "Sécurité alimentaire",
        "Habitation",
    }
    assert set(Workstream.objects.values_list("name", flat=True)) >= {
        "Participation sociale dans Charlevoix",
        "Transport collectif rural",
    }
    assert Policy.objects.filter(review_date__isnull=False).count() >= 3
    assert RoleAssignment.objects.filter(term_end__isnull=False, ended_at=None).count() >= 4
    assert link_inconsistencies() == []

    member = User.objects.get(email="membre@demo.maillage.local")
    assert RoleAssignment.objects.filter(
        person__user=member, role__kind="secretary", role__circle__slug="securite-alimentaire"
    ).exists()
    guest = User.objects.get(email="invite@demo.maillage.local")
    assert list(
        Membership.objects.filter(person__user=guest).values_list("workstream__slug", "kind")
    ) == [("participation-sociale-charlevoix", "guest")]

    # The guest's workstream has a workspace to show: announcements, a document in two
    # versions, deliverables with owners and due dates, one of them the guest's.
    workstream = Workstream.objects.get(slug="participation-sociale-charlevoix")
    announcements = list(workstream.announcements.order_by("-pinned", "-created_at"))
    assert [a.pinned for a in announcements] == [True, False]
    assert {a.author.email for a in announcements} == {"equipe@demo.maillage.local"}
    [document] = workstream.documents.all()
    assert document.current.number == 2 and document.current.filename.endswith(".csv")
    with document.current.file.open("rb") as stored:
        assert "Cuisine collective" in stored.read().decode("utf-8")
    owned = workstream.deliverables.exclude(owner=None)
    assert owned.count() == 3 and not owned.filter(due_date=None).exists()
    assert owned.filter(owner__user=guest).count() == 1

    kinds = {e.kind for e in calendar_events(viewer=member)}
    assert kinds == {"policy_review", "term_end", "sunset"}
    assert [e.title for e in calendar_events(viewer=guest)] == [
        "Participation sociale dans Charlevoix"
    ]
    balance = intersectoral_balance(viewer=member, circle=general)
    assert balance.total >= 8 and balance.missing_territories
    assert structure_map(viewer=AnonymousUser()).roots[0].circle == general
