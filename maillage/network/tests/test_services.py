from __future__ import annotations

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.checks import assert_seeded
from maillage.core.tests.factories import user_with_role
from maillage.network import services
from maillage.network.models import OrganizationStatus, Seat, Sector
from maillage.network.services import OrganizationData, PersonData, SeatData
from maillage.network.tests.factories import (
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    sector,
)

pytestmark = pytest.mark.django_db


def test_sectors_are_seeded_in_order():
    assert_seeded(
        Sector,
        [
            "communautaire",
            "municipal",
            "sante-services-sociaux",
            "education",
            "economique",
            "philanthropique",
            "reseaux-publics",
            "citoyen",
            "premieres-nations",
            "autre",
        ],
    )
    assert (
        Sector.objects.get(key="premieres-nations").name_en
        == "Indigenous (First Nations and Inuit)"
    )


def test_organization_create_is_audited(staff, charlevoix_est):
    organization = services.organization_create(
        actor=staff,
        data=OrganizationData(
            name="Maison des Lucioles (fictif)",
            neq="1234 567 890",
            sectors=[sector(), sector("municipal")],
            territories=[charlevoix_est],
        ),
    )
    assert organization.slug == "maison-des-lucioles-fictif"
    assert organization.neq == "1234567890"
    assert set(organization.sectors.values_list("key", flat=True)) == {"communautaire", "municipal"}
    event = AuditEvent.objects.get(verb="organization.created")
    assert event.actor == staff
    assert event.target_id == str(organization.pk)
    assert event.payload["territories"] == ["2415"]


@pytest.mark.parametrize("neq", ["123", "12345678901", "12345abcde"])
def test_neq_must_have_ten_digits(staff, neq):
    with pytest.raises(ValidationError) as caught:
        services.organization_create(
            actor=staff, data=OrganizationData(name="Groupe (fictif)", neq=neq, sectors=[sector()])
        )
    assert "neq" in caught.value.message_dict
    assert "10" in caught.value.message_dict["neq"][0]


def test_neq_is_unique(staff):
    OrganizationFactory.create(neq="1111111111")
    with pytest.raises(ValidationError) as caught:
        services.organization_create(
            actor=staff,
            data=OrganizationData(name="Doublon (fictif)", neq="1111111111", sectors=[sector()]),
        )
    assert "neq" in caught.value.message_dict


def test_organization_needs_a_sector(staff):
    with pytest.raises(ValidationError) as caught:
        services.organization_create(actor=staff, data=OrganizationData(name="X", sectors=[]))
    assert "sectors" in caught.value.message_dict


def test_slugs_stay_unique(staff):
    first = services.organization_create(
        actor=staff, data=OrganizationData(name="Même nom", sectors=[sector()])
    )
    second = services.organization_create(
        actor=staff, data=OrganizationData(name="Même nom", sectors=[sector()])
    )
    assert (first.slug, second.slug) == ("meme-nom", "meme-nom-2")


def test_only_staff_change_the_network():
    member = user_with_role(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=member, data=OrganizationData(name="Refusé", sectors=[sector()])
        )


def test_update_records_changes_and_status(staff):
    organization = OrganizationFactory.create(name="Ancien nom")
    data = OrganizationData(
        name="Nouveau nom", sectors=[sector()], status=OrganizationStatus.FORMER
    )
    services.organization_update(actor=staff, organization=organization, data=data)
    organization.refresh_from_db()
    assert organization.name == "Nouveau nom"
    assert organization.status == OrganizationStatus.FORMER
    updated = AuditEvent.objects.get(verb="organization.updated")
    assert updated.payload["name"] == ["Ancien nom", "Nouveau nom"]
    status = AuditEvent.objects.get(verb="organization.status_changed")
    assert status.payload == {"from": "partner", "to": "former"}


def test_set_status_rejects_unknown(staff):
    with pytest.raises(ValidationError):
        services.organization_set_status(
            actor=staff, organization=OrganizationFactory.create(), status="friend"
        )


def test_person_create_and_update(staff):
    person = services.person_create(
        actor=staff,
        data=PersonData(first_name="Léa", last_name="Fictive", email="LEA@example.org"),
    )
    assert person.email == "lea@example.org"
    services.person_update(
        actor=staff,
        person=person,
        data=PersonData(first_name="Léa", last_name="Inventée", email="lea@example.org"),
    )
    event = AuditEvent.objects.get(verb="person.updated")
    assert event.payload["last_name"] == ["Fictive", "Inventée"]


def test_person_email_is_unique(staff):
    PersonFactory.create(email="pris@example.org")
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            actor=staff, data=PersonData(first_name="A", last_name="B", email="pris@example.org")
        )
    assert "email" in caught.value.message_dict


def test_function_add_and_end(staff):
    person, organization = PersonFactory.create(), OrganizationFactory.create()
    function = services.function_add(
        actor=staff, person=person, organization=organization, title="Directrice"
    )
    services.function_end(actor=staff, function=function, end_date=datetime.date(2030, 1, 1))
    assert function.end_date == datetime.date(2030, 1, 1)
    with pytest.raises(ValidationError):
        services.function_end(actor=staff, function=function)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"function.added", "function.ended"} <= verbs


def test_seat_assign_with_substitutes(staff):
    organization, holder, substitute = (
        OrganizationFactory.create(),
        PersonFactory.create(),
        PersonFactory.create(),
    )
    seat = services.seat_assign(
        actor=staff,
        organization=organization,
        holder=holder,
        data=SeatData(start_date=datetime.date(2025, 1, 1), substitutes=[substitute]),
    )
    assert list(seat.substitutes.all()) == [substitute]
    event = AuditEvent.objects.get(verb="seat.assigned")
    assert event.target_id == str(organization.pk)


def test_no_two_open_seats_for_one_organization(staff):
    seat = SeatFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.seat_assign(
            actor=staff,
            organization=seat.organization,
            holder=seat.holder,
            data=SeatData(start_date=datetime.date(2025, 6, 1)),
        )
    assert "holder" in caught.value.message_dict
    # Another organization is fine.
    elsewhere = services.seat_assign(
        actor=staff,
        organization=OrganizationFactory.create(),
        holder=seat.holder,
        data=SeatData(start_date=datetime.date(2025, 6, 1)),
    )
    assert elsewhere.holder == seat.holder and elsewhere.organization != seat.organization


def test_a_new_seat_after_the_previous_one_ended(staff):
    seat = SeatFactory.create(start_date=datetime.date(2020, 1, 1))
    services.seat_end(actor=staff, seat=seat, end_date=datetime.date(2021, 1, 1))
    again = services.seat_assign(
        actor=staff,
        organization=seat.organization,
        holder=seat.holder,
        data=SeatData(start_date=datetime.date(2022, 1, 1)),
    )
    assert again.pk != seat.pk and again.end_date is None
    seats = Seat.objects.filter(organization=seat.organization, holder=seat.holder)
    assert list(seats.order_by("start_date").values_list("start_date", "end_date")) == [
        (datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)),
        (datetime.date(2022, 1, 1), None),
    ]


def test_holder_is_not_their_own_substitute(staff):
    holder = PersonFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.seat_assign(
            actor=staff,
            organization=OrganizationFactory.create(),
            holder=holder,
            data=SeatData(start_date=datetime.date(2025, 1, 1), substitutes=[holder]),
        )
    assert "substitutes" in caught.value.message_dict


def test_seat_cannot_end_before_it_starts(staff):
    seat = SeatFactory.create(start_date=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.seat_end(actor=staff, seat=seat, end_date=datetime.date(2024, 1, 1))


def test_seat_end(staff):
    seat = SeatFactory.create()
    services.seat_end(actor=staff, seat=seat)
    assert seat.end_date is not None
    with pytest.raises(ValidationError):
        services.seat_end(actor=staff, seat=seat)
    assert AuditEvent.objects.filter(verb="seat.ended").count() == 1


def test_seat_update_changes_substitutes(staff):
    seat = SeatFactory.create()
    substitute = PersonFactory.create()
    services.seat_update(
        actor=staff,
        seat=seat,
        data=SeatData(start_date=seat.start_date, substitutes=[substitute], note="Mandat 2025"),
    )
    assert list(seat.substitutes.all()) == [substitute]


def test_person_link_account_needs_a_verified_address():
    person = PersonFactory.create(email="marie@example.org")
    user = user_with_role(Role.MEMBER, email="marie@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert services.person_link_account(actor=user, user=user, email=user.email) is None
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert services.person_link_account(actor=user, user=user, email=user.email) == person
    person.refresh_from_db()
    assert person.user == user
    assert AuditEvent.objects.filter(verb="person.account_linked").exists()


def test_email_confirmed_signal_links_the_person(rf):
    from allauth.account.signals import email_confirmed

    person = PersonFactory.create(email="paul@example.org")
    user = user_with_role(Role.CITIZEN, email="paul@example.org")
    address = EmailAddress.objects.get(user=user)
    email_confirmed.send(sender=EmailAddress, request=rf.get("/"), email_address=address)
    person.refresh_from_db()
    assert person.user == user


def test_person_create_links_an_existing_verified_account(staff):
    user = user_with_role(Role.MEMBER, email="deja@example.org")
    person = services.person_create(
        actor=staff,
        data=PersonData(first_name="Déjà", last_name="Inscrite", email="deja@example.org"),
    )
    assert person.user == user


def test_someone_else_cannot_link_accounts():
    user = user_with_role(Role.CITIZEN)
    other = user_with_role(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        services.person_link_account(actor=other, user=user, email=user.email)


def test_person_for_account_links_a_verified_address_only():
    from maillage.core.tests.factories import UserFactory
    from maillage.network.tests.factories import PersonFactory

    existing = PersonFactory(email="lea@exemple.org")
    unverified = UserFactory(email="lea@exemple.org", verified=False)
    person = services.person_for_account(actor=unverified, user=unverified)
    # An unverified account never takes over someone's record: it gets its own, without the address.
    assert person != existing
    assert person.user == unverified
    assert person.email == ""
    existing.refresh_from_db()
    assert existing.user is None

    verified = UserFactory(email="max@exemple.org")
    namesake = PersonFactory(email="max@exemple.org")
    assert services.person_for_account(actor=verified, user=verified) == namesake
    namesake.refresh_from_db()
    assert namesake.user == verified
    # Asking again gives the same record.
    assert services.person_for_account(actor=verified, user=verified) == namesake


@pytest.mark.parametrize(
    ("email", "first", "last", "expected"),
    [
        ("rose.tremblay@exemple.org", "", "", ("Rose", "Tremblay")),
        ("jean-marc_paquet+maillage@exemple.org", "", "", ("Jean-Marc", "Paquet")),
        ("rose@exemple.org", "", "", ("Rose", "?")),
        ("rtremblay@exemple.org", "Rose", "", ("Rose", "?")),
        ("x@exemple.org", "", "Tremblay", ("X", "Tremblay")),
        ("a@exemple.org", "Éloïse", "Côté", ("Éloïse", "Côté")),
    ],
)
def test_person_for_account_makes_a_record_even_for_an_account_without_names(
    email, first, last, expected
):
    from maillage.core.tests.factories import UserFactory

    user = UserFactory(email=email, first_name=first, last_name=last)
    person = services.person_for_account(actor=user, user=user)
    assert (person.first_name, person.last_name) == expected
    assert person.user == user and person.slug
