"""A questionnaire's results and export, checked against answers counted in Python on a seeded
random set; the pages' query counts do not grow with the answers."""

from __future__ import annotations

import io
import random
from collections import Counter, defaultdict
from statistics import mean

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.participation.exports import answers_xlsx
from maillage.participation.models import (
    Answer,
    AnswerChoice,
    Channel,
    PhaseKind,
    QuestionKind,
    Questionnaire,
    Response,
)
from maillage.participation.selectors.questionnaires import (
    questionnaire_results,
    questionnaire_to_manage,
)
from maillage.participation.tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionnaireFactory,
    citizen,
)

pytestmark = pytest.mark.django_db


def build(questionnaire: Questionnaire) -> dict[str, object]:
    questions = {}
    for kind in QuestionKind.values:
        questions[kind] = QuestionFactory(
            questionnaire=questionnaire,
            kind=kind,
            label_fr=f"Question {kind}",
            choices=["Rouge", "Vert", "Bleu", "Jaune"]
            if kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING)
            else None,
            scale_min=0,
            scale_max=4,
        )
    return questions


def generate(questionnaire: Questionnaire, count: int, seed: int = 25) -> list[dict]:
    """`count` responses, some gathered in person, some questions left blank; written in bulk,
    returned as plain data for counting in Python."""
    questions = (
        build(questionnaire)
        if not questionnaire.questions.exists()
        else {q.kind: q for q in questionnaire.questions.all()}
    )
    choices = {kind: [c.pk for c in q.choices.all()] for kind, q in questions.items()}
    rng = random.Random(seed)
    data = []
    for index in range(count):
        given: dict[str, object] = {}
        if rng.random() < 0.9:
            given["short_text"] = f"Réponse courte {index}"
        if rng.random() < 0.5:
            given["long_text"] = f"Une réponse plus longue, numéro {index}."
        if rng.random() < 0.95:
            given["single"] = rng.choice(choices["single"])
        if rng.random() < 0.9:
            given["multiple"] = rng.sample(choices["multiple"], rng.randint(1, 4))
        if rng.random() < 0.85:
            given["scale"] = rng.randint(0, 4)
        if rng.random() < 0.8:
            given["ranking"] = rng.sample(choices["ranking"], 4)
        in_person = rng.random() < 0.2
        data.append({"given": given, "channel": Channel.PAPER if in_person else Channel.ONLINE})
    responses = Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            channel=item["channel"],
            consent="Accord écrit." if item["channel"] != Channel.ONLINE else "",
            respondent_key="" if item["channel"] != Channel.ONLINE else f"key-{seed}-{i}",
        )
        for i, item in enumerate(data)
    )
    rows = []
    for response, item in zip(responses, data, strict=True):
        for kind, value in item["given"].items():
            answer = Answer(response=response, question=questions[kind])
            if kind in ("short_text", "long_text"):
                answer.text = value
            elif kind == "scale":
                answer.value = value
            rows.append((answer, kind, value))
    Answer.objects.bulk_create(answer for answer, _k, _v in rows)
    picks = []
    for answer, kind, value in rows:
        if kind == "single":
            picks.append(AnswerChoice(answer=answer, choice_id=value))
        elif kind == "multiple":
            picks += [AnswerChoice(answer=answer, choice_id=pk) for pk in value]
        elif kind == "ranking":
            picks += [
                AnswerChoice(answer=answer, choice_id=pk, rank=rank)
                for rank, pk in enumerate(value, start=1)
            ]
    AnswerChoice.objects.bulk_create(picks)
    return data


def expected(data: list[dict]) -> dict[str, object]:
    """The figures counted in Python."""
    answered = Counter(kind for item in data for kind in item["given"])
    picked: Counter[int] = Counter()
    ranks: dict[int, list[int]] = defaultdict(list)
    for item in data:
        given = item["given"]
        if "single" in given:
            picked[given["single"]] += 1
        for pk in given.get("multiple", []):
            picked[pk] += 1
        for rank, pk in enumerate(given.get("ranking", []), start=1):
            ranks[pk].append(rank)
    scale = Counter(item["given"]["scale"] for item in data if "scale" in item["given"])
    scale_mean = mean(item["given"]["scale"] for item in data if "scale" in item["given"])
    return {
        "total": len(data),
        "in_person": sum(1 for item in data if item["channel"] != Channel.ONLINE),
        "answered": answered,
        "picked": picked,
        "mean_rank": {pk: round(mean(values), 2) for pk, values in ranks.items()},
        "firsts": {pk: values.count(1) for pk, values in ranks.items()},
        "scale": scale,
        "scale_mean": round(scale_mean, 2),
    }


@pytest.fixture
def seeded():
    questionnaire = QuestionnaireFactory()
    data = generate(questionnaire, 200)
    return questionnaire, data, expected(data)


def test_the_results_equal_the_answers_counted_in_python(seeded):
    questionnaire, _data, want = seeded
    results = questionnaire_results(questionnaire_to_manage(questionnaire.pk), with_texts=True)
    assert results.total == want["total"] == 200
    assert results.in_person == want["in_person"] > 0
    by_kind = {item.kind: item for item in results.questions}
    for kind, item in by_kind.items():
        assert item.answered == want["answered"][kind], kind
    for kind in ("single", "multiple"):
        item = by_kind[kind]
        for figures in item.choices:
            count = want["picked"][figures.choice.pk]
            assert figures.count == count
            assert figures.percent == round(100 * count / item.answered, 1)
    scale = by_kind["scale"]
    assert [(value, n) for value, n, _p in scale.scale] == [
        (value, want["scale"][value]) for value in range(0, 5)
    ]
    assert scale.mean == want["scale_mean"]
    ranking = by_kind["ranking"]
    for figures in ranking.choices:
        assert figures.mean_rank == want["mean_rank"][figures.choice.pk]
        assert figures.firsts == want["firsts"][figures.choice.pk]
    ranks = [figures.mean_rank or 0.0 for figures in ranking.choices]
    assert ranks == sorted(ranks)  # best ranked first
    assert len(by_kind["short_text"].texts) == 100
    assert by_kind["short_text"].more_texts == want["answered"]["short_text"] - 100


def test_the_export_holds_every_response_and_the_same_figures(seeded):
    questionnaire, data, want = seeded
    content = answers_xlsx(questionnaire_to_manage(questionnaire.pk))
    workbook = load_workbook(io.BytesIO(content))
    answers, summary = workbook.worksheets
    rows = list(answers.iter_rows(values_only=True))
    header, lines = rows[0], rows[1:]
    assert len(lines) == 200
    assert "Répondant ou répondante" in header  # not anonymous: a column of names
    column = {label: index for index, label in enumerate(header)}
    single = [line[column["Question single"]] for line in lines]
    labels = {c.pk: c.label_fr for q in questionnaire.questions.all() for c in q.choices.all()}
    want_single = Counter(
        labels[item["given"]["single"]] for item in data if "single" in item["given"]
    )
    assert Counter(v for v in single if v) == want_single
    rankings = [line[column["Question ranking"]] for line in lines]
    want_rankings = [
        "; ".join(labels[pk] for pk in item["given"]["ranking"])
        if "ranking" in item["given"]
        else ""
        for item in data
    ]
    assert [r or "" for r in rankings] == want_rankings
    scales = [line[column["Question scale"]] for line in lines]
    assert [s for s in scales if s not in (None, "")] == [
        item["given"]["scale"] for item in data if "scale" in item["given"]
    ]
    figures = list(summary.iter_rows(values_only=True))
    assert figures[0][:2] == ("Réponses", 200)
    assert figures[1][:2] == ("Réponses recueillies en personne", want["in_person"])
    counts = {(row[0], row[1]): row[2] for row in figures[4:] if row and row[0]}
    for pk, count in want["picked"].items():
        question = next(
            q for q in questionnaire.questions.all() if pk in {c.pk for c in q.choices.all()}
        )
        assert counts[question.label_fr, labels[pk]] == count
    mean_row = next(row for row in figures if row[0] == "Question scale" and row[1] == "Moyenne")
    assert mean_row[4] == want["scale_mean"]


def test_an_anonymous_export_names_no_one():
    questionnaire = QuestionnaireFactory(anonymous=True)
    generate(questionnaire, 5)
    content = answers_xlsx(questionnaire_to_manage(questionnaire.pk))
    header = next(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert "Répondant ou répondante" not in header


def test_the_results_are_public_once_contributions_are_over_but_free_texts_are_not(client):
    open_ = QuestionnaireFactory()
    generate(open_, 3)
    closed = QuestionnaireFactory(consultation=ConsultationFactory(phase=PhaseKind.ANALYSIS))
    generate(closed, 3)
    client.force_login(citizen())
    url = reverse("participation:questionnaire_results", kwargs={"pk": open_.pk})
    refused = client.get(url)
    assert refused.status_code == 403
    assert "ne recueille plus de contributions" in refused.content.decode()
    url = reverse("participation:questionnaire_results", kwargs={"pk": closed.pk})
    public = client.get(url).content.decode()
    assert "3 personnes ont répondu" in public
    assert "<svg" in public and "<title" in public and "<table" in public
    assert "Réponse courte" not in public
    assert "peuvent contenir des renseignements personnels" in public
    client.force_login(user_with_role(Role.STAFF))
    managed = client.get(url).content.decode()
    assert "Réponse courte" in managed


def test_only_managers_export_the_answers(client):
    questionnaire = QuestionnaireFactory(consultation=ConsultationFactory(phase=PhaseKind.REPORT))
    generate(questionnaire, 3)
    url = reverse("participation:questionnaire_export", kwargs={"pk": questionnaire.pk})
    client.force_login(citizen())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.STAFF))
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_results_and_answer_pages_keep_their_query_counts(client, query_budget):
    questionnaire = QuestionnaireFactory()
    generate(questionnaire, 10, seed=1)
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    results = reverse("participation:questionnaire_results", kwargs={"pk": questionnaire.pk})
    answer = reverse("participation:questionnaire_answer", kwargs={"pk": questionnaire.pk})
    small_results = query_budget(30).get(client, results)
    small_answer = query_budget(30).get(client, answer)
    generate(questionnaire, 1000, seed=2)
    assert query_budget(small_results).get(client, results) == small_results
    assert query_budget(small_answer).get(client, answer) == small_answer
