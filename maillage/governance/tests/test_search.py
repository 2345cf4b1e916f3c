"""The collaboration model in the search: circles, workstreams and policies, each as the viewer
may see them (governance.selectors.search)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors
from maillage.governance.models import PolicyStatus
from maillage.governance.tests.factories import (
    CircleFactory,
    PolicyFactory,
    WorkstreamFactory,
    guest_of,
    housing_circle,
)

pytestmark = pytest.mark.django_db


def found(viewer, query: str) -> dict[str, list[str]]:
    """Every group of the search with the titles of all its hits."""
    return {
        group.kind: [hit.title for hit in group.page(1, 100)]
        for group in selectors.search(viewer=viewer, query=query)
    }


def test_habitation_finds_the_housing_circle_and_its_page():
    circle = housing_circle()
    CircleFactory(name="Transport", purpose="Se déplacer en région.")
    groups = selectors.search(viewer=AnonymousUser(), query="habitation")
    circles = next(group for group in groups if group.kind == "circles").preview(5)
    assert [hit.title for hit in circles.hits] == ["Habitation"]
    assert circles.hits[0].url == f"/gouvernance/cercles/{circle.slug}/"
    assert circles.hits[0].snippet == "Que chacun ait un toit."


def test_singular_finds_plural_and_accents_are_ignored():
    WorkstreamFactory(name="Chantiers de l'été", mandate="Réviser les priorités régionales.")
    WorkstreamFactory(name="Mobilité", mandate="Transport collectif.")
    anonymous = AnonymousUser()
    assert found(anonymous, "chantier")["workstreams"] == ["Chantiers de l'été"]
    assert found(anonymous, "ETE priorite regionale")["workstreams"] == ["Chantiers de l'été"]
    assert found(anonymous, "mobilite")["workstreams"] == ["Mobilité"]
    assert found(anonymous, "mobilités transports")["workstreams"] == ["Mobilité"]


def test_archived_circles_and_workstreams_are_left_out():
    CircleFactory(name="Habitation ancienne", archived_at=timezone.now())
    WorkstreamFactory(name="Habitation close", archived_at=timezone.now())
    CircleFactory(name="Habitation")
    result = found(user_with_role(Role.STAFF), "habitation")
    assert result["circles"] == ["Habitation"]
    assert result["workstreams"] == []


@pytest.mark.parametrize(
    ("role", "sees_policies"),
    [
        (None, False),
        (Role.CITIZEN, False),
        (Role.GUEST, False),
        (Role.MEMBER, True),
        (Role.STAFF, True),
    ],
)
def test_policies_are_found_only_by_those_who_may_read_them(role, sees_policies):
    circle = CircleFactory(name="Finances")
    PolicyFactory(circle=circle, title="Remboursement des déplacements", text="Au kilomètre.")
    viewer = AnonymousUser() if role is None else user_with_role(role)
    result = found(viewer, "deplacement")
    assert ("policies" in result) is sees_policies
    if sees_policies:
        assert result["policies"] == ["Remboursement des déplacements"]


def test_a_guest_finds_public_workstreams_but_no_policy():
    workstream = WorkstreamFactory(name="Sécurité alimentaire", mandate="Des jardins.")
    PolicyFactory(title="Sécurité des données", text="Chiffrer.")
    guest = guest_of(WorkstreamFactory(name="Autre chantier"))
    result = found(guest, "sécurité")
    assert result == {"circles": [], "workstreams": [workstream.name]}


def test_retired_policies_and_those_of_archived_circles_are_left_out():
    archived = CircleFactory(name="Ancien", archived_at=timezone.now())
    PolicyFactory(
        circle=CircleFactory(name="Finances"), title="Rencontres en ligne", text="Par écran."
    )
    PolicyFactory(title="Rencontres retirées", text="x", status=PolicyStatus.RETIRED)
    PolicyFactory(circle=archived, title="Rencontres d'un cercle archivé", text="x")
    hits = next(
        group
        for group in selectors.search(viewer=user_with_role(Role.MEMBER), query="rencontre")
        if group.kind == "policies"
    ).preview(5)
    assert [hit.title for hit in hits.hits] == ["Rencontres en ligne"]
    assert hits.hits[0].context == "Politique du cercle Finances"
    assert hits.hits[0].url.startswith("/gouvernance/politiques/")


def test_nothing_is_searched_without_a_word():
    CircleFactory(name="Le cercle")
    assert selectors.search(viewer=AnonymousUser(), query=" « le » ") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
def test_postgresql_reads_the_search_indexes():
    """The document searched is the one the migration indexed (same columns, same order)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    groups = selectors.search(viewer=user_with_role(Role.STAFF), query="habitations")
    plans = {group.kind: group.rows.explain() for group in groups}
    assert "governance_circle_search" in plans["circles"]
    assert "governance_workstream_search" in plans["workstreams"]
    assert "governance_policy_search" in plans["policies"]


def stored_document(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_document::text FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored documents")
def test_postgresql_keeps_each_search_document_in_its_row_and_reads_its_index():
    circle = CircleFactory(name="Cercle habitation", purpose="Loger les familles.")
    workstream = WorkstreamFactory(name="Chantier toitures", mandate="Réparer les toits.")
    policy = PolicyFactory(circle=circle, title="Politique d'achat", text="Acheter local.")
    assert "'famill'" in stored_document("governance_circle", circle.pk)
    assert "'toitur'" in stored_document("governance_workstream", workstream.pk)
    assert "'achet'" in stored_document("governance_policy", policy.pk)

    # Each edit writes the document again.
    circle.purpose = "Nourrir les quartiers."
    circle.save()
    workstream.mandate = "Isoler les greniers."
    workstream.save()
    policy.text = "Vendre en ligne."
    policy.save()
    assert "'famill'" not in stored_document("governance_circle", circle.pk)
    assert "'quarti'" in stored_document("governance_circle", circle.pk)
    assert "'greni'" in stored_document("governance_workstream", workstream.pk)
    assert "'vendr'" in stored_document("governance_policy", policy.pk)
    staff = user_with_role(Role.STAFF)
    assert found(staff, "quartiers") == {
        "circles": ["Cercle habitation"],
        "workstreams": [],
        "policies": [],
    }
    assert found(staff, "greniers")["workstreams"] == ["Chantier toitures"]
    assert found(staff, "vendre")["policies"] == ["Politique d'achat"]
    assert found(staff, "familles")["circles"] == []

    # Each kind reads its stored document from its index, never the expression.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    groups = selectors.search(viewer=staff, query="habitations")
    plans = {group.kind: group.rows.explain() for group in groups}
    for kind, table in [
        ("circles", "circle"),
        ("workstreams", "workstream"),
        ("policies", "policy"),
    ]:
        assert f"governance_{table}_search_document" in plans[kind]
        assert "to_tsvector" not in plans[kind]
