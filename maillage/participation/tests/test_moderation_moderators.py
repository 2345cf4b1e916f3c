"""A group's moderators page: its lead or staff name members and remove them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.governance.models import RoleKind
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory
from maillage.participation.models import Moderator
from maillage.participation.tests.factories import CircleFactory, WorkstreamFactory
from maillage.participation.verbs import ParticipationVerb

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def lead_of(circle):
    lead = member_of(circle)
    RoleAssignmentFactory(role=RoleFactory(circle=circle, kind=RoleKind.LEAD), person=lead.person)
    return lead


def test_the_circles_lead_names_a_member_and_is_told_when_someone_is_not_one():
    circle = CircleFactory()
    member = member_of(circle)
    member.first_name, member.last_name = "Annie", "Tremblay"
    member.save(update_fields=["first_name", "last_name"])
    outsider = member_of(CircleFactory())
    client = logged_in(lead_of(circle))
    url = reverse("participation:moderator_add", kwargs={"circle": circle.slug})
    page = client.get(url)
    assert page.status_code == 200 and "Annie Tremblay" in page.text
    assert member.email not in page.text  # members are listed by name only
    refused = client.post(url, {"account": outsider.pk})
    assert refused.status_code == 400
    assert "Cette personne n’est pas membre de ce cercle ou de ce chantier." in refused.text
    named = client.post(url, {"account": member.pk})
    assert named.status_code == 302
    assert Moderator.objects.filter(circle=circle, account=member).exists()
    assert "Annie Tremblay" in client.get(url).text


def test_a_plain_member_of_the_group_may_not_name_moderators():
    circle = CircleFactory()
    client = logged_in(member_of(circle))
    url = reverse("participation:moderator_add", kwargs={"circle": circle.slug})
    assert client.get(url).status_code == 403
    assert client.post(url, {"account": member_of(circle).pk}).status_code == 403
    assert not Moderator.objects.exists()


def test_staff_remove_a_workstreams_moderator_and_the_removal_is_audited():
    workstream = WorkstreamFactory()
    member = member_of(workstream)
    Moderator.objects.create(workstream=workstream, account=member)
    client = logged_in(user_with_role(Role.STAFF))
    page = reverse("participation:moderator_add", kwargs={"workstream": workstream.slug})
    remove = reverse("participation:moderator_remove", kwargs={"workstream": workstream.slug})
    assert f'action="{remove}"' in client.get(page).text
    done = client.post(remove, {"account": member.pk})
    assert done.status_code == 302 and done["Location"] == page
    assert not Moderator.objects.exists()
    again = client.post(remove, {"account": member.pk}, follow=True)
    assert "Cette personne ne modère plus ce groupe." in again.text
    assert AuditEvent.objects.filter(verb=ParticipationVerb.MODERATOR_REMOVED.value).count() == 1
