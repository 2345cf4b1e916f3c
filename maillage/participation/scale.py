"""Scale data of the participation app (see `core.scale`): each circle and workstream of the
batch asks one published consultation, in its contributions phase, of twenty to sixty proposals
sent back to it; a fifth of those are under study, and one in ten is taken up by one of the
group's decisions of the batch (`decisions.scale`), with the steps of their trail."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from maillage.core.scale import ScaleRun, bulk
from maillage.decisions.models import Decision
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import (
    PHASE_ORDER,
    Consultation,
    Phase,
    Proposal,
    Signature,
    TrailEntry,
    TrailStatus,
)

THEMES = (
    "Se loger dignement",
    "Manger à sa faim",
    "Se déplacer sans auto",
    "Briser l'isolement",
)
IDEAS = (
    "Une halte-chaleur l'hiver",
    "Un autobus le samedi",
    "Une cuisine collective",
    "Des logements pour aînés",
    "Un frigo partagé",
    "Un comité de locataires",
)


def _groups(run: ScaleRun) -> list[Circle | Workstream]:
    tag = f"-{run.batch}-"
    return [
        *Circle.objects.filter(slug__contains=tag).order_by("pk"),
        *Workstream.objects.filter(slug__contains=tag).order_by("pk"),
    ]


def generate(*, run: ScaleRun) -> None:
    groups = _groups(run)
    now = timezone.now()
    consultations = bulk(
        Consultation,
        (
            Consultation(
                slug=run.tag("consultation", index),
                title_fr=f"{THEMES[index % len(THEMES)]} ({group.name})",
                question_fr="Que faudrait-il changer près de chez vous?",
                circle=group if isinstance(group, Circle) else None,
                workstream=group if isinstance(group, Workstream) else None,
                starts_on=run.today - timedelta(days=20),
                ends_on=run.today + timedelta(days=35),
                published_at=now,
            )
            for index, group in enumerate(groups)
        ),
    )
    bulk(
        Phase,
        (
            Phase(
                consultation=consultation,
                kind=kind,
                starts_on=run.today + timedelta(days=14 * (position - 1) - 6),
                ends_on=run.today + timedelta(days=14 * position - 7),
            )
            for consultation in consultations
            for position, kind in enumerate(PHASE_ORDER)
        ),
    )
    decisions: dict[tuple[int | None, int | None], list[Decision]] = {}
    for found in Decision.objects.filter(
        circle__in=[g for g in groups if isinstance(g, Circle)]
    ) | Decision.objects.filter(workstream__in=[g for g in groups if isinstance(g, Workstream)]):
        decisions.setdefault((found.circle_id, found.workstream_id), []).append(found)
    rows = []
    for consultation in consultations:
        taken = decisions.get((consultation.circle_id, consultation.workstream_id), [])
        for n in range(run.rng.randint(20, 60)):
            decision = taken[n % len(taken)] if taken and n % 10 == 0 else None
            status = (
                TrailStatus.TAKEN_UP
                if decision
                else TrailStatus.UNDER_STUDY
                if n % 5 == 1
                else TrailStatus.RECEIVED
            )
            first, _last = run.person_name()
            rows.append(
                Proposal(
                    consultation=consultation,
                    signature=Signature.NAME,
                    display_name=first,
                    title=f"{IDEAS[n % len(IDEAS)]} ({n + 1})",
                    text="Une idée simple, portée par les gens du quartier.",
                    routed_circle=consultation.circle,
                    routed_workstream=consultation.workstream,
                    status=status,
                    status_changed_at=now if status != TrailStatus.RECEIVED else None,
                    process_id=decision.process_id if decision else None,
                    decision=decision,
                    support_count=run.rng.randint(0, 25),
                )
            )
    proposals = bulk(Proposal, rows)
    steps = bulk(
        TrailEntry,
        (
            TrailEntry(
                proposal=p,
                status=p.status,
                routed_circle_id=p.routed_circle_id,
                routed_workstream_id=p.routed_workstream_id,
                process_id=p.process_id,
                decision_id=p.decision_id,
            )
            for p in proposals
            if p.status != TrailStatus.RECEIVED
        ),
    )
    run.report({Consultation: len(consultations), Proposal: len(proposals), TrailEntry: len(steps)})
