"""Personal information in the decisions app: every field declared, "my data" lists the
person's own records only, and anonymization removes their name (and, when asked, their words)
while every decision and every count stays the same."""

from __future__ import annotations

import json

import pytest
from django.apps import apps

from maillage.core import personal
from maillage.core.permissions import SYSTEM
from maillage.core.personal import TEXT_REMOVED
from maillage.core.personal import stored as stored_marker
from maillage.decisions import selectors, services
from maillage.decisions.models import (
    Advice,
    Answer,
    Decision,
    Nomination,
    PollPosition,
    Position,
    ProcessMode,
    Remark,
    Vote,
)
from maillage.decisions.personal import anonymize, export
from maillage.decisions.tests.election_factories import advice_in, elected_role, election_in
from maillage.decisions.tests.factories import poll_in, start

pytestmark = pytest.mark.django_db

PSEUDONYM = "Personne anonymisée 7"


def test_no_field_of_the_app_is_left_undeclared():
    assert personal.undeclared(apps.get_app_config("decisions").get_models()) == []


def test_the_app_registers_its_export_and_anonymizer():
    registry = personal.load()
    assert registry.exporters["decisions"] is export
    assert registry.anonymizers["decisions"] is anonymize


def consent_decision(circle):
    """Chloé's proposal, facilitated by Fanny: Amélie asks a question (naming herself, as
    Chloé's reaction names her), everyone consents, Amélie with a reason; decided."""
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    for step in ("present", "open_clarifying"):
        process = services.process_transition(actor=circle.fanny, process=process, transition=step)
    services.remark_add(actor=circle.amelie, process=process, text="Qui suit le calendrier?")
    process = services.process_transition(
        actor=circle.fanny, process=process, transition="open_reactions"
    )
    services.remark_add(
        actor=circle.chloe, process=process, text="Merci à Amélie Tremblay pour la question."
    )
    process = services.process_transition(
        actor=circle.fanny, process=process, transition="open_consent"
    )
    services.answer_give(
        actor=circle.amelie,
        process=process,
        position=Position.CONSENT,
        reason="Je consens, Charlevoix y est.",
    )
    for user in (circle.bruno, circle.chloe, circle.fanny):
        services.answer_give(actor=user, process=process, position=Position.CONSENT)
    consent_round = process.rounds.get(kind="consent")
    before = selectors.tally(selectors.voices(process.group), consent_round.answers.all())
    services.consent_round_close(actor=circle.fanny, process=process)
    return process, consent_round, before


def poll_decision(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny)
    services.vote_cast(
        actor=circle.amelie, poll=poll, position=PollPosition.AGREE, reason="Bonne idée."
    )
    services.vote_cast(actor=circle.bruno, poll=poll, position=PollPosition.DISAGREE)
    services.vote_cast(actor=circle.chloe, poll=poll, position=PollPosition.AGREE)
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    return poll


def election(circle):
    """Amélie names Chloé, Bruno names Amélie; Chloé is elected."""
    process = election_in(elected_role(circle.circle))
    services.election_transition(actor=SYSTEM, process=process, transition="open_nominations")
    services.nomination_give(
        actor=circle.amelie,
        process=process,
        nominee=circle.chloe.person,
        reason="Chloé connaît le dossier.",
    )
    services.nomination_give(
        actor=circle.bruno,
        process=process,
        nominee=circle.amelie.person,
        reason="Amélie Tremblay anime bien.",
    )
    for step in ("read_nominations", "open_changes", "close_changes"):
        services.election_transition(actor=SYSTEM, process=process, transition=step)
    services.election_propose(
        actor=SYSTEM, process=process, person=circle.chloe.person, reason="Nommée deux fois."
    )
    services.answer_give(actor=circle.bruno, process=process, position=Position.CONSENT)
    services.election_consent_close(actor=SYSTEM, process=process)
    return process


def advice(circle):
    process = advice_in(circle.circle, circle.chloe, people=[circle.amelie.person])
    services.advice_transition(actor=SYSTEM, process=process, transition="ask")
    services.advice_give(actor=circle.amelie, process=process, text="Consultez les MRC.")
    return process


def test_my_data_lists_the_persons_records_and_no_one_elses(circle):
    consent_decision(circle)
    poll_decision(circle)
    election(circle)
    advice(circle)
    sections = {s.key: s for s in export(circle.amelie)}

    def texts(key):
        return [value for row in sections[key].rows for value in row.values.values()]

    assert "Qui suit le calendrier?" in texts("decisions.remarks")
    assert "Merci à Amélie Tremblay pour la question." not in texts("decisions.remarks")
    assert "Je consens, Charlevoix y est." in texts("decisions.answers")
    assert len(sections["decisions.answers"].rows) == 1
    assert circle.seat.organization.name in texts("decisions.answers")
    [vote] = sections["decisions.votes"].rows
    assert "Bonne idée." in vote.values.values()
    assert vote.correct_url == ""  # the poll is closed: the vote stays as cast
    assert "Consultez les MRC." in texts("decisions.advice")
    assert "Chloé connaît le dossier." in texts("decisions.nominations_given")
    # Named by Bruno: the reason, never who named her.
    assert "Amélie Tremblay anime bien." in texts("decisions.nominations_received")
    assert "Bruno Gagnon" not in texts("decisions.nominations_received")
    assert sections["decisions.processes"].rows == []

    chloe = {s.key: s for s in export(circle.chloe)}
    proposed = chloe["decisions.processes"].rows  # her proposal and her advice process
    assert len(proposed) == 2 and all(row.values["Proposé par vous"] for row in proposed)
    assert "Qui suit le calendrier?" not in [
        value for row in chloe["decisions.remarks"].rows for value in row.values.values()
    ]
    assert len(chloe["decisions.candidacies"].rows) == 1
    assert chloe["decisions.advice"].rows == []


def test_a_vote_in_an_open_poll_may_be_corrected(circle):
    poll = poll_in(circle.circle, variant="score", max_score=5)
    first, second, third = poll.options.order_by("position")
    services.vote_cast(
        actor=circle.chloe, poll=poll, values={first.pk: 5, second.pk: 2, third.pk: 0}
    )
    [row] = {s.key: s for s in export(circle.chloe)}["decisions.votes"].rows
    assert row.values["Valeurs"] == "Option A : 5; Option B : 2; Option C : 0"
    assert row.correct_url.endswith(f"/{poll.process_id}/")


def test_my_data_keeps_its_query_count_whatever_the_records(circle, query_budget):
    meter = query_budget(12)
    # Kinds the person has none of cost nothing beyond the first query: one of each first.
    consent_decision(circle)
    poll_decision(circle)
    election(circle)
    advice(circle)
    few = meter(lambda: export(circle.amelie))
    for _n in range(3):
        poll = poll_in(circle.circle, variant="dots", dots=5)
        first = poll.options.order_by("position").first()
        services.vote_cast(actor=circle.amelie, poll=poll, values={first.pk: 5})
    election(circle)
    advice(circle)
    assert meter(lambda: export(circle.amelie)) == few


def test_anonymization_replaces_the_name_and_keeps_words_decisions_and_counts(circle):
    process, consent_round, before = consent_decision(circle)
    poll = poll_decision(circle)
    positions = dict(selectors.poll_detail(viewer=SYSTEM, pk=poll.process_id).result.positions)
    decision = Decision.objects.get(process=process)
    text = decision.text

    anonymize(account=circle.amelie, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=False)

    after = selectors.tally(selectors.voices(process.group), consent_round.answers.all())
    assert (after.consents, after.objections, after.waiting) == (
        before.consents,
        before.objections,
        before.waiting,
    )
    assert dict(selectors.poll_detail(viewer=SYSTEM, pk=poll.process_id).result.positions) == (
        positions
    )
    decision.refresh_from_db()
    assert decision.text == text
    stored = json.dumps(decision.participation, ensure_ascii=False)
    assert "Amélie Tremblay" not in stored and PSEUDONYM in stored
    assert "Je consens, Charlevoix y est." in stored  # her words stay: not asked to remove
    assert Remark.objects.filter(text="Merci à Personne anonymisée 7 pour la question.").exists()
    assert Remark.objects.filter(text="Qui suit le calendrier?").exists()
    # Others keep their names.
    assert "Bruno Gagnon" in json.dumps(
        Decision.objects.get(process=poll.process).participation, ensure_ascii=False
    )


def test_anonymization_with_the_texts_removes_the_persons_words_only(circle):
    process, consent_round, before = consent_decision(circle)
    poll = poll_decision(circle)
    elected = election(circle)
    advice(circle)
    marker = stored_marker(TEXT_REMOVED)
    assert marker == "Texte retiré à la demande de la personne."

    anonymize(account=circle.amelie, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True)

    person = circle.amelie.person
    assert set(Remark.objects.filter(person=person).values_list("text", flat=True)) == {marker}
    assert Remark.objects.filter(text="Merci à Personne anonymisée 7 pour la question.").exists()
    answer = Answer.objects.get(person=person, round=consent_round)
    assert (answer.position, answer.reason) == (Position.CONSENT, marker)
    vote = Vote.objects.get(person=person, poll=poll)
    assert (vote.position, vote.reason) == (PollPosition.AGREE, marker)
    assert Advice.objects.get(person=person).text == marker
    assert Nomination.objects.get(nominator=person).reason == marker
    # Bruno's nomination of her keeps his words, with the pseudonym.
    assert Nomination.objects.get(nominee=person).reason == "Personne anonymisée 7 anime bien."
    rationale = Decision.objects.get(process=elected).rationale
    assert "Chloé connaît le dossier." not in rationale
    assert f"- {PSEUDONYM} → Chloé Roy: {marker}" in rationale
    assert f"- Bruno Gagnon → {PSEUDONYM}: {PSEUDONYM} anime bien." in rationale
    stored = json.dumps([d.participation for d in Decision.objects.all()], ensure_ascii=False)
    assert "Amélie" not in stored and "Je consens" not in stored and "Bonne idée" not in stored
    after = selectors.tally(selectors.voices(process.group), consent_round.answers.all())
    assert (after.consents, after.objections) == (before.consents, before.objections)
    assert Decision.objects.count() == 3


def test_an_account_without_a_person_changes_nothing(circle):
    process, _round, _before = consent_decision(circle)
    anonymize(account=circle.outsider, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True)
    # An account without a person in the network: nothing of the app is theirs.
    assert "Amélie Tremblay" in json.dumps(
        Decision.objects.get(process=process).participation, ensure_ascii=False
    )
    assert Remark.objects.filter(text="Qui suit le calendrier?").exists()
