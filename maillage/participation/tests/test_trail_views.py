"""The influence trail's pages: from routing to a consent decision that takes a proposal up,
the public trail and what it hides, following, and the answer forms' refusals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.models import Notification
from maillage.decisions.models import Visibility
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Follow, TrailStatus
from maillage.participation.selectors.trail import trail_path
from maillage.participation.services import trail as services
from maillage.participation.tests.factories import (
    CircleFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
)
from maillage.participation.tests.trail_helpers import consented, routed_proposal

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(name: str, proposal) -> str:
    return reverse(f"participation:{name}", kwargs={"kind": "proposition", "pk": proposal.pk})


def test_a_proposal_followed_from_its_submission_to_the_consent_decision_that_takes_it_up():
    # A citizen submits a proposal to the general circle's consultation: it is received there.
    consultation = ConsultationFactory()
    submitted = _client(citizen()).post(
        reverse("participation:proposal_create", kwargs={"slug": consultation.slug}),
        {
            "title": "Des logements pour les aînés du village",
            "text": "Que nos aînés puissent rester au village, près des leurs.",
            "signature": "pseudonym",
            "display_name": "Voisine du village",
        },
    )
    assert submitted.status_code == 302
    proposal = consultation.proposals.get()
    assert proposal.status == TrailStatus.RECEIVED
    assert proposal.routed_to == consultation.circle
    # A member of the general circle sends it on to the housing circle.
    general_member = member_of(proposal.consultation.circle)
    housing = CircleFactory(name="Cercle habitation")
    members = [member_of(housing) for _n in range(3)]
    sent = _client(general_member).post(
        _url("trail_route", proposal), {"group": f"circle:{housing.pk}"}
    )
    assert sent.status_code == 302
    proposal.refresh_from_db()
    assert proposal.routed_to == housing
    # The housing circle studies it, then consents to a proposal that takes it up.
    answerer = _client(members[0])
    assert answerer.post(_url("trail_move", proposal), {"transition": "study"}).status_code == 302
    decision = consented(housing, *members, title="Bâtir six logements pour aînés")
    assert decision.visibility == Visibility.PUBLIC
    page = answerer.get(_url("trail_answer", proposal))
    assert page.status_code == 200 and f'value="{decision.pk}"' in page.text
    taken = answerer.post(
        _url("trail_move", proposal),
        {"transition": "take_up", "decision": decision.pk, "reason": "Adoptée par consentement."},
    )
    assert taken.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TrailStatus.TAKEN_UP and proposal.process == decision.process
    # The public trail links the circle, the decision process and the register entry.
    public = _client().get(_url("trail", proposal))
    assert public.status_code == 200
    assert reverse("decisions:decision_detail", kwargs={"pk": decision.pk}) in public.text
    assert reverse("decisions:process_detail", kwargs={"pk": decision.process.pk}) in public.text
    assert reverse("governance:circle_detail", kwargs={"slug": housing.slug}) in public.text
    assert "Adoptée par consentement." in public.text
    # The proposal's own public page shows the same trail, with the decision.
    page = _client().get(reverse("participation:proposal_detail", args=[proposal.pk])).text
    assert reverse("decisions:decision_detail", kwargs={"pk": decision.pk}) in page
    assert "Reprise dans une décision" in page
    # The contributor was told of each step (sent, studied, taken up), once each.
    told = Notification.objects.filter(recipient=proposal.author).order_by("pk")
    assert told.count() == 3
    assert decision.process.title not in told.last().subject
    assert told.last().url == _url("trail", proposal)


def test_the_public_trail_names_an_internal_decision_only_to_the_groups_members():
    proposal, circle, member = routed_proposal()
    voters = [member, member_of(circle)]
    decision = consented(circle, *voters, visibility=Visibility.INTERNAL)
    services.input_move(
        actor=member, input=proposal, transition="take_up", reason="", decision=decision
    )
    link = reverse("decisions:decision_detail", kwargs={"pk": decision.pk})
    public = _client().get(_url("trail", proposal))
    assert public.status_code == 200
    assert link not in public.text and decision.title not in public.text
    assert "décision interne" in public.text
    assert link in _client(member).get(_url("trail", proposal)).text


def test_not_retained_without_a_reason_stays_on_the_form_with_what_was_chosen():
    proposal, _circle, member = routed_proposal()
    refused = _client(member).post(_url("trail_move", proposal), {"transition": "decline"})
    assert refused.status_code == 400
    assert 'value="decline" selected' in refused.text
    proposal.refresh_from_db()
    assert proposal.status == TrailStatus.RECEIVED


def test_a_citizen_follows_then_stops_following_from_the_trail_page():
    proposal, _circle, _member = routed_proposal()
    reader = citizen()
    client = _client(reader)
    assert client.post(_url("trail_follow", proposal)).status_code == 302
    assert Follow.objects.filter(account=reader, proposal=proposal).exists()
    assert "Ne plus suivre" in client.get(_url("trail", proposal)).text
    assert client.post(_url("trail_unfollow", proposal)).status_code == 302
    assert not Follow.objects.filter(account=reader).exists()


def test_a_trail_s_address_names_its_kind_in_french_and_an_english_link_still_works():
    proposal, _circle, _member = routed_proposal()
    path = trail_path(proposal)
    assert f"/proposition/{proposal.pk}/" in path
    english = reverse("participation:trail", kwargs={"kind": "proposal", "pk": proposal.pk})
    assert _client().get(english).status_code == 200
    unknown = reverse("participation:trail", kwargs={"kind": "idee", "pk": proposal.pk})
    assert _client().get(unknown).status_code == 404


def test_a_hidden_proposals_trail_is_not_found_by_the_public():
    proposal, _circle, _member = routed_proposal(
        hidden_at="2026-01-01T00:00Z", hidden_reason="Propos blessants."
    )
    assert _client().get(_url("trail", proposal)).status_code == 404


def test_my_space_says_which_of_my_groups_have_ideas_waiting():
    _proposal, circle, member = routed_proposal()
    page = _client(member).get(reverse("core:my_space"))
    assert page.status_code == 200
    assert reverse("governance:circle_detail", kwargs={"slug": circle.slug}) in page.text
    assert "1 contribution attend la réponse de votre groupe" in page.text


def test_a_circles_waiting_ideas_are_kept_yet_follow_every_change_and_hide_drafts():
    from django.utils import timezone

    from maillage.participation.services.moderation import contribution_hide
    from maillage.participation.tests.factories import ConsultationFactory

    proposal, circle, member = routed_proposal(title="Un jardin collectif au centre")
    partner = member_of(CircleFactory())  # a partner member, outside the circle
    page = reverse("governance:circle_detail", kwargs={"slug": circle.slug})
    assert "Un jardin collectif au centre" in _client(member).get(page).text
    # A new input routed to the circle shows at once, though the panel is kept.
    ProposalFactory(routed_circle=circle, title="Une cuisine partagée")
    assert "Une cuisine partagée" in _client(member).get(page).text
    # One in a consultation not published yet: the circle's members see it, others do not.
    draft = ConsultationFactory(published_at=None)
    ProposalFactory(consultation=draft, routed_circle=circle, title="Une idée en brouillon")
    assert "Une idée en brouillon" in _client(member).get(page).text
    assert "Une idée en brouillon" not in _client(partner).get(page).text
    # Hidden, or answered, an input leaves the panel.
    contribution_hide(
        actor=member_of(circle, role="staff"), contribution=proposal, reason="Hors sujet."
    )
    assert "Un jardin collectif au centre" not in _client(member).get(page).text
    draft.published_at = timezone.now()
    draft.save()
    assert "Une idée en brouillon" in _client(partner).get(page).text
