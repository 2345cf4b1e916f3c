"""Moderation pages: reporting, the queue, hiding and restoring, and the partials the proposal
pages include next to each contribution."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from maillage.core.models import Notification
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Moderator, Report, ReportReason
from maillage.participation.services.moderation import contribution_hide, report_file
from maillage.participation.tests.factories import (
    CircleFactory,
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    citizen,
)

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_anonymous_report_is_sent_to_the_login_page_and_creates_nothing(client):
    proposal = ProposalFactory()
    url = reverse("participation:proposal_report_add", kwargs={"pk": proposal.pk})
    response = client.post(url, {"reason": ReportReason.SPAM})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(url).status_code == 302
    assert not Report.objects.exists()


def test_a_report_thanks_in_plain_language_and_a_second_one_is_refused():
    comment = CommentFactory()
    client = logged_in(citizen())
    url = reverse("participation:comment_report_add", kwargs={"pk": comment.pk})
    form = client.get(url)
    assert form.status_code == 200 and comment.text in form.text
    sent = client.post(url, {"reason": ReportReason.DISRESPECT, "details": "Insulte"}, follow=True)
    assert "Merci, une personne de la modération va regarder." in sent.text
    again = client.post(url, {"reason": ReportReason.SPAM, "details": "Encore"})
    assert again.status_code == 400
    assert "Vous avez déjà signalé cette contribution." in again.text
    assert "Encore" in again.text  # what was typed is kept
    assert list(Report.objects.values_list("reason", "details")) == [
        (ReportReason.DISRESPECT, "Insulte")
    ]


def test_a_report_without_a_reason_keeps_the_details_and_says_what_is_missing():
    client = logged_in(citizen())
    url = reverse("participation:proposal_report_add", kwargs={"pk": ProposalFactory().pk})
    response = client.post(url, {"details": "Ce texte donne une adresse"})
    assert response.status_code == 400
    assert "Choisissez la raison de votre signalement." in response.text
    assert "Ce texte donne une adresse" in response.text
    assert not Report.objects.exists()


def test_the_queue_shows_the_reports_without_the_reporters():
    proposal = ProposalFactory(text="Texte signalé de la proposition")
    reporter = citizen(email="temoin-signaleur@example.org", first_name="Zénobie")
    report_file(actor=reporter, proposal=proposal, reason=ReportReason.PERSONAL, details="Adresse")
    report_file(actor=citizen(), proposal=proposal, reason=ReportReason.PERSONAL, details="")
    page = logged_in(user_with_role(Role.STAFF)).get(reverse("participation:moderation_queue"))
    assert page.status_code == 200
    assert "Texte signalé de la proposition" in page.text
    assert proposal.consultation.title in page.text
    assert "2 signalements" in page.text and "Adresse" in page.text
    assert "temoin-signaleur@example.org" not in page.text and "Zénobie" not in page.text
    assert reverse("participation:proposal_detail", args=[proposal.pk]) in page.text


def test_a_named_moderator_sees_and_moderates_only_their_groups_consultations():
    mine = ProposalFactory(text="Dans mon cercle")
    theirs = ProposalFactory(
        consultation=ConsultationFactory(circle=CircleFactory()), text="Dans un autre cercle"
    )
    for proposal in (mine, theirs):
        report_file(actor=citizen(), proposal=proposal, reason=ReportReason.SPAM, details="")
    moderator = member_of(mine.consultation.circle)
    Moderator.objects.create(circle=mine.consultation.circle, account=moderator)
    client = logged_in(moderator)
    page = client.get(reverse("participation:moderation_queue"))
    assert "Dans mon cercle" in page.text and "Dans un autre cercle" not in page.text
    refused = client.post(
        reverse("participation:hide_proposal", kwargs={"pk": theirs.pk}), {"reason": "Non"}
    )
    assert refused.status_code == 403
    theirs.refresh_from_db()
    assert not theirs.is_hidden
    assert (
        logged_in(member_of(mine.consultation.circle))
        .get(reverse("participation:moderation_queue"))
        .status_code
        == 403
    )


def test_hiding_needs_a_reason_then_tells_the_author_and_moves_to_the_hidden_tab():
    comment = CommentFactory(text="Propos déplacé")
    report_file(actor=citizen(), comment=comment, reason=ReportReason.DISRESPECT, details="")
    client = logged_in(user_with_role(Role.STAFF))
    url = reverse("participation:hide_comment", kwargs={"pk": comment.pk})
    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 400
    assert "Dites pourquoi, en quelques mots" in missing.text
    queue = reverse("participation:moderation_queue")
    done = client.post(url, {"reason": "Propos irrespectueux", "next": queue})
    assert done.status_code == 302 and done["Location"] == queue
    assert Notification.objects.filter(recipient=comment.author).count() == 1
    assert "Propos déplacé" not in client.get(queue).text  # no report waiting any more
    hidden = client.get(queue + "?tab=hidden").text
    assert "Propos déplacé" in hidden and "Propos irrespectueux" in hidden
    handled = client.get(queue + "?tab=handled").text
    assert "Propos déplacé" in handled and "1 signalement" in handled


def test_restoring_and_dismissing_are_buttons_that_go_back_where_they_were_posted_from():
    proposal = ProposalFactory()
    staff = user_with_role(Role.STAFF)
    contribution_hide(actor=staff, contribution=proposal, reason="Erreur")
    client = logged_in(staff)
    restore = reverse("participation:restore_proposal", kwargs={"pk": proposal.pk})
    assert client.get(restore).status_code == 405
    back = client.post(restore, {"next": "https://ailleurs.example/"})
    assert back["Location"] == reverse("participation:moderation_queue")  # no open redirect
    proposal.refresh_from_db()
    assert not proposal.is_hidden
    report_file(actor=citizen(), proposal=proposal, reason=ReportReason.OTHER, details="")
    client.post(reverse("participation:dismiss_proposal", kwargs={"pk": proposal.pk}))
    assert not Report.objects.filter(handled_at__isnull=True).exists()


def _render(name: str, **context) -> str:
    request = RequestFactory().get("/une-proposition/")
    request.user = context.pop("user", None) or citizen()
    return render_to_string(f"participation/{name}", context, request=request)


def test_the_actions_partial_offers_a_report_link_and_the_hide_form_to_moderators():
    proposal = ProposalFactory()
    public = _render("_moderation_actions.html", contribution=proposal, kind="proposal")
    report = reverse("participation:proposal_report_add", kwargs={"pk": proposal.pk})
    assert f'href="{report}"' in public and "Signaler" in public
    assert "masquer" not in public.lower()
    moderating = _render(
        "_moderation_actions.html", contribution=proposal, kind="proposal", can_moderate=True
    )
    hide = reverse("participation:hide_proposal", kwargs={"pk": proposal.pk})
    assert f'action="{hide}"' in moderating and 'name="reason"' in moderating
    assert 'name="next" value="/une-proposition/"' in moderating


def test_a_hidden_contributions_partials_offer_restoring_and_show_the_reason():
    comment = CommentFactory(text="Mon numéro de voisin")
    contribution_hide(
        actor=user_with_role(Role.STAFF), contribution=comment, reason="Renseignements personnels"
    )
    comment.refresh_from_db()
    moderating = _render(
        "_moderation_actions.html", contribution=comment, kind="comment", can_moderate=True
    )
    restore = reverse("participation:restore_comment", kwargs={"pk": comment.pk})
    assert f'action="{restore}"' in moderating and "Signaler" not in moderating
    notice = _render("_hidden_notice.html", contribution=comment)
    assert "Masqué par la modération" in notice and "Renseignements personnels" in notice
    assert "Mon numéro de voisin" not in notice


def test_the_report_page_of_a_hidden_contribution_shows_the_reason_not_the_words():
    proposal = ProposalFactory(title="Titre masqué", text="Mots masqués")
    contribution_hide(actor=user_with_role(Role.STAFF), contribution=proposal, reason="Pourriel")
    url = reverse("participation:proposal_report_add", kwargs={"pk": proposal.pk})
    page = logged_in(citizen()).get(url)
    assert "Masqué par la modération" in page.text and "Pourriel" in page.text
    assert "Mots masqués" not in page.text and "Titre masqué" not in page.text
    assert 'name="reason"' not in page.text


def test_the_code_of_conduct_is_public_and_plain(client):
    page = client.get(reverse("participation:code_of_conduct"))
    assert page.status_code == 200
    assert "Restez dans le sujet" in page.text and "Écrivez à la coordination" in page.text
