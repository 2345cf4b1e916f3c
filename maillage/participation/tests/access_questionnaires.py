"""Permission matrix of the questionnaires' pages. The sample accounts belong to no circle: only
staff (and admins) manage the sample consultation; partners (members) record paper forms; every
account with a confirmed address answers; the results of a consultation past its contributions
are public."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.participation.models import PhaseKind, QuestionKind
from maillage.participation.tests.factories import (
    ConsultationFactory,
    QuestionFactory,
    QuestionnaireFactory,
)
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    data.quest_questionnaire = QuestionnaireFactory(consultation=ConsultationFactory())
    data.quest_question = QuestionFactory(
        questionnaire=data.quest_questionnaire, kind=QuestionKind.SINGLE, required=True
    )
    data.quest_closed = QuestionnaireFactory(
        consultation=ConsultationFactory(phase=PhaseKind.ANALYSIS)
    )
    QuestionFactory(questionnaire=data.quest_closed, kind=QuestionKind.SCALE)


consultation = {"kwargs": lambda d: {"slug": d.quest_questionnaire.consultation.slug}}
questionnaire = {"kwargs": lambda d: {"pk": d.quest_questionnaire.pk}}
question = {"kwargs": lambda d: {"pk": d.quest_question.pk}}

ACCESS = {
    "participation:questionnaire_list": Expect.staff(**consultation),
    "participation:questionnaire_create": Expect.staff(**consultation),
    "participation:questionnaire_manage": Expect.staff(**questionnaire),
    "participation:questionnaire_update": Expect.staff(**questionnaire),
    "participation:question_add": Expect.staff(**questionnaire),
    "participation:question_update": Expect.staff(**question),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "participation:question_remove": Expect.staff(405, **question),
    "participation:question_move": Expect.staff(405, **question),
    "participation:questionnaire_publish": Expect.staff(405, **questionnaire),
    # Every account with a confirmed address answers while contributions are gathered.
    "participation:questionnaire_answer": Expect.authenticated(**questionnaire),
    "participation:questionnaire_paper_add": Expect.members(**questionnaire),
    # Results: the managers while contributions are gathered, everyone afterwards.
    "participation:questionnaire_results": Expect.public(
        kwargs=lambda d: {"pk": d.quest_closed.pk}
    ),
    "participation:questionnaire_export": Expect.staff(**questionnaire),
}

# The results of a questionnaire still gathering answers: its managers only.
RESULTS_WHILE_OPEN = Expect.of(LOGIN, 403, 403, 403, 200, 200, **questionnaire)
