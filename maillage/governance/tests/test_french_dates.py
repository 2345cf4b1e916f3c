"""The first of a month reads "1er" wherever a date is written in French: pages, e-mails."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maillage.core.roles import Role as PlatformRole
from maillage.governance import services
from maillage.governance.models import Invitation, RoleKind
from maillage.governance.selectors.invitations import invitation_email
from maillage.governance.services import SYSTEM, CircleData, PolicyData, WorkstreamData
from maillage.governance.tests.factories import general_circle, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    return services.circle_create(
        actor=SYSTEM, data=CircleData(name="Habitation", parent=general_circle())
    )


def test_a_page_writes_the_first_of_the_month_1er_in_french_only(circle):
    policy = services.policy_adopt(
        actor=SYSTEM,
        circle=circle,
        data=PolicyData(
            title="Principes",
            text="…",
            adopted_on=dt.date(2026, 8, 1),
            review_date=dt.date(2027, 3, 21),
        ),
    )
    client = Client()
    client.force_login(user_with_person(PlatformRole.MEMBER))
    page = reverse("governance:policy_detail", kwargs={"pk": policy.pk})
    french = client.get(page).text
    assert '<time datetime="2026-08-01">1er août 2026</time>' in french
    assert '<time datetime="2027-03-21">21 mars 2027</time>' in french
    with translation.override("en"):
        english_page = reverse("governance:policy_detail", kwargs={"pk": policy.pk})
    english = client.get(english_page).text
    assert '<time datetime="2026-08-01">Aug. 1, 2026</time>' in english


def test_the_e_mails_write_the_first_of_the_month_1er(circle, django_capture_on_commit_callbacks):
    lead = user_with_person(PlatformRole.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        services.role_assign(
            actor=SYSTEM,
            role=circle.roles.get(kind=RoleKind.LEAD),
            person=lead.person,
            term_end=dt.date(2027, 6, 1),
        )
        services.policy_adopt(
            actor=SYSTEM,
            circle=circle,
            data=PolicyData(
                title="Principes",
                text="…",
                adopted_on=dt.date(2025, 8, 1),
                review_date=dt.date(2026, 8, 1),
            ),
        )
        services.reminders_send(actor=SYSTEM, today=dt.date(2026, 7, 25))
    term, review = mail.outbox
    assert "Votre mandat se termine le 1er juin 2027." in term.body
    assert review.subject.endswith("Révision de politique le 1er août 2026 : Principes")


def test_the_invitation_e_mail_writes_its_last_day_1er(circle):
    workstream = services.workstream_create(
        actor=SYSTEM, data=WorkstreamData(name="Logement des aînés", sponsors=[circle])
    )
    services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
    sent = services.invitation_create(actor=SYSTEM, workstream=workstream, email="a@example.org")
    invitation = Invitation.objects.get(pk=sent.invitation.pk)
    # The 1st at 21:00 in Québec is the 2nd in UTC: the e-mail says the local day.
    invitation.expires_at = dt.datetime(2026, 8, 1, 21, 0, tzinfo=ZoneInfo("America/Toronto"))
    _subject, body = invitation_email(invitation, "https://maillage.example.org/invitation/")
    assert "Cette invitation expire le 1er août 2026." in body
