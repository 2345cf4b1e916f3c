"""The collaboration model in the platform's search: circles, workstreams and policies."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.search import DOCUMENT_COLUMN, Group, Hit, Matches, snippet, terms
from maillage.governance.models import Circle, Policy, PolicyStatus, Workstream
from maillage.governance.paths import page_url

# The columns searched, in the order of the documents migration 0013 stores on PostgreSQL (read
# from each row's `search_document`; SQLite matches the columns themselves).
CIRCLE_FIELDS = ("name", "purpose")
WORKSTREAM_FIELDS = ("name", "mandate")
POLICY_FIELDS = ("title", "text")


def _circle(circle: Circle) -> Hit:
    return Hit(
        title=circle.name,
        url=page_url("circle_detail", slug=circle.slug),
        snippet=snippet(circle.purpose),
    )


def _workstream(workstream: Workstream) -> Hit:
    return Hit(
        title=workstream.name,
        url=page_url("workstream_detail", slug=workstream.slug),
        snippet=snippet(workstream.mandate),
    )


def _policy(policy: Policy) -> Hit:
    return Hit(
        title=policy.title,
        url=page_url("policy_detail", pk=policy.pk),
        snippet=snippet(policy.text),
        context=gettext("Policy of the circle %(circle)s") % {"circle": policy.circle.name},
    )


def search(*, viewer: Viewer, query: str) -> list[Group]:
    """Circles and workstreams (their names and purposes are public, archived ones aside), and the
    policies in force or under review for those who may read them (partner members and staff):
    each a `Group` read only when a page shows it."""
    words = terms(query)
    if not words:
        return []
    circles = (
        Circle.objects.filter(
            Matches(CIRCLE_FIELDS, words, stored=DOCUMENT_COLUMN), archived_at__isnull=True
        )
        .only("pk", "name", "slug", "purpose")
        .order_by("name", "pk")
    )
    workstreams = (
        Workstream.objects.filter(
            Matches(WORKSTREAM_FIELDS, words, stored=DOCUMENT_COLUMN), archived_at__isnull=True
        )
        .only("pk", "name", "slug", "mandate")
        .order_by("name", "pk")
    )
    groups = [
        Group(kind="circles", label=_("Circles"), rows=circles, hit=_circle),
        Group(kind="workstreams", label=_("Workstreams"), rows=workstreams, hit=_workstream),
    ]
    if has_perm(viewer, "governance.view_circle"):
        # No join: the archived circles as a subquery, their names in a second query. Joined, a
        # planner misled by statistics not yet gathered (after a bulk import) read every policy
        # of every circle instead of the search index.
        policies = (
            Policy.objects.filter(Matches(POLICY_FIELDS, words, stored=DOCUMENT_COLUMN))
            .exclude(status=PolicyStatus.RETIRED)
            .exclude(circle_id__in=Circle.objects.filter(archived_at__isnull=False).values("pk"))
            .only("pk", "title", "text", "circle_id")
            .prefetch_related(Prefetch("circle", queryset=Circle.objects.only("pk", "name")))
            .order_by("title", "pk")
        )
        groups.append(Group(kind="policies", label=_("Policies"), rows=policies, hit=_policy))
    return groups
