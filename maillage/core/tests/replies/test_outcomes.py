"""What a person is told of their reply, in their language."""

from __future__ import annotations

from django.utils import translation

from maillage.core.replies import AnswerKind, how_to_answer
from maillage.core.replies.outcomes import ReplyOutcome, outcome_email


def test_how_to_answer_lists_the_answers_taken_in_french_and_english():
    accepts = [AnswerKind.SCORE, AnswerKind.CONSENT]
    with translation.override("fr-ca"):
        french = how_to_answer(accepts)
    assert french.splitlines()[:3] == [
        "Pour répondre par courriel, répondez en commençant votre message par l’une de ces "
        "réponses :",
        "- « je consens »",
        "- un nombre, votre note",
    ]
    with translation.override("en"):
        english = how_to_answer(accepts)
    assert english.splitlines()[1:3] == ["- “I consent”", "- a number, your score"]


def test_a_refusal_says_the_apps_reason():
    with translation.override("fr-ca"):
        subject, body = outcome_email(
            ReplyOutcome.REFUSED,
            answer="objection",
            detail="Le processus est fermé.",
            accepts=[],
            until="",
        )
    assert subject == "Votre réponse n’a pas été enregistrée"
    assert body == "Votre réponse (objection) n’a pas pu être enregistrée : Le processus est fermé."
