"""The partner network in the search: organizations for everyone, people only for those who may
see them (network.selectors.search)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network import selectors
from maillage.network.tests.factories import FunctionFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def found(viewer, query: str) -> dict[str, list[str]]:
    return {
        group.kind: [hit.title for hit in group.page(1, 100)]
        for group in selectors.search(viewer=viewer, query=query)
    }


def test_organizations_are_found_by_name_acronym_or_description_whatever_the_accents():
    OrganizationFactory(name="Maison des jeunes de Baie-Saint-Paul", acronym="MDJ")
    OrganizationFactory(name="Carrefour", description="Services d'aide à l'emploi en région.")
    anonymous = AnonymousUser()
    assert found(anonymous, "maisons jeune") == {
        "organizations": ["Maison des jeunes de Baie-Saint-Paul"]
    }
    assert found(anonymous, "mdj")["organizations"] == ["Maison des jeunes de Baie-Saint-Paul"]
    assert found(anonymous, "EMPLOIS region")["organizations"] == ["Carrefour"]


@pytest.mark.parametrize(
    ("role", "sees_people"),
    [
        (None, False),
        (Role.CITIZEN, False),
        (Role.GUEST, False),
        (Role.MEMBER, True),
        (Role.STAFF, True),
    ],
)
def test_people_are_found_only_by_those_who_may_see_them(role, sees_people):
    PersonFactory(first_name="Hélène", last_name="Bélanger")
    viewer = AnonymousUser() if role is None else user_with_role(role)
    result = found(viewer, "helene belanger")
    assert ("people" in result) is sees_people
    if sees_people:
        assert result["people"] == ["Hélène Bélanger"]


def test_a_person_is_shown_with_their_current_functions():
    person = PersonFactory(first_name="Marc", last_name="Tremblay")
    FunctionFactory(
        person=person, title="Direction", organization=OrganizationFactory(name="Alpha")
    )
    FunctionFactory(
        person=person,
        title="Trésorerie",
        organization=OrganizationFactory(name="Bêta"),
        end_date=datetime.date(2020, 1, 1),
    )
    group = next(
        g
        for g in selectors.search(viewer=user_with_role(Role.MEMBER), query="tremblay")
        if g.kind == "people"
    )
    [hit] = group.preview(5).hits
    assert hit.title == "Marc Tremblay"
    assert hit.context == "Direction — Alpha"
    assert hit.url == f"/repertoire/personnes/{person.slug}/"


def test_a_person_preview_reads_a_fixed_number_of_queries(django_assert_num_queries):
    for n in range(6):
        FunctionFactory(person=PersonFactory(last_name=f"Gagnon{n}"))
    member = user_with_role(Role.MEMBER)
    groups = selectors.search(viewer=member, query="gagnon")
    people = next(g for g in groups if g.kind == "people")
    # The people with their total, then their functions.
    with django_assert_num_queries(2):
        preview = people.preview(5)
    assert preview.total == 6
    assert len(preview.hits) == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
def test_postgresql_reads_the_search_indexes():
    """The document searched is the one the migration indexed (same columns, same order)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    groups = selectors.search(viewer=user_with_role(Role.STAFF), query="tremblay")
    plans = {group.kind: group.rows.explain() for group in groups}
    assert "network_organization_search" in plans["organizations"]
    assert "network_person_search" in plans["people"]


def stored_document(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_document::text FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored documents")
def test_postgresql_keeps_each_search_document_in_its_row_and_reads_its_index():
    organization = OrganizationFactory(name="Maison des jeunes", acronym="MDJ", description="")
    person = PersonFactory(first_name="Élise", last_name="Tremblay")
    assert "'mdj'" in stored_document("network_organization", organization.pk)
    assert stored_document("network_person", person.pk) == "'elis':1 'tremblay':2"

    # Each edit writes the document again.
    organization.description = "Loisirs des adolescents."
    organization.save()
    person.last_name = "Gagnon"
    person.save()
    assert "'adolescent'" in stored_document("network_organization", organization.pk)
    assert "'tremblay'" not in stored_document("network_person", person.pk)
    staff = user_with_role(Role.STAFF)
    assert found(staff, "adolescents") == {"organizations": ["Maison des jeunes"], "people": []}
    assert found(staff, "gagnon")["people"] == ["Élise Gagnon"]
    assert found(staff, "tremblay")["people"] == []

    # Each kind reads its stored document from its index, never the expression.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plans = {
        group.kind: group.rows.explain() for group in selectors.search(viewer=staff, query="elise")
    }
    for kind, table in [("organizations", "organization"), ("people", "person")]:
        assert f"network_{table}_search_document" in plans[kind]
        assert "to_tsvector" not in plans[kind]
