"""Quorum by seats and sectors (`governance.quorum`), and a group's quorum rules in its form and
on its page."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Circle
from maillage.governance.quorum import Present, QuorumRule, SectorRef, describe, quorum, rule_of
from maillage.network.tests.factories import sector

SANTE = SectorRef(3, "Santé et services sociaux")
RULE = QuorumRule(seats=3, sectors=3, required=(SANTE,))


def present(person: int, organization: int | None, *sectors: int) -> Present:
    return Present(
        person_id=person,
        organization_ids=frozenset({organization} if organization else set()),
        sector_ids=frozenset(sectors),
    )


def test_quorum_is_met_with_enough_seats_sectors_and_the_required_sector():
    result = quorum(RULE, [present(1, 10, 1), present(2, 11, 2), present(3, 12, 3)])
    assert result.met
    assert (result.people, result.seats, result.sectors) == (3, 3, 3)
    assert result.reasons == ()


def test_a_missing_required_sector_and_too_few_sectors_are_named():
    with translation.override("fr"):
        result = quorum(RULE, [present(1, 10, 1), present(2, 11, 2), present(3, 12, 2)])
    assert not result.met
    assert result.reasons == (
        "2 secteurs présents sur 3 requis",
        "secteur « Santé et services sociaux » absent",
    )
    with translation.override("en"):
        english = quorum(RULE, [present(1, 10, 1), present(2, 11, 2), present(3, 12, 2)])
    assert english.reasons[1] == "sector “Santé et services sociaux” absent"


def test_a_seat_counts_once_whoever_fills_it_and_people_without_seats_bring_none():
    # The holder and the substitute of the same organization, and a guest without a seat.
    result = quorum(QuorumRule(seats=2), [present(1, 10, 1), present(2, 10, 1), present(3, None)])
    assert result.people == 3 and result.seats == 1
    with translation.override("en"):
        assert quorum(QuorumRule(seats=2), [present(1, 10)]).reasons == (
            "1 seat represented out of 2 required",
        )


def test_no_rule_is_always_met_even_with_nobody():
    result = quorum(QuorumRule(), [])
    assert result.met and not QuorumRule().any
    assert RULE.any


def test_rules_are_read_from_a_circle_and_described(general):
    general.quorum_seats = 4
    general.save()
    general.quorum_required_sectors.set([sector("municipal")])
    rule = rule_of(Circle.objects.get(pk=general.pk))
    assert rule.seats == 4 and [s.id for s in rule.required] == [sector("municipal").pk]
    with translation.override("fr"):
        assert describe(rule) == [
            "au moins 4 sièges représentés",
            "le secteur « Municipal » présent",
        ]


def test_staff_set_a_circles_quorum_in_its_form_and_its_page_shows_it(general):
    staff = Client()
    staff.force_login(user_with_role(Role.STAFF))
    amend = reverse("governance:circle_amend", kwargs={"slug": general.slug})
    assert 'name="quorum_seats"' in staff.get(amend).text
    refused = staff.post(amend, {"name": general.name, "mode": "consent", "quorum_seats": "-1"})
    assert refused.status_code == 400 and "quorum_seats" in refused.context["form"].errors
    response = staff.post(
        amend,
        {
            "name": general.name,
            "mode": "consent",
            "quorum_seats": "5",
            "quorum_sectors": "2",
            "quorum_required_sectors": [sector("municipal").pk],
        },
    )
    assert response.status_code == 302
    general.refresh_from_db()
    assert (general.quorum_seats, general.quorum_sectors) == (5, 2)
    page = staff.get(reverse("governance:circle_detail", kwargs={"slug": general.slug})).text
    assert "au moins 5 sièges représentés" in page
    assert "au moins 2 secteurs présents" in page
