"""Who sees a questionnaire's results: its managers always; the public once the consultation has
stopped gathering contributions (earlier, the figures would sway the answers still to come)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.permissions import add_perm
from maillage.participation.models import Phase, PhaseKind
from maillage.participation.rules.common import consultation_of, is_published, may_manage


def _contributions_over(user: Viewer, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return (
        consultation is not None
        and Phase.objects.filter(
            consultation=consultation,
            kind=PhaseKind.CONTRIBUTIONS,
            ends_on__lt=timezone.localdate(),
        ).exists()
    )


def _questionnaire_published(user: Viewer, obj: Any) -> bool:
    return getattr(obj, "published_at", None) is not None


contributions_over = rules.predicate(_contributions_over, name="contributions_are_over")
questionnaire_published = rules.predicate(
    _questionnaire_published, name="questionnaire_is_published"
)

may_see_results = may_manage | (is_published & questionnaire_published & contributions_over)

add_perm(
    "participation.view_questionnaire_results",
    may_see_results,
    _(
        "The results of this questionnaire are shown once the consultation has stopped "
        "gathering contributions."
    ),
)
