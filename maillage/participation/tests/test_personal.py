"""The participation app's personal information: its register, "my data", the anonymization of
a person and the retention of contributions to closed consultations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone, translation

from maillage.core import personal
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.participation import personal as participation_personal
from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Channel,
    Comment,
    Consultation,
    Follow,
    Proposal,
    QuestionKind,
    Report,
    Response,
    Support,
)
from maillage.participation.tests.factories import (
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    QuestionFactory,
    SupportFactory,
    citizen,
    recorded_in_person,
)

pytestmark = pytest.mark.django_db

REMOVED = "Texte retiré à la demande de la personne."
CONSENT_REMOVED = "Consentement donné ; ses détails ont été retirés avec l'identité de la personne."
ANONYMOUS = "Personne participante"


def _export(account: User) -> dict[str, list[dict]]:
    with translation.override("en"):
        return {
            section.key: [row.values for row in section.rows]
            for section in participation_personal.export(account)
        }


def _contributions(account: User, consultation: Consultation | None = None) -> Proposal:
    """`account`'s proposal, comment, support, answers, report and follow in `consultation`."""
    consultation = consultation or ConsultationFactory()
    proposal = ProposalFactory(
        consultation=consultation, author=account, display_name="Julie R.", text="Mon idée."
    )
    someone_elses = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=someone_elses, author=account, display_name="Julie Roy", text="Oui!")
    SupportFactory(proposal=someone_elses, account=account)
    text = QuestionFactory(questionnaire__consultation=consultation, kind=QuestionKind.LONG_TEXT)
    single = QuestionFactory(questionnaire=text.questionnaire, kind=QuestionKind.SINGLE)
    response = Response.objects.create(
        questionnaire=text.questionnaire, respondent=account, respondent_key=f"k{account.pk}"
    )
    Answer.objects.create(response=response, question=text, text="Des logements sociaux.")
    picked = Answer.objects.create(response=response, question=single)
    AnswerChoice.objects.create(answer=picked, choice=single.choices.get(label_fr="Oui"))
    Report.objects.create(
        comment=someone_elses.comments.get(), reporter=account, reason="other", details="Insultant."
    )
    Follow.objects.create(account=account, proposal=someone_elses)
    return proposal


@pytest.fixture
def person() -> User:
    return citizen(first_name="Julie", last_name="Roy")


def test_every_personal_field_of_participation_is_declared():
    assert personal.undeclared(apps.get_app_config("participation").get_models()) == []


def test_my_data_lists_the_persons_contributions_and_no_one_elses(person):
    proposal = _contributions(person)
    _contributions(citizen(), proposal.consultation)
    ProposalFactory(
        consultation=proposal.consultation,
        author=person,
        title="Dite à la cuisine collective",
        **{k: v for k, v in recorded_in_person().items() if k != "author"},
    )

    found = _export(person)

    assert sorted(row["Title"] for row in found["participation.proposals"]) == [
        "Dite à la cuisine collective",
        proposal.title,
    ]
    assert [row["Comment"] for row in found["participation.comments"]] == ["Oui!"]
    assert len(found["participation.supports"]) == 1
    assert [row["Your answer"] for row in found["participation.answers"]] == [
        "Des logements sociaux.",
        "Oui",
    ]
    assert [row["Details"] for row in found["participation.reports"]] == ["Insultant."]
    assert [row["Consent given"] for row in found["participation.consents"]] == [
        "Accord verbal pour publier, sous le prénom seulement."
    ]
    assert len(found["participation.follows"]) == 1
    assert all(not row.correct_url for s in participation_personal.export(person) for row in s.rows)


def test_my_data_reads_in_as_many_queries_for_more_contributions(person, query_budget):
    meter = query_budget(12)
    _contributions(person)
    few = meter(lambda: participation_personal.export(person))
    for _ in range(3):
        _contributions(person)
    assert meter(lambda: participation_personal.export(person)) == few
    assert len(_export(person)["participation.answers"]) == 8


def test_anonymizing_shows_the_pseudonym_and_keeps_every_contribution(person):
    proposal = _contributions(person)
    SupportFactory(proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(support_count=1)
    other = _contributions(citizen(), proposal.consultation)
    counts = [
        model.objects.count() for model in (Proposal, Comment, Support, Answer, Report, Follow)
    ]

    personal.REGISTRY.anonymizers["participation"](
        account=person, pseudonym="Personne anonymisée 7", actor=SYSTEM, remove_texts=False
    )

    assert [
        model.objects.count() for model in (Proposal, Comment, Support, Answer, Report, Follow)
    ] == counts
    assert set(
        Proposal.objects.filter(author=person).values_list("display_name", "text", "support_count")
    ) == {("Personne anonymisée 7", "Mon idée.", 1)}
    assert Comment.objects.get(author=person).display_name == "Personne anonymisée 7"
    assert Comment.objects.get(author=person).text == "Oui!"
    other.refresh_from_db()
    assert other.display_name == "Julie R."


def test_anonymizing_with_the_texts_replaces_what_the_person_wrote(person):
    proposal = _contributions(person)
    other = _contributions(citizen(), proposal.consultation)

    personal.REGISTRY.anonymizers["participation"](
        account=person, pseudonym="Personne anonymisée 8", actor=SYSTEM, remove_texts=True
    )

    proposal.refresh_from_db()
    assert proposal.title.startswith("Une halte-chaleur") and proposal.text == REMOVED
    assert Comment.objects.get(author=person).text == REMOVED
    assert set(
        Answer.objects.filter(response__respondent=person).values_list("text", flat=True)
    ) == {REMOVED, ""}
    assert Report.objects.get(reporter=person).details == REMOVED
    other.refresh_from_db()
    assert other.text == "Mon idée."
    assert Answer.objects.filter(text="Des logements sociaux.").count() == 1


def test_anonymizing_keeps_a_consent_given_without_its_details(person):
    proposal = ProposalFactory(
        author=person, **{k: v for k, v in recorded_in_person().items() if k != "author"}
    )
    personal.REGISTRY.anonymizers["participation"](
        account=person, pseudonym="Personne anonymisée 9", actor=SYSTEM, remove_texts=False
    )
    proposal.refresh_from_db()
    assert (proposal.channel, proposal.consent) == (Channel.MEETING, CONSENT_REMOVED)


def _closed(days_ago: int) -> Consultation:
    ends = timezone.localdate() - dt.timedelta(days=days_ago)
    return ConsultationFactory(starts_on=ends - dt.timedelta(days=30), ends_on=ends, phase=False)


def test_retention_lists_exactly_the_consultations_closed_past_two_years(person):
    rule = personal.load().retention["participation.closed_consultations"]
    period = rule.period.days
    past, recent = _closed(period + 1), _closed(period - 1)
    for consultation in (past, recent):
        _contributions(person, consultation)
    _closed(period + 10)  # long closed, but nothing in it to remove

    with translation.override("fr-ca"):
        expired = rule.expired(timezone.now())

    assert expired == [personal.Expired(pk=past.pk, label=f"Consultation n° {past.pk}")]


def test_retention_anonymizes_only_the_consultations_it_is_given(person):
    rule = personal.load().retention["participation.closed_consultations"]
    period = rule.period.days
    past, recent = _closed(period + 1), _closed(period - 1)
    for consultation in (past, recent):
        proposal = _contributions(person, consultation)
        SupportFactory(proposal=proposal)
        Proposal.objects.filter(pk=proposal.pk).update(support_count=1)
        ProposalFactory(consultation=consultation, display_name="Gisèle", **recorded_in_person())
    supports = Support.objects.count()

    assert rule.remove([past.pk], SYSTEM) == 1

    kept = Proposal.objects.filter(consultation=past)
    assert set(kept.values_list("author", "display_name")) == {(None, ANONYMOUS)}
    assert set(kept.exclude(consent="").values_list("consent", flat=True)) == {CONSENT_REMOVED}
    assert kept.count() == 3 and kept.filter(support_count=1).count() == 1
    assert kept.filter(text="Mon idée.").exists()
    assert set(
        Comment.objects.filter(proposal__consultation=past).values_list("author", "display_name")
    ) == {(None, ANONYMOUS)}
    answers = Response.objects.filter(questionnaire__consultation=past)
    assert set(answers.values_list("respondent", "respondent_key")) == {(None, "")}
    assert Answer.objects.filter(response__in=answers).count() == 2
    assert not Report.objects.filter(comment__proposal__consultation=past).exists()
    assert not Follow.objects.filter(proposal__consultation=past).exists()
    assert Support.objects.count() == supports
    # The recent consultation is untouched, and the anonymized one is no longer listed.
    assert Proposal.objects.filter(consultation=recent, author=person).count() == 1
    assert Report.objects.filter(comment__proposal__consultation=recent).count() == 1
    assert Response.objects.filter(questionnaire__consultation=recent, respondent=person).exists()
    later = timezone.now() + dt.timedelta(days=2)
    assert [item.pk for item in rule.expired(later)] == [recent.pk]
