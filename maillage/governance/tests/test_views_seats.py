"""The seat list of the forms that ask for a person and one of their seats (assigning a role,
adding a member): the chosen person's current seats only, a seat not theirs refused at its
field, a second step without JavaScript and a list that HTMX reloads from an endpoint."""

# Factories return model instances; mypy sees the factory classes.
# mypy: disable-error-code="comparison-overlap"
import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.roles import ANONYMOUS
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Membership, RoleKind
from maillage.governance.tests.factories import (
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    days,
    housing_circle,
)

pytestmark = pytest.mark.django_db

SEAT_NOT_THEIRS = (
    "Ce siège n’est pas un siège actuel de la personne choisie : choisissez l’un des siens, "
    "ou « En son propre nom »."
)
NEXT_STEP = "Voici les sièges actuels de la personne choisie"


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs=kwargs)


def login(role=PlatformRole.STAFF):
    client = Client()
    if role != ANONYMOUS:
        client.force_login(user_with_role(role))
    return client


def seat_options(html: str) -> dict[str, str]:
    """The options of the seat list: value → label."""
    select = re.search(r'<select name="seat".*?</select>', html, re.S)
    assert select is not None, html
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[0]))


@pytest.fixture
def people(general):
    """Hélène holds two seats (one ended) and substitutes in a third; Marc holds one."""
    helene = PersonFactory(first_name="Hélène", last_name="Hébert")
    marc = PersonFactory(first_name="Marc", last_name="Morin")
    own = SeatFactory(holder=helene, organization=OrganizationFactory(name="Entraide (fictif)"))
    SeatFactory(
        holder=helene,
        organization=OrganizationFactory(name="Ancien (fictif)"),
        end_date=days(-10),
    )
    substituted = SeatFactory(
        holder=marc,
        organization=OrganizationFactory(name="Logis (fictif)"),
        substitutes=[helene],
    )
    return helene, marc, own, substituted


@pytest.fixture
def facilitation(general):
    return housing_circle().roles.get(kind=RoleKind.FACILITATOR)


def test_the_seat_list_holds_the_chosen_person_s_current_seats_only(people, facilitation):
    helene, marc, own, substituted = people
    staff = login()
    seats = url("role_assign_seats", pk=facilitation.pk)
    # A role is held through a seat one holds.
    assert seat_options(staff.get(seats, {"person": helene.pk}).text) == {
        "": "En son propre nom",
        str(own.pk): "Entraide (fictif)",
    }
    assert seat_options(staff.get(seats, {"person": marc.pk}).text) == {
        "": "En son propre nom",
        str(substituted.pk): "Logis (fictif)",
    }
    # One sits in a circle through a seat one holds or substitutes in.
    circle = facilitation.circle
    members = staff.get(url("circle_member_seats", slug=circle.slug), {"person": helene.pk})
    assert seat_options(members.text) == {
        "": "En son propre nom",
        str(own.pk): "Entraide (fictif)",
        str(substituted.pk): "Logis (fictif), comme substitut de Marc Morin",
    }


def test_before_a_person_is_chosen_the_list_offers_no_one_s_seats(people, facilitation):
    page = login().get(url("role_assign", pk=facilitation.pk)).text
    assert seat_options(page) == {"": "En son propre nom"}
    assert "Choisissez d’abord la personne : ses sièges actuels s’afficheront ici." in page
    for nonsense in ("", "abc", "9" * 30, "-1"):
        answer = login().get(url("role_assign_seats", pk=facilitation.pk), {"person": nonsense})
        assert answer.status_code == 200
        assert seat_options(answer.text) == {"": "En son propre nom"}


def test_the_person_list_reloads_the_seat_list_with_htmx(people, facilitation):
    page = login().get(url("role_assign", pk=facilitation.pk)).text
    seats = url("role_assign_seats", pk=facilitation.pk)
    person = re.search(r'<select name="person"[^>]*>', page)
    assert person is not None
    assert f'hx-get="{seats}"' in person[0]
    assert 'hx-target="#field-seat"' in person[0] and 'hx-swap="outerHTML"' in person[0]
    assert '<div class="field" id="field-seat">' in page
    # The fragment replaces that wrapper and says whose seats it lists.
    helene = people[0]
    fragment = login().get(seats, {"person": helene.pk}).text
    assert fragment.startswith('<div class="field" id="field-seat">')
    assert f'<input type="hidden" name="seats_for" value="{helene.pk}">' in fragment
    assert "<html" not in fragment


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (ANONYMOUS, 302),
        (PlatformRole.CITIZEN, 403),
        (PlatformRole.GUEST, 403),
        (PlatformRole.MEMBER, 403),
        (PlatformRole.STAFF, 200),
        (PlatformRole.ADMIN, 200),
    ],
)
def test_only_those_who_may_fill_the_form_see_a_person_s_seats(role, status, people, facilitation):
    helene = people[0]
    circle = facilitation.circle
    for seats in (
        url("role_assign_seats", pk=facilitation.pk),
        url("circle_member_seats", slug=circle.slug),
    ):
        answer = login(role).get(seats, {"person": helene.pk})
        assert answer.status_code == status
        assert ("Entraide (fictif)" in answer.text) is (status == 200)
        if role == ANONYMOUS:
            assert answer["Location"].startswith(reverse("account_login"))


def test_a_seat_that_is_not_the_person_s_is_refused_at_its_field(people, facilitation):
    helene, marc, own, substituted = people
    staff = login()
    for seat in (substituted, SeatFactory()):  # a seat they only substitute in; someone else's
        response = staff.post(
            url("role_assign", pk=facilitation.pk),
            {
                "person": helene.pk,
                "seat": seat.pk,
                "seats_for": helene.pk,
                "start_date": "2026-08-01",
            },
        )
        assert response.status_code == 400
        assert response.context["form"].errors["seat"] == [SEAT_NOT_THEIRS]
        assert SEAT_NOT_THEIRS in response.text
        # What was typed is kept, and the list is hers.
        assert 'value="2026-08-01"' in response.text
        assert set(seat_options(response.text)) == {"", str(own.pk)}
    assert not facilitation.assignments.exists()
    # Sitting in a circle: the same refusal for a seat that is neither held nor substituted.
    circle = facilitation.circle
    response = staff.post(
        url("circle_member_add", slug=circle.slug),
        {"person": marc.pk, "seat": own.pk, "seats_for": marc.pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["seat"] == [SEAT_NOT_THEIRS]
    assert not Membership.objects.filter(person=marc, circle=circle).exists()


def test_without_javascript_choosing_the_person_then_the_seat_takes_two_steps(people, facilitation):
    helene, _marc, own, _substituted = people
    staff = login()
    assign = url("role_assign", pk=facilitation.pk)
    first = staff.post(
        assign, {"person": helene.pk, "seat": "", "seats_for": "", "start_date": "2026-08-01"}
    )
    # Nothing saved: the form again, with her seats and what was typed.
    assert first.status_code == 200
    assert NEXT_STEP in first.text
    assert not facilitation.assignments.exists()
    assert set(seat_options(first.text)) == {"", str(own.pk)}
    assert f'<input type="hidden" name="seats_for" value="{helene.pk}">' in first.text
    assert re.search(rf'<option value="{helene.pk}" selected>', first.text)
    assert 'value="2026-08-01"' in first.text
    second = staff.post(
        assign,
        {"person": helene.pk, "seat": own.pk, "seats_for": helene.pk, "start_date": "2026-08-01"},
    )
    assert second.status_code == 302
    assignment = facilitation.assignments.get()
    assert assignment.person == helene and assignment.seat == own
    assert assignment.start_date == dt.date(2026, 8, 1)


def test_a_person_with_no_seat_or_whose_list_was_shown_is_saved_in_one_step(people, facilitation):
    helene = people[0]
    staff = login()
    circle = facilitation.circle
    nobody = PersonFactory()
    add = url("circle_member_add", slug=circle.slug)
    assert staff.post(add, {"person": nobody.pk, "seats_for": ""}).status_code == 302
    # Her list was shown and she sits in her own name: no second step.
    assert staff.post(add, {"person": helene.pk, "seats_for": helene.pk}).status_code == 302
    assert Membership.objects.get(person=helene, circle=circle).seat is None
    assert Membership.objects.filter(person=nobody, circle=circle).exists()


def test_the_form_and_its_seat_list_cost_the_same_queries_whatever_the_number_of_seats(
    people, facilitation, query_budget
):
    helene = people[0]
    meter = query_budget(25)
    pages = [
        f"{url('role_assign_seats', pk=facilitation.pk)}?person={helene.pk}",
        url("role_assign", pk=facilitation.pk),
    ]
    few = [meter.get(login(), page) for page in pages]
    for n in range(25):
        SeatFactory(holder=helene, organization=OrganizationFactory(name=f"Groupe {n} (fictif)"))
        SeatFactory(substitutes=[helene])
    assert [meter.get(login(), page) for page in pages] == few
