"""Who is asked for advice in an advice process: the people named and the current members of
the circles asked."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.workflows import Transition
from maillage.decisions import workflows
from maillage.decisions.models import Advice, AdviceRequest, Decision, Process
from maillage.decisions.rules import workflow_roles
from maillage.decisions.selectors._common import may_see_people, person_of
from maillage.network.models import Person


def asked_people(process: Process) -> list[Person]:
    """The people asked, by name or as members of a circle asked, by name (two queries)."""
    requests = list(AdviceRequest.objects.filter(process=process).values_list("person", "circle"))
    people = [p for p, _c in requests if p]
    circles = [c for _p, c in requests if c]
    return list(
        Person.objects.filter(
            Q(pk__in=people)
            | Q(memberships__circle_id__in=circles, memberships__ended_at__isnull=True)
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


@dataclass
class AdviceDetail:
    process: Process
    requests: list[AdviceRequest]
    asked: list[Person]
    advice: list[Advice]
    transitions: list[Transition]
    my_advice: Advice | None
    may_give: bool
    may_record: bool
    may_decide: bool
    show_people: bool
    decision: Decision | None

    @property
    def waiting(self) -> list[Person]:
        given = {a.person_id for a in self.advice}
        return [p for p in self.asked if p.pk not in given]


def advice_detail(*, viewer: Viewer, pk: int) -> AdviceDetail | None:
    """An advice process with whom it asks, the advice given and what `viewer` may do; None when
    they may not see it. A fixed number of queries whatever the number of people asked."""
    process = (
        Process.objects.filter(pk=pk, kind="advice")
        .select_related("circle", "workstream", "facilitator", "created_by")
        .first()
    )
    if process is None or not has_perm(viewer, "decisions.view_advice_process", process):
        return None
    requests = list(
        AdviceRequest.objects.filter(process=process).select_related("person", "circle")
    )
    advice = list(
        Advice.objects.filter(process=process)
        .select_related("person", "recorded_by")
        .order_by("created_at", "pk")
    )
    person = person_of(viewer)
    roles = workflow_roles(viewer, process)
    available = workflows.ADVICE.available(process.state, roles)
    return AdviceDetail(
        process=process,
        requests=requests,
        asked=asked_people(process),
        advice=advice,
        transitions=[t for t in available if t.key != "decide"],
        my_advice=next((a for a in advice if person and a.person_id == person.pk), None),
        may_give=has_perm(viewer, "decisions.give_advice", process),
        may_record=has_perm(viewer, "decisions.record_advice", process),
        may_decide=any(t.key == "decide" for t in available),
        show_people=may_see_people(viewer, process)
        or has_perm(viewer, "decisions.give_advice", process),
        decision=Decision.objects.filter(process=process).first(),
    )
