"""Scale data of the decisions app (see `core.scale`): per unit of factor, 20 decisions in the
register, taken over the past two years by the batch's circles and workstreams (a consent
process, its first version, a closed consent round with three members' answers, the
participation as the register keeps it; public or internal, a review date for most), and 2
consent processes under way, their round open."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.utils import timezone

from maillage.core.scale import ScaleRun, bulk, sample
from maillage.decisions.models import (
    Answer,
    Decision,
    Position,
    Process,
    ProcessMode,
    ProposalVersion,
    Round,
    RoundKind,
    RoundOutcome,
    Visibility,
)
from maillage.governance.models import Circle, Membership, Workstream

DECISIONS_PER_FACTOR = 20
RUNNING_PER_FACTOR = 2
ANSWERS = 3

SUBJECTS = (
    ("Adopter le plan d'action annuel", "Le cercle adopte son plan d'action de l'année."),
    ("Soutenir la démarche de mobilisation citoyenne", "Le cercle soutient la démarche."),
    ("Modifier le calendrier des rencontres", "Les rencontres ont lieu le deuxième mardi."),
    ("Accueillir un nouveau partenaire", "Le cercle accueille l'organisme comme partenaire."),
    ("Réviser les critères de soutien aux initiatives", "Les critères révisés s'appliquent."),
    ("Confier le portrait du territoire au chantier", "Le chantier produit le portrait."),
    ("Adopter la politique de remboursement des frais", "La politique révisée s'applique."),
    ("Tenir un forum régional sur l'habitation", "Le forum a lieu au printemps."),
)


def _at(run: ScaleRun, days_ago: int) -> datetime:
    day = run.today - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(19, 30)))


def generate(*, run: ScaleRun) -> None:
    rng = run.rng
    circles = list(Circle.objects.filter(slug__contains=f"-{run.batch}-").order_by("pk"))
    workstreams = list(Workstream.objects.filter(slug__contains=f"-{run.batch}-").order_by("pk"))
    groups: list[Circle | Workstream] = [*circles, *workstreams]
    if not groups:  # nothing to build on
        run.report({Decision: 0})
        return
    members: dict[tuple[str, int], list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for circle_id, workstream_id, person_id, first, last in Membership.objects.filter(
        ended_at__isnull=True, person__slug__contains=f"-{run.batch}-"
    ).values_list(
        "circle_id", "workstream_id", "person_id", "person__first_name", "person__last_name"
    ):
        key = ("c", circle_id) if circle_id else ("w", workstream_id)
        names[person_id] = f"{first} {last}"
        if person_id not in members[key]:
            members[key].append(person_id)

    def group_of(group: Circle | Workstream) -> dict[str, Circle | Workstream]:
        return {"circle": group} if isinstance(group, Circle) else {"workstream": group}

    def voters(group: Circle | Workstream) -> list[int]:
        key = ("c" if isinstance(group, Circle) else "w", group.pk)
        return sample(rng, members.get(key, []), 1, ANSWERS)

    decided = DECISIONS_PER_FACTOR * run.factor
    running = RUNNING_PER_FACTOR * run.factor
    plans = []
    for index in range(decided + running):
        title, text = rng.choice(SUBJECTS)
        group = rng.choice(groups)
        plans.append((index, f"{title} ({index + 1})", text, group, index < decided))
    processes = bulk(
        Process,
        (
            Process(
                title=title,
                proposal=text,
                rationale="Les partenaires en ont discuté en rencontre.",
                state="consented" if closed else "consent_round",
                mode=ProcessMode.LIVE if rng.random() < 0.6 else ProcessMode.ASYNC,
                deadline=None if closed else _at(run, -rng.randint(2, 10)),
                visibility=Visibility.PUBLIC if rng.random() < 0.5 else Visibility.INTERNAL,
                review_date=run.today + timedelta(days=rng.randint(30, 700)),
                **group_of(group),
            )
            for _index, title, text, group, closed in plans
        ),
    )
    bulk(
        ProposalVersion,
        (ProposalVersion(process=p, number=1, title=p.title, text=p.proposal) for p in processes),
    )
    moments = {p.pk: _at(run, rng.randint(1, 730)) for p in processes}
    rounds = bulk(
        Round,
        (
            Round(
                process=p,
                kind=RoundKind.CONSENT,
                closed_at=moments[p.pk] if p.state == "consented" else None,
                outcome=RoundOutcome.CONSENTED if p.state == "consented" else "",
            )
            for p in processes
        ),
    )
    answered: dict[int, list[int]] = {}
    answers = []
    for (_index, _title, _text, group, _closed), round_ in zip(plans, rounds, strict=True):
        answered[round_.process_id] = voters(group)
        answers += [
            Answer(round=round_, person_id=person, position=Position.CONSENT)
            for person in answered[round_.process_id]
        ]
    bulk(Answer, answers)
    decisions = bulk(
        Decision,
        (
            Decision(
                process=p,
                circle_id=p.circle_id,
                workstream_id=p.workstream_id,
                title=p.title,
                text=p.proposal,
                rationale=p.rationale,
                kind=p.kind,
                participation=[
                    {
                        "voice": names[person],
                        "organization": None,
                        "person": names[person],
                        "as_substitute": False,
                        "position": Position.CONSENT.value,
                        "reason": "",
                        "offline": False,
                    }
                    for person in answered[p.pk]
                ],
                decided_at=moments[p.pk],
                effective_date=timezone.localdate(moments[p.pk]),
                review_date=p.review_date,
                visibility=p.visibility,
            )
            for p in processes
            if p.state == "consented"
        ),
    )
    run.report(
        {
            Decision: len(decisions),
            Process: len(processes),
            Round: len(rounds),
            Answer: len(answers),
        }
    )
