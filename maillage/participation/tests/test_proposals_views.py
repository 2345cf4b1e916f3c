"""The proposals pages: what a hidden contribution shows to whom, who may contribute and what an
account without a confirmed address reads, the privacy of contributors, supporting without and
with HTMX, the rate limit at the form, and a citizen's own contributions."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.participation.models import Channel, Proposal, Signature, TrailStatus
from maillage.participation.tests.factories import (
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
    recorded_in_person,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _detail(proposal: Proposal) -> str:
    return reverse("participation:proposal_detail", args=[proposal.pk])


def test_a_hidden_contribution_shows_its_reason_instead_of_its_words_but_to_moderators():
    proposal = ProposalFactory(
        title="Titre blessant",
        text="Texte blessant",
        hidden_at=timezone.now(),
        hidden_reason="Propos irrespectueux",
        image_description="Photo",
    )
    proposal.image.save("p.png", ContentFile(PNG))
    CommentFactory(
        proposal=proposal, text="Commentaire masqué", hidden_at=timezone.now(), hidden_reason="Spam"
    )
    list_url = reverse("participation:proposal_list", args=[proposal.consultation.slug])
    image_url = reverse("participation:proposal_image", args=[proposal.pk])
    for page in (_client().get(_detail(proposal)).text, _client(citizen()).get(list_url).text):
        assert "Titre blessant" not in page
        assert "Texte blessant" not in page
        assert "Propos irrespectueux" in page
    public = _client().get(_detail(proposal)).text
    assert "Commentaire masqué" not in public
    assert image_url not in public
    assert _client(citizen()).get(image_url).status_code == 403

    staff = _client(user_with_role(Role.STAFF))
    moderated = staff.get(_detail(proposal)).text
    assert "Titre blessant" in moderated and "Commentaire masqué" in moderated
    assert "Propos irrespectueux" in moderated
    assert staff.get(image_url).status_code == 200


def test_anonymous_visitors_are_sent_to_login_to_contribute():
    consultation = ConsultationFactory()
    response = _client().get(reverse("participation:proposal_create", args=[consultation.slug]))
    assert response.status_code == 302
    assert "/login/" in response.headers["Location"]


def test_an_account_without_a_confirmed_address_reads_how_to_confirm_it():
    consultation = ConsultationFactory()
    person = citizen(verified=False)
    url = reverse("participation:proposal_create", args=[consultation.slug])
    response = _client(person).post(url, {"title": "x", "text": "y", "signature": "name"})
    assert response.status_code == 403
    assert person.email in response.text
    assert reverse("account_email") in response.text
    assert 'name="action_send"' in response.text
    assert not Proposal.objects.exists()
    other = ProposalFactory(consultation=consultation)
    detail = _client(person).get(_detail(other)).text
    assert reverse("participation:comment_create", args=[other.pk]) in detail
    assert reverse("participation:support_give", args=[other.pk]) not in detail


def test_no_contributors_email_appears_on_public_pages():
    author = citizen(email="cachee@example.org", first_name="Rose", last_name="Dion")
    proposal = ProposalFactory(author=author, signature=Signature.NAME, display_name="Rose Dion")
    CommentFactory(proposal=proposal, author=citizen(email="autre@example.org"))
    fields = recorded_in_person()
    in_person = ProposalFactory(consultation=proposal.consultation, **fields)
    hidden = {author.email, "autre@example.org", fields["recorded_by"].email}
    list_url = reverse("participation:proposal_list", args=[proposal.consultation.slug])
    for url in (list_url, _detail(proposal), _detail(in_person)):
        page = _client(citizen()).get(url).text
        assert not [email for email in hidden if email in page]
    assert "Rose Dion" in _client().get(_detail(proposal)).text


def test_submitting_a_proposal_publishes_it_routed_and_received():
    consultation = ConsultationFactory()
    person = citizen(first_name="Rose", last_name="Dion")
    url = reverse("participation:proposal_create", args=[consultation.slug])
    assert 'value="Rose Dion"' in _client(person).get(url).text
    response = _client(person).post(
        url,
        {"title": "Un marché", "text": "Des kiosques.", "signature": "name", "display_name": ""},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == _detail(proposal)
    assert proposal.display_name == "Rose Dion"
    assert proposal.status == TrailStatus.RECEIVED
    assert proposal.routed_circle == consultation.circle


def test_over_the_rate_limit_the_form_says_why_and_keeps_the_text(settings):
    settings.MAILLAGE_PARTICIPATION_RATE = "1/h"
    proposal = ProposalFactory()
    person = citizen()
    url = reverse("participation:comment_create", args=[proposal.pk])
    data = {"text": "Premier mot", "signature": "pseudonym", "display_name": "Lou"}
    assert _client(person).post(url, data).status_code == 302
    refused = _client(person).post(url, {**data, "text": "Mot gardé"})
    assert refused.status_code == 400
    assert "Mot gardé" in refused.text
    assert 'role="alert"' in refused.text


def test_supporting_works_without_javascript_and_by_htmx():
    proposal = ProposalFactory()
    client = _client(citizen())
    give = reverse("participation:support_give", args=[proposal.pk])
    withdraw = reverse("participation:support_withdraw", args=[proposal.pk])
    assert client.post(give).status_code == 302
    again = client.post(give, headers={"HX-Request": "true"})
    assert again.status_code == 200
    assert "<html" not in again.text
    assert 'role="alert"' in again.text
    assert withdraw in again.text
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    swapped = client.post(withdraw, headers={"HX-Request": "true"})
    assert give in swapped.text
    proposal.refresh_from_db()
    assert proposal.support_count == 0


def test_a_reply_to_a_reply_joins_its_thread_on_the_page():
    proposal = ProposalFactory()
    top = CommentFactory(proposal=proposal, text="Premier")
    reply = CommentFactory(proposal=proposal, parent=top, text="Réponse")
    client = _client(citizen())
    url = reverse("participation:comment_create", args=[proposal.pk])
    page = client.get(f"{url}?parent={reply.pk}").text
    assert "Réponse" in page
    client.post(
        url,
        {
            "text": "Sous-réponse",
            "signature": "pseudonym",
            "display_name": "Max",
            "parent": reply.pk,
        },
    )
    assert proposal.comments.get(text="Sous-réponse").parent == top
    detail = client.get(_detail(proposal)).text
    assert detail.index("Premier") < detail.index("Réponse") < detail.index("Sous-réponse")


def test_what_was_gathered_in_person_is_marked_with_its_channel():
    proposal = ProposalFactory(**recorded_in_person(channel=Channel.PAPER))
    page = _client().get(_detail(proposal)).text
    assert "tag-in-person" in page
    assert str(Channel.PAPER.label) in page


def test_my_contributions_lists_my_proposals_with_their_status_and_my_comments():
    person = citizen()
    mine = ProposalFactory(author=person, title="Ma proposition", status=TrailStatus.UNDER_STUDY)
    ProposalFactory(title="Celle d'une autre")
    CommentFactory(author=person, proposal=mine, text="Mon commentaire")
    page = _client(person).get(reverse("participation:my_contributions")).text
    assert "Ma proposition" in page and "Mon commentaire" in page
    assert str(TrailStatus.UNDER_STUDY.label) in page
    assert "Celle d'une autre" not in page
    assert _detail(mine) in page


def test_the_list_sorts_by_supports_and_filters_by_territory_and_what_is_below_it():
    from maillage.territories.tests.factories import MrcFactory, MunicipalityFactory

    mrc = MrcFactory(name="Charlevoix (fictif)")
    town = MunicipalityFactory(parent=mrc, name="Baie-Saint-Paul (fictif)")
    elsewhere = MrcFactory(name="Portneuf (fictif)")
    consultation = ConsultationFactory()
    consultation.territories.set([mrc, elsewhere])
    ProposalFactory(consultation=consultation, title="Au village", territory=town, support_count=9)
    ProposalFactory(consultation=consultation, title="Ailleurs", territory=elsewhere)
    url = reverse("participation:proposal_list", args=[consultation.slug])
    client = _client()

    newest = client.get(url).text
    assert newest.index("Ailleurs") < newest.index("Au village")
    supported = client.get(f"{url}?order=supported").text
    assert supported.index("Au village") < supported.index("Ailleurs")
    in_mrc = client.get(f"{url}?territory={mrc.pk}").text
    assert "Au village" in in_mrc and "Ailleurs" not in in_mrc
    # An unknown territory filters nothing, never an error page.
    assert client.get(f"{url}?territory=999999").status_code == 200
    create = reverse("participation:proposal_create", args=[consultation.slug])
    form = _client(citizen()).get(create).text
    assert "Baie-Saint-Paul (fictif)" in form


def test_a_partner_records_a_reply_gathered_in_person_and_a_missing_consent_keeps_the_text():
    proposal = ProposalFactory()
    parent = CommentFactory(proposal=proposal)
    partner = user_with_role(Role.MEMBER)
    url = reverse("participation:recorded_comment_add", args=[proposal.pk])
    typed = {"text": "Dit au café du mardi : un autobus le samedi aiderait.", "parent": parent.pk}
    refused = _client(partner).post(url, {**typed, "display_name": "Gaétane", "channel": "meeting"})
    assert refused.status_code == 400
    assert "un autobus le samedi aiderait" in refused.text
    assert not proposal.comments.filter(channel=Channel.MEETING).exists()
    response = _client(partner).post(
        url,
        {**typed, "display_name": "Gaétane", "channel": "meeting", "consent": "Accord verbal."},
    )
    comment = proposal.comments.get(channel=Channel.MEETING)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.parent, comment.recorded_by, comment.author) == (parent, partner, None)
    assert comment.consent == "Accord verbal." and comment.display_name == "Gaétane"
