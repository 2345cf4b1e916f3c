"""Building a questionnaire, answering it once (anonymously or not), recording a paper form, and
the checks of each kind of answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from maillage.core.audit import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.participation.models import (
    AnswerChoice,
    Channel,
    PhaseKind,
    QuestionKind,
    Questionnaire,
    Response,
)
from maillage.participation.services import questionnaires as services
from maillage.participation.services.questionnaire_answers import respondent_key
from maillage.participation.tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionnaireFactory,
    citizen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF)


def every_kind(questionnaire: Questionnaire, *, required: bool = True) -> dict[str, int]:
    """One question of each kind; their keys by kind."""
    kinds = {}
    for kind in QuestionKind.values:
        question = QuestionFactory(
            questionnaire=questionnaire,
            kind=kind,
            required=required,
            choices=["Rouge", "Vert", "Bleu", "Jaune"] if kind == QuestionKind.RANKING else None,
            scale_min=1,
            scale_max=5,
        )
        kinds[kind] = question
    return kinds


def good_answers(kinds) -> dict[int, Any]:
    choices = {kind: [c.pk for c in q.choices.all()] for kind, q in kinds.items()}
    return {
        kinds["short_text"].pk: "Un toit",
        kinds["long_text"].pk: "Des logements abordables près des services.",
        kinds["single"].pk: choices["single"][0],
        kinds["multiple"].pk: choices["multiple"][:2],
        kinds["scale"].pk: 4,
        kinds["ranking"].pk: list(reversed(choices["ranking"])),
    }


def test_a_manager_builds_and_publishes_a_questionnaire_with_its_events(staff):
    consultation = ConsultationFactory()
    questionnaire = services.questionnaire_create(
        actor=staff, consultation=consultation, title_fr="Vos besoins", anonymous=True
    )
    with pytest.raises(ValidationError, match="au moins une question"):
        services.questionnaire_publish(actor=staff, questionnaire=questionnaire)
    first = services.question_add(
        actor=staff,
        questionnaire=questionnaire,
        kind=QuestionKind.RANKING,
        label_fr="Classez",
        choices_fr=["A", "B", "C"],
    )
    second = services.question_add(
        actor=staff, questionnaire=questionnaire, kind=QuestionKind.SHORT_TEXT, label_fr="Nom"
    )
    services.question_move(actor=staff, question=second, up=True)
    assert list(questionnaire.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    services.question_update(
        actor=staff,
        question=first,
        kind=QuestionKind.RANKING,
        label_fr="Classez ces idées",
        choices_fr=["A", "B", "C", "D"],
    )
    assert [c.label_fr for c in first.choices.all()] == ["A", "B", "C", "D"]
    services.questionnaire_publish(actor=staff, questionnaire=questionnaire)
    assert questionnaire.published_at is not None
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {
        "questionnaire.created",
        "questionnaire.question_added",
        "questionnaire.question_moved",
        "questionnaire.question_changed",
        "questionnaire.published",
    } <= verbs


def test_choices_and_scale_bounds_are_checked(staff):
    questionnaire = QuestionnaireFactory()
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=staff,
            questionnaire=questionnaire,
            kind=QuestionKind.SINGLE,
            label_fr="Un seul choix",
            choices_fr=["Oui"],
        )
    assert "choices_fr" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=staff,
            questionnaire=questionnaire,
            kind=QuestionKind.SCALE,
            label_fr="Échelle",
            scale_min=5,
            scale_max=5,
        )
    assert "scale_max" in error.value.message_dict


def test_once_answered_questions_keep_their_kind_and_are_not_removed(staff):
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    services.questionnaire_answer(
        actor=citizen(), questionnaire=questionnaire, answers=good_answers(kinds)
    )
    with pytest.raises(ValidationError, match="ne peuvent plus être retirées"):
        services.question_remove(actor=staff, question=kinds["single"])
    with pytest.raises(ValidationError) as error:
        services.question_update(
            actor=staff, question=kinds["short_text"], kind=QuestionKind.LONG_TEXT
        )
    assert "type de question" in error.value.message_dict["kind"][0]
    with pytest.raises(ValidationError):
        services.question_update(
            actor=staff,
            question=kinds["single"],
            kind=QuestionKind.SINGLE,
            choices_fr=["Oui", "Non"],
        )
    # Rewording stays possible, and the answers keep pointing at the same choices.
    services.question_update(
        actor=staff,
        question=kinds["single"],
        kind=QuestionKind.SINGLE,
        label_fr="Reformulée",
        choices_fr=["Oui, tout à fait", "Non", "Je ne sais pas"],
    )
    assert AnswerChoice.objects.filter(choice__label_fr="Oui, tout à fait").count() == 1
    assert questionnaire.questions.count() == 6


def test_managing_needs_the_consultations_group_or_staff():
    questionnaire = QuestionnaireFactory()
    with pytest.raises(PermissionDenied):
        services.question_add(
            actor=user_with_role(Role.MEMBER),
            questionnaire=questionnaire,
            kind=QuestionKind.SHORT_TEXT,
            label_fr="Q",
        )


def test_a_person_answers_once_and_a_second_answer_is_refused():
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    person = citizen()
    response = services.questionnaire_answer(
        actor=person, questionnaire=questionnaire, answers=good_answers(kinds)
    )
    assert response.respondent == person
    assert response.respondent_key == respondent_key(questionnaire, person)
    assert len(response.respondent_key) == 64
    ranking = response.answers.get(question=kinds["ranking"])
    assert [c.choice.label_fr for c in ranking.choices.order_by("rank")] == [
        "Jaune",
        "Bleu",
        "Vert",
        "Rouge",
    ]
    with pytest.raises(ValidationError, match="déjà répondu"):
        services.questionnaire_answer(
            actor=person, questionnaire=questionnaire, answers=good_answers(kinds)
        )
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    # The same person answers another questionnaire under another key.
    other = QuestionnaireFactory(consultation=questionnaire.consultation)
    assert respondent_key(other, person) != response.respondent_key


def test_an_anonymous_questionnaire_keeps_no_respondent_nor_names_them_in_the_log():
    questionnaire = QuestionnaireFactory(anonymous=True)
    kinds = every_kind(questionnaire)
    person = citizen()
    response = services.questionnaire_answer(
        actor=person, questionnaire=questionnaire, answers=good_answers(kinds)
    )
    response.refresh_from_db()
    assert response.respondent is None
    assert response.respondent_key == respondent_key(questionnaire, person)
    event = AuditEvent.objects.get(verb="questionnaire.answered")
    assert event.actor is None
    assert str(response.pk) not in str(event.payload)
    with pytest.raises(ValidationError, match="déjà répondu"):
        services.questionnaire_answer(
            actor=person, questionnaire=questionnaire, answers=good_answers(kinds)
        )


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("short_text", "", "demande une réponse"),
        ("short_text", "x" * 301, "sous 300 caractères"),
        ("single", -5, "parmi les réponses proposées"),
        ("single", None, "demande une réponse"),
        ("multiple", [-1], "parmi les réponses proposées"),
        ("scale", 9, "de 1 à 5"),
        ("scale", "beaucoup", "de 1 à 5"),
        ("ranking", "partial", "sa propre place, de 1 à 4"),
        ("ranking", "repeated", "une fois"),
    ],
)
def test_each_kind_of_answer_is_checked_with_a_message_at_its_field(kind, value, message):
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    answers = good_answers(kinds)
    ranking = answers[kinds["ranking"].pk]
    if value == "partial":
        value = ranking[:2]
    elif value == "repeated":
        value = [ranking[0], ranking[0], ranking[1], ranking[2]]
    answers[kinds[kind].pk] = value
    with pytest.raises(ValidationError) as error:
        services.questionnaire_answer(actor=citizen(), questionnaire=questionnaire, answers=answers)
    errors = error.value.message_dict
    assert list(errors) == [f"q{kinds[kind].pk}"]
    assert message in errors[f"q{kinds[kind].pk}"][0]
    assert not Response.objects.exists()


def test_optional_questions_may_be_left_blank():
    questionnaire = QuestionnaireFactory()
    every_kind(questionnaire, required=False)
    response = services.questionnaire_answer(
        actor=citizen(), questionnaire=questionnaire, answers={}
    )
    assert response.answers.count() == 0


def test_answering_needs_a_confirmed_address_and_the_contributions_phase():
    questionnaire = QuestionnaireFactory()
    every_kind(questionnaire, required=False)
    with pytest.raises(PermissionDenied):
        services.questionnaire_answer(
            actor=citizen(verified=False), questionnaire=questionnaire, answers={}
        )
    closed = QuestionnaireFactory(consultation=ConsultationFactory(phase=PhaseKind.ANALYSIS))
    with pytest.raises(PermissionDenied):
        services.questionnaire_answer(actor=citizen(), questionnaire=closed, answers={})


def test_a_partner_records_a_paper_form_without_a_respondent_key():
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    partner = user_with_role(Role.MEMBER)
    for _ in range(2):  # each paper is one person: the same recorder records many
        response = services.questionnaire_record(
            actor=partner,
            questionnaire=questionnaire,
            answers=good_answers(kinds),
            channel=Channel.PAPER,
            consent="Accord écrit sur le formulaire.",
        )
    assert response.respondent_key == ""
    assert response.respondent is None
    assert response.recorded_by == partner
    assert Response.objects.filter(channel=Channel.PAPER).count() == 2
    with pytest.raises(ValidationError) as error:
        services.questionnaire_record(
            actor=partner,
            questionnaire=questionnaire,
            answers=good_answers(kinds),
            channel=Channel.PAPER,
            consent=" ",
        )
    assert "consent" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.questionnaire_record(
            actor=citizen(),
            questionnaire=questionnaire,
            answers=good_answers(kinds),
            channel=Channel.PAPER,
            consent="Oui",
        )


# The pages


def test_the_answer_form_keeps_what_was_typed_and_shows_the_errors_at_their_fields(client):
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    person = citizen()
    client.force_login(person)
    url = reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert questionnaire.consultation.title_fr in page.content.decode()
    ranking = [c.pk for c in kinds["ranking"].choices.all()]
    data: dict[str, Any] = {
        f"q{kinds['short_text'].pk}": "Ma réponse gardée",
        f"q{kinds['scale'].pk}": "3",
        f"q{kinds['ranking'].pk}_0": "1",
        f"q{kinds['ranking'].pk}_1": "1",
    }
    refused = client.post(url, data)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Ma réponse gardée" in body
    assert "Cette question demande une réponse." in body
    assert "sa propre place, de 1 à 4" in body
    assert not Response.objects.exists()
    singles = [c.pk for c in kinds["single"].choices.all()]
    data.update(
        {
            f"q{kinds['long_text'].pk}": "Plus de logements.",
            f"q{kinds['single'].pk}": str(singles[1]),
            f"q{kinds['multiple'].pk}": [str(c.pk) for c in kinds["multiple"].choices.all()],
            **{f"q{kinds['ranking'].pk}_{i}": str(i + 1) for i in range(len(ranking))},
        }
    )
    done = client.post(url, data)
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.respondent == person
    assert response.answers.get(question=kinds["single"]).choices.get().choice_id == singles[1]
    again = client.get(url)
    assert "déjà répondu" in again.content.decode()
    assert client.post(url, data).status_code == 200  # the same page: nothing more recorded
    assert Response.objects.count() == 1


def test_an_answer_sent_empty_is_checked(client):
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    client.force_login(citizen())
    url = reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert refused.content.decode().count("Cette question demande une réponse.") == len(kinds)
    assert not Response.objects.exists()


def test_an_unconfirmed_account_learns_how_to_confirm_and_a_visitor_logs_in(client):
    questionnaire = QuestionnaireFactory()
    every_kind(questionnaire)
    url = reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})
    assert "login" in client.get(url).headers["Location"]
    client.force_login(citizen(verified=False))
    page = client.get(url)
    assert page.status_code == 403
    assert "Confirmez votre adresse courriel" in page.content.decode()


def test_an_unpublished_questionnaire_is_not_answered(client):
    questionnaire = QuestionnaireFactory(published_at=None)
    client.force_login(citizen())
    url = reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})
    assert client.get(url).status_code == 404


def test_the_manage_page_says_when_questions_are_locked(client, staff):
    questionnaire = QuestionnaireFactory()
    kinds = every_kind(questionnaire)
    client.force_login(staff)
    url = reverse("participation:questionnaire_manage", kwargs={"pk": questionnaire.pk})
    remove = reverse("participation:question_remove", kwargs={"pk": kinds["single"].pk})
    assert remove in client.get(url).content.decode()
    services.questionnaire_answer(
        actor=citizen(), questionnaire=questionnaire, answers=good_answers(kinds)
    )
    body = client.get(url).content.decode()
    assert "ne peuvent plus être retirées" in body
    assert remove not in body
    client.post(remove)
    assert questionnaire.questions.filter(pk=kinds["single"].pk).exists()


def test_a_question_is_added_and_moved_through_the_pages(client, staff):
    questionnaire = QuestionnaireFactory(published_at=None)
    client.force_login(staff)
    add = reverse("participation:question_add", kwargs={"pk": questionnaire.pk})
    refused = client.post(add, {"kind": "single", "label_fr": "Couleur?", "choices_fr": "Rouge"})
    assert refused.status_code == 400
    assert "au moins deux choix" in refused.content.decode()
    for label in ("Première", "Deuxième"):
        client.post(add, {"kind": "short_text", "label_fr": label})
    second = questionnaire.questions.get(label_fr="Deuxième")
    move = reverse("participation:question_move", kwargs={"pk": second.pk})
    client.post(move, {"direction": "up"})
    assert list(questionnaire.questions.values_list("label_fr", flat=True)) == [
        "Deuxième",
        "Première",
    ]
    publish = reverse("participation:questionnaire_publish", kwargs={"pk": questionnaire.pk})
    client.post(publish)
    questionnaire.refresh_from_db()
    assert questionnaire.published_at is not None


def test_a_questionnaire_is_created_and_edited_through_the_pages(client, staff):
    consultation = ConsultationFactory()
    client.force_login(staff)
    create = reverse("participation:questionnaire_create", kwargs={"slug": consultation.slug})
    assert client.post(create, {"title_fr": ""}).status_code == 400
    done = client.post(create, {"title_fr": "Vos idées", "intro_fr": "Trois questions."})
    questionnaire = Questionnaire.objects.get(consultation=consultation)
    assert done.headers["Location"] == reverse(
        "participation:questionnaire_manage", kwargs={"pk": questionnaire.pk}
    )
    update = reverse("participation:questionnaire_update", kwargs={"pk": questionnaire.pk})
    client.post(update, {"title_fr": "Vos idées pour le quartier", "anonymous": "on"})
    questionnaire.refresh_from_db()
    assert questionnaire.title_fr == "Vos idées pour le quartier"
    assert questionnaire.anonymous


def test_a_paper_form_is_recorded_through_its_page(client):
    questionnaire = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=questionnaire, kind=QuestionKind.SCALE, required=True)
    client.force_login(user_with_role(Role.MEMBER))
    url = reverse("participation:questionnaire_paper_add", kwargs={"pk": questionnaire.pk})
    refused = client.post(url, {f"q{question.pk}": "3", "channel": "paper"})
    assert refused.status_code == 400
    assert not Response.objects.exists()
    client.post(url, {f"q{question.pk}": "3", "channel": "paper", "consent": "Accord verbal."})
    response = Response.objects.get()
    assert (response.channel, response.consent) == (Channel.PAPER, "Accord verbal.")
    assert response.answers.get().value == 3
