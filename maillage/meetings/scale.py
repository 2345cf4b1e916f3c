"""Scale data of the meetings app (see `core.scale`): every decision of the batch taken live
(`decisions.scale`) was taken in a held meeting of its group, whose agenda takes up its process
(with two other items) and whose attendance lists up to six members, present; each process
still under way is on the agenda of a coming meeting. The decisions note their meeting, whose
quorum is met (the generated groups ask none)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from maillage.core.scale import ScaleRun, bulk
from maillage.decisions.models import Decision, MeetingQuorum, Process, ProcessMode
from maillage.governance.models import Membership
from maillage.meetings.models import AgendaItem, Attendance, AttendanceStatus, Meeting

ITEMS = ("Mot de bienvenue et adoption de l'ordre du jour", "Tour de table des partenaires")
ATTENDING = 6


def generate(*, run: ScaleRun) -> None:
    tag = f"-{run.batch}-"
    processes = list(
        Process.objects.filter(
            Q(circle__slug__contains=tag) | Q(workstream__slug__contains=tag),
            mode=ProcessMode.LIVE,
        )
        .select_related("decision")
        .order_by("pk")
    )
    if not processes:
        run.report({Meeting: 0})
        return
    members: dict[tuple[int | None, int | None], list[tuple[int, int | None]]] = defaultdict(list)
    for circle_id, workstream_id, person_id, seat_id in Membership.objects.filter(
        ended_at__isnull=True, person__slug__contains=f"-{run.batch}-"
    ).values_list("circle_id", "workstream_id", "person_id", "seat_id"):
        members[circle_id, workstream_id].append((person_id, seat_id))
    decided: dict[int, Decision | None] = {p.pk: getattr(p, "decision", None) for p in processes}

    def middle(p: Process) -> datetime:
        """When the meeting is half through: the decision's moment, or some day to come."""
        decision = decided[p.pk]
        if decision is not None:
            return decision.decided_at
        day = run.today + timedelta(days=run.rng.randint(3, 30))
        return timezone.make_aware(datetime.combine(day, time(14, 0)))

    moments = {p.pk: middle(p) for p in processes}
    meetings = bulk(
        Meeting,
        (
            Meeting(
                circle_id=p.circle_id,
                workstream_id=p.workstream_id,
                title=f"Rencontre — {p.title}",
                place="Salle communautaire",
                starts_at=moments[p.pk] - timedelta(hours=1),
                ends_at=moments[p.pk] + timedelta(hours=1),
                state="held" if decided[p.pk] else "planned",
            )
            for p in processes
        ),
    )
    items = bulk(
        AgendaItem,
        (
            AgendaItem(meeting=meeting, position=position, title=title, process=process)
            for meeting, p in zip(meetings, processes, strict=True)
            for position, title, process in (
                (1, ITEMS[0], None),
                (2, f"Proposition : {p.title}", p),
                (3, ITEMS[1], None),
            )
        ),
    )
    seen: set[tuple[int, int]] = set()
    attendances = []
    for meeting, p in zip(meetings, processes, strict=True):
        if not decided[p.pk]:
            continue
        for person, seat in members[p.circle_id, p.workstream_id][:ATTENDING]:
            if (meeting.pk, person) not in seen:
                seen.add((meeting.pk, person))
                attendances.append(
                    Attendance(
                        meeting=meeting,
                        person_id=person,
                        seat_id=seat,
                        status=AttendanceStatus.PRESENT,
                    )
                )
    bulk(Attendance, attendances)
    noted = []
    for meeting, p in zip(meetings, processes, strict=True):
        decision = decided[p.pk]
        if decision is not None:
            decision.meeting_id_ref = meeting.pk
            decision.meeting_title = meeting.title
            decision.meeting_quorum = MeetingQuorum.MET
            noted.append(decision)
    Decision.objects.bulk_update(
        noted, ["meeting_id_ref", "meeting_title", "meeting_quorum"], batch_size=1000
    )
    run.report({Meeting: len(meetings), AgendaItem: len(items), Attendance: len(attendances)})
