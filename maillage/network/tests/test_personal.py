"""The network's part of the registry of personal information: what "my data" shows of a
person, and how their anonymization keeps the collective's seats whole."""

from __future__ import annotations

import datetime

import pytest

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network.models import Function, Person, Seat
from maillage.network.personal import anonymize_network, export_network
from maillage.network.services import PersonData, SeatData, person_update, seat_assign
from maillage.network.tests.factories import (
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

PSEUDONYM = "Personne anonymisée 7"


def _sections(account):
    return {section.key: section for section in export_network(account)}


@pytest.fixture
def rose():
    """Rose Tremblay's account and person, a function, a seat she holds and one she replaces."""
    account = user_with_role(Role.MEMBER, email="rose@example.org")
    person = PersonFactory(
        user=account,
        first_name="Rose",
        last_name="Tremblay",
        email="rose@example.org",
        phone="418 555-0101",
    )
    FunctionFactory(person=person, organization=OrganizationFactory(name="Maison Tournesol"))
    return account


def test_my_data_shows_the_person_her_functions_and_seats_and_nobody_else(rose, staff):
    person = rose.person
    other = PersonFactory(first_name="Paul", last_name="Gagnon", email="paul@example.org")
    FunctionFactory(person=other, title="Trésorerie")
    seat_assign(
        actor=staff,
        organization=OrganizationFactory(name="Centre Horizon"),
        holder=person,
        data=SeatData(start_date=datetime.date(2025, 1, 1), note="Remplace M. Roy"),
    )
    SeatFactory(
        organization=OrganizationFactory(name="Carrefour Jeunesse"), holder=other
    ).substitutes.set([person])
    SeatFactory(organization=OrganizationFactory(name="Table Santé"), holder=other)

    sections = _sections(rose)

    assert sections["network.person"].rows[0].values == {
        "Prénom": "Rose",
        "Nom": "Tremblay",
        "Courriel": "rose@example.org",
        "Téléphone": "418 555-0101",
    }
    functions = sections["network.functions"].rows
    assert [row.values["Fonction"] for row in functions] == ["Coordination"]
    seats = {
        (row.values["Organisation"], row.values["À titre de"], row.values["Note"])
        for row in sections["network.seats"].rows
    }
    assert seats == {
        ("Centre Horizon", "titulaire", "Remplace M. Roy"),
        ("Carrefour Jeunesse", "substitut", ""),
    }


def test_an_account_without_a_person_has_nothing_in_the_network():
    assert export_network(user_with_role(Role.CITIZEN)) == []


def test_my_data_reads_in_queries_that_do_not_grow_with_the_seats(rose, query_budget):
    person = rose.person

    def add_seats(count: int) -> None:
        for _ in range(count):
            SeatFactory(holder=person)
            SeatFactory(holder=PersonFactory()).substitutes.add(person)
            FunctionFactory(person=person)

    add_seats(1)
    few = query_budget(5)(lambda: export_network(rose))
    add_seats(6)
    assert query_budget(5)(lambda: export_network(rose)) == few


def test_anonymization_keeps_seats_and_functions_and_removes_name_and_contact(rose, staff):
    person = rose.person
    other = PersonFactory(first_name="Paul", last_name="Gagnon")
    horizon = OrganizationFactory(name="Centre Horizon")
    seat = seat_assign(
        actor=staff,
        organization=horizon,
        holder=person,
        data=SeatData(start_date=datetime.date(2025, 1, 1), note="Remplace M. Roy"),
    )
    replaced = seat_assign(
        actor=staff,
        organization=OrganizationFactory(),
        holder=other,
        data=SeatData(start_date=datetime.date(2025, 1, 1), substitutes=[person]),
    )
    person_update(
        actor=staff,
        person=person,
        data=PersonData(first_name="Rose", last_name="Tremblay-Roy", email="rose@example.org"),
    )
    untouched = seat_assign(
        actor=staff,
        organization=horizon,
        holder=other,
        data=SeatData(start_date=datetime.date(2025, 1, 1)),
    )

    anonymize_network(account=rose, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=False)

    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        PSEUDONYM,
        "",
        "",
        "",
    )
    assert person.slug == "personne-anonymisee-7"
    assert person.user == rose
    # The collective's records stay whole.
    assert Seat.objects.get(pk=seat.pk).holder == person
    assert Seat.objects.get(pk=seat.pk).note == ""
    assert list(Seat.objects.get(pk=replaced.pk).substitutes.all()) == [person]
    assert Function.objects.filter(person=person).count() == 1
    # The history stops naming her, and still names the others.
    history = list(AuditEvent.objects.values_list("target_repr", "payload"))
    assert "Tremblay" not in str(history)
    assert "Paul Gagnon" in str(history)
    seat_event = AuditEvent.objects.filter(payload__seat=seat.pk).get()
    assert seat_event.payload["holder"] == PSEUDONYM
    assert AuditEvent.objects.filter(payload__seat=untouched.pk).get().payload["holder"] == (
        "Paul Gagnon"
    )
    other.refresh_from_db()
    assert (other.first_name, other.last_name) == ("Paul", "Gagnon")


def test_anonymization_leaves_an_account_without_a_person_alone():
    account = user_with_role(Role.CITIZEN)
    bystander = PersonFactory(first_name="Paul")
    anonymize_network(account=account, pseudonym=PSEUDONYM, actor=SYSTEM)
    assert Person.objects.get(pk=bystander.pk).first_name == "Paul"
