"""The network's section of My space: the seats of the person logged in, and for whom."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network.tests.factories import (
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

MY_SPACE = "/mon-espace/"


def seats_section(user) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(MY_SPACE).text
    return page.split('id="my-seats-heading"', 1)[1].split("</section>", 1)[0]


def test_my_seats_say_for_whom_as_what_since_when_and_with_which_substitutes():
    user = user_with_role(Role.MEMBER)
    me = PersonFactory(user=user, email=user.email)
    table = OrganizationFactory(name="Table de Charlevoix (fictif)", slug="table-charlevoix")
    SeatFactory(
        organization=table,
        holder=me,
        start_date=datetime.date(2024, 9, 1),
        substitutes=[PersonFactory(first_name="Églantine", last_name="Rochebrune")],
    )
    FunctionFactory(person=me, organization=table, title="Agente de mobilisation")
    SeatFactory(
        organization=OrganizationFactory(name="Partenaire ancien (fictif)"),
        holder=me,
        end_date=datetime.date(2024, 6, 1),
    )
    SeatFactory(
        organization=OrganizationFactory(name="Corporation voisine (fictif)"),
        holder=PersonFactory(first_name="Jules", last_name="Titulaire"),
        substitutes=[me],
    )
    section = seats_section(user)
    assert (
        'Titulaire pour <a href="/repertoire/organisations/table-charlevoix/">'
        "Table de Charlevoix (fictif)</a>"
    ) in section
    assert "Fonction : Agente de mobilisation" in section
    assert 'Depuis le <time datetime="2024-09-01">1er septembre 2024</time>' in section
    assert "Substituts : Églantine Rochebrune" in section
    assert "Substitut de Jules Titulaire pour" in section and "Corporation voisine" in section
    assert "Partenaire ancien" not in section


def test_a_seat_without_substitute_says_who_can_name_one():
    user = user_with_role(Role.MEMBER)
    SeatFactory(holder=PersonFactory(user=user, email=user.email))
    assert "Aucun substitut : l’équipe de coordination peut en désigner un" in seats_section(user)


def test_without_a_seat_the_section_says_how_seats_are_given_and_whom_to_ask():
    user = user_with_role(Role.GUEST)
    PersonFactory(user=user, email=user.email)
    SeatFactory()  # someone else's seat is not mine
    section = seats_section(user)
    assert "Vous ne détenez aucun siège au sein du collectif." in section
    assert "L’équipe de coordination (Collectif IDS-CN) attribue un siège" in section
    assert "Titulaire" not in section


def test_an_account_outside_the_directory_is_told_how_to_be_linked():
    section = seats_section(user_with_role(Role.CITIZEN))
    assert "Votre compte n’est lié à aucune personne du répertoire" in section
    assert "demandez à l’équipe de coordination (Collectif IDS-CN)" in section
