"""Consultations and proposals in the platform's search: what anyone may read of them.

Only published consultations and the proposals of those that are not hidden by moderation are
found, the same for every viewer (drafts are found from their group's pages), so the site keeps a
query's results once for everyone.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.search import DOCUMENT_COLUMN, Group, Hit, Matches, snippet, terms
from maillage.participation.models import Consultation, Proposal

# The columns searched, in the order of the documents migration 0002 stores on PostgreSQL.
CONSULTATION_FIELDS = ("title_fr", "title_en", "question_fr", "question_en")
PROPOSAL_FIELDS = ("title", "text")


def _consultation_hit(consultation: Consultation) -> Hit:
    return Hit(
        title=consultation.title,
        url=reverse("participation:consultation_detail", kwargs={"slug": consultation.slug}),
        snippet=snippet(consultation.question),
    )


def _proposal_hit(proposal: Proposal) -> Hit:
    return Hit(
        title=proposal.title,
        url=reverse("participation:proposal_detail", kwargs={"pk": proposal.pk}),
        snippet=snippet(proposal.text),
        context=gettext("Proposal to the consultation “%(consultation)s”")
        % {"consultation": proposal.consultation.title},
    )


def search(*, viewer: Viewer, query: str) -> list[Group]:
    """Published consultations, newest first, then the visible proposals made to them, newest
    first: each a `Group` read only when a page shows it."""
    words = terms(query)
    if not words:
        return []
    consultations = (
        Consultation.objects.filter(published_at__isnull=False)
        .filter(Matches(CONSULTATION_FIELDS, words, stored=DOCUMENT_COLUMN))
        .only("pk", "slug", "title_fr", "title_en", "question_fr", "question_en")
        .order_by("-starts_on", "-pk")
    )
    proposals = (
        Proposal.objects.filter(hidden_at__isnull=True, consultation__published_at__isnull=False)
        .filter(Matches(PROPOSAL_FIELDS, words, stored=DOCUMENT_COLUMN))
        .only("pk", "title", "text", "consultation_id", "created_at")
        .prefetch_related(
            Prefetch(
                "consultation",
                queryset=Consultation.objects.only("pk", "title_fr", "title_en"),
            )
        )
        .order_by("-created_at", "-pk")
    )
    return [
        Group(
            kind="consultations",
            label=_("Consultations"),
            rows=consultations,
            hit=_consultation_hit,
        ),
        Group(kind="proposals", label=_("Citizen proposals"), rows=proposals, hit=_proposal_hit),
    ]
