"""Applications: moving one along its workflow, who is told, and its page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from maillage.core.models import Notification, User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.workflows import TransitionNotAllowed
from maillage.funding import selectors
from maillage.funding.services.applications import application_transition
from maillage.funding.tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    SeatFactory,
    applicant_of,
    user_with_person,
)
from maillage.network.models import Function

pytestmark = pytest.mark.django_db


def _staff() -> User:
    return user_with_person(Role.STAFF)


def test_applicant_accounts_are_the_people_acting_for_the_organization():
    organization = OrganizationFactory()
    by_function = applicant_of(organization)
    seated = user_with_person(Role.MEMBER)
    SeatFactory(organization=organization, holder=seated.person)
    former = applicant_of(organization)
    Function.objects.filter(person=former.person).update(end_date=dt.date(2020, 1, 1))
    elsewhere = applicant_of(OrganizationFactory())
    application = ApplicationFactory(organization=organization)

    accounts = set(selectors.applicant_accounts(application))

    assert {by_function, seated} <= accounts
    assert former not in accounts
    assert elsewhere not in accounts


def test_a_move_the_applicants_can_see_tells_them_and_an_internal_one_does_not():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(organization=organization, state="submitted")
    staff = _staff()

    application_transition(actor=staff, application=application, step="screen")
    told = Notification.objects.filter(recipient=applicant)
    assert told.count() == 1
    assert "En analyse" in told.get().subject

    application_transition(actor=staff, application=application, step="qualify")
    application.refresh_from_db()
    assert application.state == "in_review"
    assert told.count() == 1  # "screening" and "in review" both read "under analysis"


def test_an_applicant_cannot_fire_a_staff_step_and_the_state_stays():
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(organization=organization, state="submitted")

    with pytest.raises(TransitionNotAllowed):
        application_transition(actor=applicant, application=application, step="screen")
    application.refresh_from_db()
    assert application.state == "submitted"


def test_the_platform_fires_a_deciding_step():
    application = ApplicationFactory(state="recommended")
    application_transition(actor=SYSTEM, application=application, step="accept")
    application.refresh_from_db()
    assert application.state == "accepted"
    assert application.state_changed_at is not None


def test_the_page_shows_applicants_the_public_state_and_staff_the_internal_one(client):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(organization=organization, state="screening")
    url = reverse("funding:application_detail", args=[application.pk])

    client.force_login(applicant)
    html = client.get(url).text
    assert "En analyse" in html
    assert "Examen de recevabilité" not in html

    client.force_login(_staff())
    html = client.get(url).text
    assert "Examen de recevabilité" in html


def test_a_stranger_is_refused_the_page(client):
    application = ApplicationFactory()
    client.force_login(user_with_person(Role.MEMBER))
    response = client.get(reverse("funding:application_detail", args=[application.pk]))
    assert response.status_code == 403


def test_staff_send_a_recommended_application_back_to_the_committee(client):
    application = ApplicationFactory(state="recommended")
    staff = _staff()
    client.force_login(staff)
    url = reverse("funding:application_detail", args=[application.pk])
    assert "Renvoyer au comité" in client.get(url).text

    client.post(reverse("funding:application_move", args=[application.pk, "reconsider"]))

    application.refresh_from_db()
    assert application.state == "in_review"
