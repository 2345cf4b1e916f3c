"""Scale data of the collaboration model (see `core.scale`): per unit of factor, 4 circles nested
four levels under the general circle, each with its built-in roles held (and their double links),
a custom role, direct members, 10 policies, 3 workstreams with two sponsors or more, their lead,
deliverables and members, and 5 invitations. Elected terms, policy reviews and sunsets are spread
over the coming year, so the governance calendar fills up."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from maillage.core.scale import PEOPLE_DOMAIN, ScaleRun, bulk, link, sample
from maillage.governance import workflows
from maillage.governance.models import (
    POLICY_KINDS,
    Accountability,
    Circle,
    CircleMode,
    Deliverable,
    Invitation,
    InvitationKind,
    Membership,
    MembershipKind,
    MembershipSource,
    Policy,
    PolicyStatus,
    PolicyVersion,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.services._common import add_months
from maillage.governance.services.roles import BUILTIN, _builtin_name
from maillage.network.models import Person, Seat
from maillage.territories.models import Level, Territory, TerritoryType

CIRCLES_PER_FACTOR = 4
POLICIES_PER_FACTOR = 10
WORKSTREAMS_PER_FACTOR = 3
INVITATIONS_PER_FACTOR = 5
DEPTH = 4  # levels of circles under the general circle

THEMES = (
    "Sécurité alimentaire",
    "Habitation",
    "Mobilité",
    "Petite enfance",
    "Persévérance scolaire",
    "Aînés",
    "Santé mentale",
    "Inclusion numérique",
    "Transition écologique",
    "Emploi",
    "Accueil des personnes immigrantes",
    "Participation citoyenne",
    "Loisir et culture",
    "Lutte contre la pauvreté",
)
ACCOUNTABILITIES = (
    "Tenir à jour le portrait des initiatives du territoire",
    "Recommander au cercle parent les projets à soutenir",
    "Animer les rencontres des partenaires",
    "Rendre compte des travaux au cercle parent",
    "Accueillir les nouveaux partenaires",
    "Documenter les besoins des personnes concernées",
)
CUSTOM_ROLES = (
    "Responsable des communications",
    "Gardien du temps",
    "Porte-parole citoyen",
    "Responsable de l'évaluation",
    "Agent de liaison",
)
POLICY_TITLES = (
    "Accueil des nouveaux partenaires",
    "Déclaration des conflits d'intérêts",
    "Critères de soutien aux initiatives",
    "Principes de représentation",
    "Remboursement des frais de déplacement",
    "Diffusion des comptes rendus",
    "Prise de décision par consentement",
    "Participation des personnes concernées",
)
DELIVERABLES = (
    "Portrait du territoire",
    "Consultation des personnes concernées",
    "Plan d'action",
    "Recommandations au cercle parent",
    "Bilan partagé",
)
WORKSTREAM_STATUSES = ("proposed", "active", "paused", "completed")
WORKSTREAM_WEIGHTS = (15, 60, 10, 15)


def _at(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


class _Context:
    def __init__(self, run: ScaleRun) -> None:
        self.run = run
        self.mrcs = list(
            Territory.objects.filter(
                type__in=[TerritoryType.MRC, TerritoryType.EQUIVALENT]
            ).order_by("pk")
        )
        self.strategies = list(Strategy.objects.order_by("pk").values_list("pk", flat=True))
        self.people = list(Person.objects.filter(slug__contains=f"-{run.batch}-").order_by("pk"))
        self.seats: dict[int, Seat] = {}
        for seat in Seat.objects.filter(holder__in=self.people, end_date__isnull=True):
            self.seats.setdefault(seat.holder_id, seat)
        self.holders = [p for p in self.people if p.pk in self.seats] or self.people

    def holder(self) -> Person:
        """Someone to hold a role: a seat's holder, most of the time."""
        rng = self.run.rng
        return rng.choice(self.holders if rng.random() < 0.8 else self.people)

    def tags(self, groups: list[Any], relation_territories: Any, relation_strategies: Any) -> None:
        rng = self.run.rng
        link(
            relation_territories,
            ((g.pk, t.pk) for g in groups for t in sample(rng, self.mrcs, 1, 2)),
        )
        link(
            relation_strategies,
            ((g.pk, s) for g in groups for s in sample(rng, self.strategies, 1, 2)),
        )


def generate(*, run: ScaleRun) -> None:
    general = Circle.objects.filter(parent__isnull=True).first()
    context = _Context(run)
    if general is None or not context.people:  # nothing to build on (the demo was not loaded)
        run.report({Circle: 0})
        return
    circles = _circles(context, general)
    roles, assignments = _circle_roles(context, circles)
    _members(context, circles)
    policies = _policies(context, circles)
    workstreams, lead_roles, lead_assignments = _workstreams(context, [general, *circles])
    invitations = _invitations(context, workstreams)
    run.report(
        {
            Circle: len(circles),
            Role: len(roles) + len(lead_roles),
            RoleAssignment: len(assignments) + len(lead_assignments),
            Policy: len(policies),
            Workstream: len(workstreams),
            Invitation: len(invitations),
        }
    )


def _level_sizes(total: int) -> list[int]:
    """How many circles at each level: a tenth at the top, the rest shared by the three below."""
    top = max(1, total // 10)
    rest = total - top
    middle = max(1, rest // 3)
    return [top, middle, middle, max(0, rest - 2 * middle)]


def _circles(context: _Context, general: Circle) -> list[Circle]:
    run = context.run
    rng = run.rng
    parents = [general]
    created: list[Circle] = []
    for size in _level_sizes(CIRCLES_PER_FACTOR * run.factor):
        level: list[Circle] = []
        for _ in range(size):
            theme = rng.choice(THEMES)
            place = rng.choice(context.mrcs).name if context.mrcs else "la région"
            name = f"{theme} — {place}"
            level.append(
                Circle(
                    name=name,
                    slug=run.tag(name, len(created) + len(level)),
                    purpose=(
                        f"Que les partenaires du territoire {place} agissent ensemble sur "
                        f"l'enjeu « {theme.lower()} », avec les personnes concernées."
                    ),
                    domains=[f"{theme} : {place}"],
                    parent=rng.choice(parents),
                    levels=sample(rng, [Level.LOCAL, Level.SUPRALOCAL, Level.REGIONAL], 1, 2),
                    mode=CircleMode.CONSENT if rng.random() < 0.8 else CircleMode.OPEN,
                )
            )
        if not level:
            break
        level = bulk(Circle, level)
        created += level
        parents = level
    context.tags(created, Circle.territories, Circle.strategies)
    bulk(
        Accountability,
        (
            Accountability(circle=circle, text=text, position=position)
            for circle in created
            for position, text in enumerate(sample(rng, ACCOUNTABILITIES, 2, 3), start=1)
        ),
    )
    return created


def _start_and_term(context: _Context, role: Role) -> tuple[Any, Any]:
    """When an assignment started and its term ends: elected terms end from half a year ago to
    a year ahead (the calendar's window), other roles have no term."""
    run = context.run
    if not role.elected or not role.term_months:
        return run.days_ago(30, 900), None
    months = role.term_months
    start = run.days_ago(0, months * 30 + 180 if months <= 12 else months * 30)
    return start, add_months(start, months)


def _circle_roles(
    context: _Context, circles: list[Circle]
) -> tuple[list[Role], list[RoleAssignment]]:
    rng = context.run.rng
    roles = []
    for circle in circles:
        for kind in (RoleKind.LEAD, RoleKind.DELEGATE, RoleKind.FACILITATOR, RoleKind.SECRETARY):
            roles.append(
                Role(
                    circle=circle,
                    kind=kind,
                    name=_builtin_name(kind),
                    may_amend_policies=kind in POLICY_KINDS,
                    **BUILTIN[kind],
                )
            )
    for _ in range(context.run.factor):
        roles.append(Role(circle=rng.choice(circles), name=rng.choice(CUSTOM_ROLES)))
    roles = bulk(Role, roles)
    bulk(
        Accountability,
        (
            Accountability(role=role, text=rng.choice(ACCOUNTABILITIES), position=1)
            for role in roles
            if role.kind == RoleKind.CUSTOM
        ),
    )
    holders: list[tuple[Role, Person]] = []
    for role in roles:
        count = 1 if role.single_holder else rng.randint(1, 3)
        chosen: dict[int, Person] = {}
        while len(chosen) < min(count, len(context.people)):
            person = context.holder()
            chosen[person.pk] = person
        holders += [(role, person) for person in chosen.values()]
    return roles, _assign(context, holders)


def _assign(context: _Context, holders: list[tuple[Role, Person]]) -> list[RoleAssignment]:
    """Assignments and the memberships they make (a holder is a member of the role's circle or
    workstream, a delegate also of its circle's parent), as the services would keep them."""
    today = context.run.today
    rows = []
    for role, person in holders:
        start, term_end = _start_and_term(context, role)
        rows.append(
            RoleAssignment(
                role=role,
                person=person,
                seat=context.seats.get(person.pk),
                start_date=start,
                term_end=term_end,
            )
        )
    assignments = bulk(RoleAssignment, rows)
    links = []
    for assignment in assignments:
        role = assignment.role
        groups: list[dict[str, Any]] = [
            {"circle": role.circle} if role.circle else {"workstream": role.workstream}
        ]
        if role.kind == RoleKind.DELEGATE and role.circle and role.circle.parent_id:
            groups.append({"circle_id": role.circle.parent_id})
        links += [
            Membership(
                person=assignment.person,
                source=MembershipSource.LINK,
                assignment=assignment,
                seat=assignment.seat,
                start_date=min(assignment.start_date, today),
                **group,
            )
            for group in groups
        ]
    bulk(Membership, links)
    return assignments


def _members(context: _Context, circles: list[Circle]) -> None:
    rng = context.run.rng
    bulk(
        Membership,
        (
            Membership(
                person=person,
                circle=circle,
                seat=context.seats.get(person.pk),
                start_date=context.run.days_ago(0, 700),
            )
            for circle in circles
            for person in sample(rng, context.people, 3, 6)
        ),
    )


def _policies(context: _Context, circles: list[Circle]) -> list[Policy]:
    run = context.run
    rng = run.rng
    policies = []
    for _ in range(POLICIES_PER_FACTOR * run.factor):
        circle = rng.choice(circles)
        title = rng.choice(POLICY_TITLES)
        adopted = run.days_ago(60, 900)
        chance = rng.random()
        if chance < 0.4:
            review = run.today + timedelta(days=rng.randint(1, 365))
        elif chance < 0.7:
            review = None
        else:
            review = adopted + timedelta(days=rng.randint(30, max(30, (run.today - adopted).days)))
        policies.append(
            Policy(
                circle=circle,
                title=title,
                text=(
                    f"Le cercle « {circle.name} » applique cette politique à ses rencontres et à "
                    "ses projets. Elle est fictive : elle sert à mesurer la plateforme."
                ),
                adopted_on=adopted,
                review_date=review,
                status=rng.choices(
                    [PolicyStatus.ACTIVE, PolicyStatus.UNDER_REVIEW, PolicyStatus.RETIRED],
                    weights=[85, 10, 5],
                )[0],
            )
        )
    policies = bulk(Policy, policies)
    # Version 1 is the adopted text.
    bulk(
        PolicyVersion,
        (
            PolicyVersion(
                policy=p,
                number=1,
                title=p.title,
                text=p.text,
                review_date=p.review_date,
                created_at=_at(p.adopted_on),
            )
            for p in policies
        ),
    )
    return policies


def _workstreams(
    context: _Context, circles: list[Circle]
) -> tuple[list[Workstream], list[Role], list[RoleAssignment]]:
    run = context.run
    rng = run.rng
    rows = []
    for index in range(WORKSTREAMS_PER_FACTOR * run.factor):
        theme = rng.choice(THEMES)
        place = rng.choice(context.mrcs).name if context.mrcs else "la région"
        name = f"{rng.choice(DELIVERABLES)} : {theme.lower()}, {place}"
        start = run.days_ago(0, 500)
        status = rng.choices(WORKSTREAM_STATUSES, weights=WORKSTREAM_WEIGHTS)[0]
        rows.append(
            Workstream(
                name=name,
                slug=run.tag(name, index),
                mandate=(
                    f"Documenter l'enjeu « {theme.lower()} » sur le territoire {place} et "
                    "proposer des actions avec les personnes concernées."
                ),
                start_date=start,
                sunset_date=start + timedelta(days=rng.randint(120, 730)),
                status=status,
                status_changed_at=_at(start) if status != workflows.WORKSTREAM.initial else None,
                levels=sample(rng, [Level.LOCAL, Level.SUPRALOCAL, Level.REGIONAL], 1, 2),
            )
        )
    workstreams = bulk(Workstream, rows)
    link(
        Workstream.sponsors,
        ((w.pk, c.pk) for w in workstreams for c in sample(rng, circles, 2, 3)),
    )
    context.tags(workstreams, Workstream.territories, Workstream.strategies)
    deliverables = []
    for workstream in workstreams:
        for position, title in enumerate(sample(rng, DELIVERABLES, 2, 4), start=1):
            done = workstream.status != "proposed" and rng.random() < 0.4
            deliverables.append(
                Deliverable(
                    workstream=workstream,
                    title=title,
                    due_date=(workstream.sunset_date or run.today) - timedelta(days=30 * position),
                    done=done,
                    done_at=_at(run.today) if done else None,
                    position=position,
                )
            )
    bulk(Deliverable, deliverables)
    roles = bulk(
        Role,
        (
            Role(
                workstream=w,
                kind=RoleKind.LEAD,
                name=_builtin_name(RoleKind.LEAD, workstream=True),
                may_amend_policies=True,
            )
            for w in workstreams
        ),
    )
    assignments = _assign(context, [(role, context.holder()) for role in roles])
    running = [w for w in workstreams if w.status in workflows.RUNNING_STATES]
    bulk(
        Membership,
        (
            Membership(
                person=person,
                workstream=workstream,
                kind=kind,
                seat=context.seats.get(person.pk) if kind == MembershipKind.MEMBER else None,
                start_date=workstream.start_date or run.today,
            )
            for workstream in running
            for position, person in enumerate(sample(rng, context.people, 3, 10))
            for kind in [MembershipKind.MEMBER if position > 1 else MembershipKind.EXTERNAL]
        ),
    )
    return workstreams, roles, assignments


def _invitations(context: _Context, workstreams: list[Workstream]) -> list[Invitation]:
    run = context.run
    rng = run.rng
    running = [w for w in workstreams if w.status in workflows.RUNNING_STATES] or workstreams
    now = timezone.now()
    rows = []
    for index in range(INVITATIONS_PER_FACTOR * run.factor):
        chance = rng.random()
        token = f"{run.batch}-{index}-{rng.getrandbits(128):032x}"
        rows.append(
            Invitation(
                workstream=rng.choice(running),
                email=f"invitation-{run.batch}-{index}@{PEOPLE_DOMAIN}",
                kind=rng.choice([InvitationKind.EXTERNAL, InvitationKind.GUEST]),
                message="Bienvenue dans ce chantier (invitation fictive).",
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                expires_at=now + timedelta(days=rng.randint(-20, 14)),
                revoked_at=now - timedelta(days=1) if chance < 0.1 else None,
            )
        )
    return bulk(Invitation, rows)
