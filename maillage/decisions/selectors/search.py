"""The register in the platform's search: the decisions the viewer may read."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.search import Group, Hit, snippet, terms
from maillage.decisions.models import Decision
from maillage.decisions.paths import decision_path
from maillage.decisions.selectors.register import register_matches, visible_decisions
from maillage.governance.models import Circle, Workstream


def _decision(decision: Decision) -> Hit:
    return Hit(
        title=decision.title,
        url=decision_path(decision),
        snippet=snippet(decision.text),
        context=gettext("Decision of %(group)s") % {"group": decision.group.name},
    )


def search(*, viewer: Viewer, query: str) -> list[Group]:
    """The decisions of the register that `viewer` may read (public ones for everyone, the
    internal ones of their circles and workstreams, all of them for staff), newest first: a
    `Group` read only when a page shows it."""
    words = terms(query)
    if not words:
        return []
    decisions = (
        visible_decisions(viewer)
        .filter(register_matches(words))
        .only("pk", "title", "text", "circle_id", "workstream_id", "decided_at")
        .prefetch_related(
            Prefetch("circle", queryset=Circle.objects.only("pk", "name")),
            Prefetch("workstream", queryset=Workstream.objects.only("pk", "name")),
        )
        .order_by("-decided_at", "-pk")
    )
    return [Group(kind="decisions", label=_("Decisions"), rows=decisions, hit=_decision)]
