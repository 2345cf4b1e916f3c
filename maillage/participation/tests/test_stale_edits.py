"""A report back or a hide sent on a version someone else changed since the form was opened is
refused (409), keeps what was typed and overwrites nothing; sent again, it is saved."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import StaleVersion, version_of
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Comment, Consultation, Proposal, ReportReason
from maillage.participation.services.moderation import (
    contribution_hide,
    contribution_restore,
    report_file,
)
from maillage.participation.services.trail import consultation_report_back
from maillage.participation.tests.factories import (
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
)

pytestmark = pytest.mark.django_db

CHANGED = "Cette fiche a été modifiée depuis que vous l’avez ouverte"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_report_back_is_refused_and_keeps_what_was_typed():
    consultation = ConsultationFactory(phase="report")
    mine, theirs = member_of(consultation.circle), member_of(consultation.circle)
    url = reverse("participation:consultation_report_back", kwargs={"slug": consultation.slug})
    client = logged_in(mine)
    opened = client.get(url).context["form"]["version"].value()
    consultation_report_back(
        actor=theirs, consultation=consultation, heard_fr="Leur écoute.", decided_fr="Leur choix."
    )
    typed = {"heard_fr": "Mon écoute.", "decided_fr": "Mon choix.", "version": opened}

    refused = client.post(url, typed)

    assert refused.status_code == 409 and CHANGED in refused.text
    assert "Mon écoute." in refused.text and "Leur écoute." in refused.text
    consultation.refresh_from_db()
    assert (consultation.heard_fr, consultation.decided_fr) == ("Leur écoute.", "Leur choix.")
    again = refused.context["form"]["version"].value()
    assert again == version_of(consultation) != opened
    assert client.post(url, {**typed, "version": again}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.heard_fr == "Mon écoute."


def test_the_report_back_service_refuses_a_stale_version_and_writes_nothing():
    consultation = ConsultationFactory(phase="report")
    member = member_of(consultation.circle)
    opened = version_of(consultation)
    consultation_report_back(actor=member, consultation=consultation, heard_fr="A", decided_fr="B")
    with pytest.raises(StaleVersion):
        consultation_report_back(
            actor=member,
            consultation=Consultation.objects.get(pk=consultation.pk),
            heard_fr="C",
            decided_fr="D",
            version=opened,
        )
    consultation.refresh_from_db()
    assert (consultation.heard_fr, consultation.decided_fr) == ("A", "B")


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_a_hide_opened_before_another_moderator_restored_it_is_refused(kind):
    contribution = ProposalFactory() if kind == "proposal" else CommentFactory()
    other = user_with_role(Role.STAFF)
    url = reverse(f"participation:hide_{kind}", kwargs={"pk": contribution.pk})
    client = logged_in(user_with_role(Role.STAFF))
    opened = client.get(url).context["form"]["version"].value()
    contribution_hide(actor=other, contribution=contribution, reason="Hors sujet")
    contribution_restore(actor=other, contribution=contribution)

    refused = client.post(url, {"reason": "Mon motif à moi", "version": opened})

    assert refused.status_code == 409 and CHANGED in refused.text
    assert "Mon motif à moi" in refused.text
    contribution.refresh_from_db()
    assert not contribution.is_hidden  # the other moderator's restore stands
    again = refused.context["form"]["version"].value()
    assert again == version_of(contribution)
    assert client.post(url, {"reason": "Mon motif à moi", "version": again}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.hidden_reason == "Mon motif à moi"


def test_a_hide_sent_after_another_moderator_hid_it_keeps_their_reason_and_what_was_typed():
    proposal = ProposalFactory()
    url = reverse("participation:hide_proposal", kwargs={"pk": proposal.pk})
    client = logged_in(user_with_role(Role.STAFF))
    opened = client.get(url).context["form"]["version"].value()
    contribution_hide(actor=user_with_role(Role.STAFF), contribution=proposal, reason="Pourriel")

    refused = client.post(url, {"reason": "Mon motif à moi", "version": opened})

    assert refused.status_code == 409 and CHANGED in refused.text
    assert "Mon motif à moi" in refused.text and "Pourriel" in refused.text
    proposal.refresh_from_db()
    assert proposal.hidden_reason == "Pourriel"


def test_the_hide_form_of_the_queue_carries_the_contributions_version():
    proposal = ProposalFactory()
    report_file(actor=citizen(), proposal=proposal, reason=ReportReason.SPAM)
    client = logged_in(user_with_role(Role.STAFF))
    page = client.get(reverse("participation:moderation_queue"))
    hide = reverse("participation:hide_proposal", kwargs={"pk": proposal.pk})
    form = re.search(
        rf'<form method="post" action="{re.escape(hide)}">(.*?)</form>', page.text, re.S
    )
    assert form is not None, "the moderator sees the hide form"
    sent = re.search(r'name="version" value="([^"]+)"', form.group(1))
    assert sent is not None and sent.group(1) == version_of(proposal)
    Proposal.objects.get(pk=proposal.pk).save()  # someone saved it since

    refused = client.post(hide, {"reason": "Hors sujet", "version": sent.group(1)})

    assert refused.status_code == 409 and "Hors sujet" in refused.text
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden


def test_the_hide_service_refuses_a_stale_version():
    comment = CommentFactory()
    opened = version_of(comment)
    Comment.objects.get(pk=comment.pk).save()
    with pytest.raises(StaleVersion):
        contribution_hide(
            actor=user_with_role(Role.STAFF), contribution=comment, reason="X", version=opened
        )
    assert not Comment.objects.get(pk=comment.pk).is_hidden
