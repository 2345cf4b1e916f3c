"""The register kept rendered (its filters and results, per set of decisions a viewer reads, and
who takes part where) and its stored search document: every change shows at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions import selectors, services
from maillage.decisions.models import Decision, Position, Visibility
from maillage.decisions.selectors import RegisterFilters
from maillage.decisions.tests.factories import (
    CircleFactory,
    WorkstreamFactory,
    live_public_round,
    member_of,
    recorded,
    user_with_person,
)
from maillage.governance.models import Membership, Strategy
from maillage.network.tests.factories import SeatFactory

pytestmark = pytest.mark.django_db

PUBLIC, INTERNAL = Visibility.PUBLIC, Visibility.INTERNAL
REGISTER = reverse("decisions:register")


def shown(client: Client, **query: str) -> str:
    response = client.get(REGISTER, query)
    assert response.status_code == 200
    return response.content.decode()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_or_changed_decision_shows_at_once():
    circle = CircleFactory(name="Habitation")
    recorded(circle, "Première décision", visibility=PUBLIC)
    anonymous = Client()
    assert "Première décision" in shown(anonymous)
    recorded(circle, "Deuxième décision", visibility=PUBLIC)
    page = shown(anonymous)
    assert "Deuxième décision" in page and "2 décisions" in page
    decision = Decision.objects.get(title="Première décision")
    decision.title = "Première décision, corrigée"
    decision.save()
    assert "Première décision, corrigée" in shown(anonymous)
    # Made internal: gone for an anonymous visitor at once.
    decision.visibility = INTERNAL
    decision.save()
    page = shown(anonymous)
    assert "Première décision" not in page and "1 décision" in page
    decision.delete()
    assert "Deuxième décision" in shown(anonymous)


def test_a_renamed_circle_shows_at_once_in_the_rows_and_the_filters():
    circle = CircleFactory(name="Habitation", slug="habitation")
    recorded(circle, "Toits", visibility=PUBLIC)
    anonymous = Client()
    page = shown(anonymous)
    assert page.count("Habitation") == 2  # its row and its option among the filters
    circle.name = "Logement"
    circle.save()
    page = shown(anonymous)
    assert "Habitation" not in page and page.count("Logement") == 2
    # A new workstream and a new strategy are offered at once.
    WorkstreamFactory(name="Mobilité des aînés")
    Strategy.objects.create(key="sante-durable", name_fr="Santé durable", name_en="Health")
    page = shown(anonymous)
    assert "Mobilité des aînés" in page and "Santé durable" in page


def test_each_viewer_reads_the_kept_register_of_the_decisions_they_may_read():
    first, second = CircleFactory(), CircleFactory()
    recorded(first, "Interne du premier")
    recorded(second, "Interne du second")
    recorded(second, "Publique", visibility=PUBLIC)
    staff = logged_in(user_with_role(Role.STAFF))
    first_member = logged_in(member_of(first))
    second_member = logged_in(member_of(second))
    outsider = logged_in(user_with_role(Role.MEMBER))
    # Each reads the register once, in turn, then again: nobody gets another's.
    for _time in range(2):
        assert all(t in shown(staff) for t in ("Interne du premier", "Interne du second"))
        page = shown(first_member)
        assert "Interne du premier" in page and "Interne du second" not in page
        page = shown(second_member)
        assert "Interne du second" in page and "Interne du premier" not in page
        page = shown(outsider)
        assert "Publique" in page and "Interne" not in page
        page = shown(Client())
        assert "Publique" in page and "Interne" not in page


def test_joining_leaving_or_substituting_in_a_circle_shows_at_once():
    circle = CircleFactory()
    recorded(circle, "Décision interne")
    user = user_with_person(Role.MEMBER)
    client = logged_in(user)
    assert "Décision interne" not in shown(client)
    membership = Membership.objects.create(person=user.person, circle=circle)
    assert "Décision interne" in shown(client)
    membership.ended_at = timezone.now()
    membership.end_reason = "left"
    membership.save()
    assert "Décision interne" not in shown(client)
    # A substitute of a member's seat takes part as well.
    holder = member_of(CircleFactory())
    seat = SeatFactory(holder=holder.person)
    Membership.objects.create(person=holder.person, circle=circle, seat=seat)
    assert "Décision interne" not in shown(client)
    seat.substitutes.add(user.person)
    assert "Décision interne" in shown(client)
    seat.substitutes.remove(user.person)
    assert "Décision interne" not in shown(client)


def test_the_kept_results_follow_the_query_string_and_the_page():
    circle = CircleFactory(slug="habitation")
    recorded(circle, "Toits verts", visibility=PUBLIC)
    recorded(circle, "Jardins", visibility=PUBLIC)
    anonymous = Client()
    page = shown(anonymous, q="toit")
    assert "Toits verts" in page and "Jardins" not in page
    page = shown(anonymous, q="jardin")
    assert "Jardins" in page and "Toits verts" not in page
    # The pagination's links carry the query string as typed.
    for n in range(30):
        recorded(circle, f"Décision {n}", visibility=PUBLIC)
    assert "?q=D%C3%A9cision&amp;page=2" in shown(anonymous, q="Décision")
    assert "?q=d%C3%A9cision&amp;page=2" in shown(anonymous, q="décision")
    assert "Page 2 sur 2" in shown(anonymous, q="décision", page="2")


def test_the_stored_search_document_follows_each_edit():
    circle = CircleFactory()
    decision = recorded(circle, "Toitures", text="Réparer les toitures.", rationale="Fuites.")
    staff = user_with_role(Role.STAFF)

    def found(words: str) -> list[str]:
        page = selectors.register(viewer=staff, filters=RegisterFilters(q=words))
        return [d.title for d in page.object_list]

    assert found("fuite") == ["Toitures"]
    decision.rationale = "Des infiltrations d'eau."
    decision.text = "Refaire les fenêtres."
    decision.save()
    assert found("fuite") == [] and found("toiture") == ["Toitures"]
    assert found("infiltration fenetres") == ["Toitures"]
    Decision.objects.filter(pk=decision.pk).update(title="Fenestration")
    assert found("fenestration") == ["Fenestration"] and found("toiture") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored document")
def test_postgresql_keeps_the_search_document_in_the_row():
    decision = recorded(CircleFactory(), "Mobilisation", text="Les partenaires se mobilisent.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM decisions_decision WHERE id = %s", [decision.pk]
        )
        (document,) = cursor.fetchone()
    assert "'mobilis'" in document and "'partenair'" in document


def test_the_register_reads_no_text_of_its_rows():
    """The rows show titles, groups and dates: the texts, rationales and participation stay in
    the database (the decision's page reads them)."""
    circle = CircleFactory()
    recorded(circle, "Toits", visibility=PUBLIC)
    page = selectors.register(viewer=user_with_role(Role.STAFF), filters=RegisterFilters())
    decision = page.object_list[0]
    assert {"text", "rationale", "participation"} <= decision.get_deferred_fields()


def test_a_decision_page_is_kept_and_shows_every_change_at_once(circle):
    """A decision's page is kept rendered (`selectors.DECISION_CACHE`) per decision and whether
    its reader sees names: a write that sends no signal stays unseen, every saved change shows on
    the next visit, and readers who see names and those who do not never share a copy."""
    process = live_public_round(circle)
    services.answer_give(
        actor=circle.amelie, process=process, position=Position.CONSENT, reason="Bien pensé."
    )
    services.consent_round_close(actor=circle.fanny, process=process)
    decision = Decision.objects.get(process=process)
    page = reverse("decisions:decision_detail", kwargs={"pk": decision.pk})
    member = logged_in(circle.bruno)
    assert "Amélie Tremblay" in member.get(page).text
    assert "Amélie Tremblay" not in Client().get(page).text  # a visitor sees voices only
    # Kept: a write without signal is not seen, the next saved change is.
    Decision.objects.filter(pk=decision.pk).update(rationale="Écrit en douce.")
    assert "Écrit en douce." not in member.get(page).text
    decision.refresh_from_db()
    decision.review_date = timezone.localdate().replace(year=timezone.localdate().year + 2)
    decision.save()
    text = member.get(page).text
    assert "Écrit en douce." in text
    # The names it shows: a person, the group.
    person = circle.amelie.person
    person.first_name = "Amélie-Anne"
    person.save()
    assert "Amélie-Anne Tremblay" in member.get(page).text
    circle.circle.name = "Habitation et logement"
    circle.circle.save()
    assert "Habitation et logement" in member.get(page).text
    assert "Amélie-Anne Tremblay" not in Client().get(page).text
