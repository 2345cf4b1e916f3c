from __future__ import annotations

import datetime

import pytest

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network import selectors
from maillage.network.selectors import DirectoryFilters
from maillage.network.tests.factories import (
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    mrc,
    municipality,
    region,
    sector,
)

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(o.name for o in queryset)


def test_filter_by_mrc_finds_organizations_serving_its_municipalities(charlevoix_est, la_malbaie):
    portneuf = mrc(code="2434", name="Portneuf")
    OrganizationFactory.create(name="Sert l'MRC", territories=[charlevoix_est])
    OrganizationFactory.create(name="Sert La Malbaie", territories=[la_malbaie])
    OrganizationFactory.create(name="Sert Portneuf", territories=[portneuf])
    found = selectors.organization_directory(
        viewer=None, filters=DirectoryFilters(territory=charlevoix_est)
    )
    assert names(found) == ["Sert La Malbaie", "Sert l'MRC"]
    whole_region = selectors.organization_directory(
        viewer=None, filters=DirectoryFilters(territory=region())
    )
    assert len(whole_region) == 3
    only_town = selectors.organization_directory(
        viewer=None, filters=DirectoryFilters(territory=la_malbaie)
    )
    assert names(only_town) == ["Sert La Malbaie"]


def test_filters_by_sector_level_status_and_text():
    OrganizationFactory.create(
        name="Alpha", acronym="ALP", sectors=[sector("municipal")], level="local"
    )
    OrganizationFactory.create(name="Bêta", description="cuisine collective", status="former")
    OrganizationFactory.create(name="Gamma", sectors=[sector("municipal"), sector()])

    def find(**kwargs):
        return names(
            selectors.organization_directory(viewer=None, filters=DirectoryFilters(**kwargs))
        )

    assert find(sector=sector("municipal")) == ["Alpha", "Gamma"]
    assert find(level="local") == ["Alpha"]
    assert find(status="former") == ["Bêta"]
    assert find(q="alp") == ["Alpha"]
    assert find(q="cuisine") == ["Bêta"]
    assert find(q="cuisine", status="partner") == []


def test_people_are_for_members_only():
    seat = SeatFactory.create()
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    for viewer in (anonymous, user_with_role(Role.CITIZEN), user_with_role(Role.GUEST)):
        assert selectors.organization_people(viewer=viewer, organization=seat.organization) is None
        assert not selectors.person_directory(viewer=viewer).exists()
        assert not selectors.person_pages(viewer=viewer).exists()
    member = user_with_role(Role.MEMBER)
    people = selectors.organization_people(viewer=member, organization=seat.organization)
    assert people is not None and people.seats == [seat]
    assert list(selectors.person_directory(viewer=member)) == [seat.holder]


def test_past_seats_and_functions():
    staff = user_with_role(Role.STAFF)
    old = SeatFactory.create(
        start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2020, 1, 1)
    )
    current = SeatFactory.create(organization=old.organization)
    FunctionFactory.create(organization=old.organization, end_date=datetime.date(2020, 1, 1))
    live = FunctionFactory.create(organization=old.organization)
    people = selectors.organization_people(viewer=staff, organization=old.organization)
    assert people is not None
    assert people.seats == [current] and people.past_seats == [old]
    assert people.functions == [live]
    member_view = selectors.organization_people(
        viewer=user_with_role(Role.MEMBER), organization=old.organization
    )
    assert member_view is not None and member_view.past_seats == []


def test_person_search_by_organization():
    function = FunctionFactory.create(
        organization=OrganizationFactory.create(name="Carrefour fictif")
    )
    PersonFactory.create()
    member = user_with_role(Role.MEMBER)
    assert list(selectors.person_directory(viewer=member, q="carrefour")) == [function.person]


def test_territory_panel_counts_below(charlevoix_est):
    for n in range(3):
        OrganizationFactory.create(
            territories=[municipality(code=f"24150{n}0", name=f"Village {n}")]
        )
    count, organizations = selectors.territory_panel(territory=charlevoix_est, limit=2)
    assert count == 3 and len(organizations) == 2


def test_a_persons_open_seats_with_substitutes_functions_and_seats_they_substitute_on():
    me_account = user_with_role(Role.CITIZEN)
    me = PersonFactory(user=me_account, first_name="Camille", last_name="Siège")
    table = OrganizationFactory(name="Table de Charlevoix (fictif)")
    held = SeatFactory(
        organization=table, holder=me, substitutes=[PersonFactory(last_name="Suppléante")]
    )
    FunctionFactory(person=me, organization=table, title="Agente de mobilisation")
    FunctionFactory(
        person=me,
        organization=table,
        title="Ancienne fonction",
        end_date=datetime.date(2020, 1, 1),
    )
    SeatFactory(holder=me, end_date=datetime.date(2024, 6, 1))  # ended: not shown
    other = SeatFactory(organization=OrganizationFactory(name="Autre (fictif)"), substitutes=[me])
    SeatFactory()  # someone else's

    seats = selectors.person_seats(viewer=me_account, person=me)
    assert seats.held == [held] and seats.substituting == [other]
    assert seats.held[0].functions == ["Agente de mobilisation"]
    assert [p.last_name for p in seats.held[0].substitutes.all()] == ["Suppléante"]
    # Another person's seats: for those who may see people only.
    assert not selectors.person_seats(viewer=user_with_role(Role.GUEST), person=me).any
    assert selectors.person_seats(viewer=user_with_role(Role.MEMBER), person=me).held == [held]
    assert not selectors.person_seats(viewer=me_account, person=None).any
    assert selectors.person_of_account(viewer=me_account) == me
    assert selectors.person_of_account(viewer=user_with_role(Role.MEMBER)) is None
