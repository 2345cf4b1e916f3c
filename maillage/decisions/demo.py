"""The decisions demo: a register of decisions taken by the circles and a workstream of the
governance demo, a consent process under way in the general circle (its consent round open,
a few answers in, the demo member's still awaited), a closed proposal poll (in the register) and
an open time poll choosing the date of the regional forum. Written through the services, once: a
process whose title is already there is not started again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.models import (
    Availability,
    Decision,
    Poll,
    PollPosition,
    PollVariant,
    Position,
    Process,
    ProcessMode,
    Visibility,
)
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Person


@dataclass(frozen=True)
class DemoDecision:
    group: str  # a circle's or a workstream's slug
    title: str
    proposal: str
    rationale: str = ""
    visibility: str = Visibility.PUBLIC
    review_months: int | None = 12
    objection: str = ""  # a first consent round objected to this way, then an amended text
    amended: str = ""
    changes: tuple[dict[str, Any], ...] = ()  # governance changes applied once consented


DECISIONS = (
    DemoDecision(
        "cercle-general",
        "Calendrier des rencontres 2027 du cercle général",
        "Le cercle général se réunit six fois en 2027, en alternance à Québec et dans "
        "Charlevoix, et une fois en ligne pendant l'été.",
        "Rapprocher les rencontres des partenaires hors de la ville de Québec.",
    ),
    DemoDecision(
        "cercle-general",
        "Création du chantier « Mobilité des aînés »",
        "Le cercle général crée un chantier pour documenter les besoins de transport des "
        "personnes aînées dans les MRC rurales.",
        "Plusieurs partenaires ont signalé l'isolement des aînés sans voiture.",
        objection="Le mandat oublie les personnes handicapées, qui vivent le même isolement.",
        amended="Le cercle général crée un chantier pour documenter les besoins de transport des "
        "personnes aînées et des personnes handicapées dans les MRC rurales.",
        changes=(
            {
                "action": "workstream.create",
                "params": {
                    "name": "Mobilité des aînés",
                    "sponsors": ["cercle-general"],
                    "mandate": "Documenter les besoins de transport des personnes aînées et des "
                    "personnes handicapées dans les MRC rurales.",
                },
            },
        ),
    ),
    DemoDecision(
        "securite-alimentaire",
        "Priorités du cercle pour l'hiver",
        "Le cercle concentre ses efforts de l'hiver sur les dépannages alimentaires en milieu "
        "rural et sur la récupération des invendus.",
        visibility=Visibility.INTERNAL,
        review_months=6,
    ),
    DemoDecision(
        "habitation",
        "Appui aux projets de logement communautaire",
        "Le cercle appuie par une lettre commune tout projet de logement communautaire de la "
        "région qui en fait la demande et respecte la politique d'accueil.",
        "Une lettre commune pèse davantage que des appuis dispersés.",
    ),
    DemoDecision(
        "influence-citoyenne",
        "Compte rendu public des consultations",
        "Chaque consultation citoyenne fait l'objet d'un compte rendu public dans les deux mois, "
        "qui dit ce que le collectif a fait des propositions reçues.",
    ),
    DemoDecision(
        "transport-collectif-rural",
        "Portée du sondage sur les déplacements",
        "Le chantier limite son sondage aux MRC de Charlevoix et de Portneuf, faute de moyens "
        "pour couvrir toute la région cette année.",
        visibility=Visibility.INTERNAL,
        review_months=None,
    ),
)

IN_PROGRESS = DemoDecision(
    "cercle-general",
    "Accueillir les représentants citoyens au cercle général",
    "Deux sièges du cercle général sont réservés à des personnes citoyennes, désignées par le "
    "cercle Influence citoyenne pour un mandat de deux ans.",
    "Les personnes directement concernées par la pauvreté doivent prendre part aux décisions.",
)
# The consent round of the process under way closes this many days after the demo is loaded.
DEADLINE_DAYS = 5

CLOSED_POLL = (
    "cercle-general",
    "Appui à la déclaration régionale sur le droit au logement",
    "Le collectif appuie-t-il la déclaration régionale sur le droit au logement, portée par "
    "les comités logement de la Capitale-Nationale?",
)
TIME_POLL = (
    "cercle-general",
    "Date du forum régional sur le développement social",
    "Quelle date retenir pour le forum régional de l'hiver, à Baie-Saint-Paul?",
)


def _group(slug: str) -> Circle | Workstream | None:
    return Circle.objects.filter(slug=slug).first() or Workstream.objects.filter(slug=slug).first()


def _account(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _speakers(group: Circle | Workstream, count: int) -> list[Person]:
    """The first `count` people holding a voice of `group` (the demo member apart)."""
    people = [v.holders[0] for v in selectors.voices(group)]
    return [p for p in people if p.email != MEMBER_EMAIL][:count]


def _review(months: int | None) -> dt.date | None:
    return timezone.localdate() + dt.timedelta(days=30 * months) if months else None


def _open_consent(process: Process, *, live: bool) -> Process:
    for step in ("present", "open_clarifying", "open_reactions"):
        process = services.process_transition(actor=SYSTEM, process=process, transition=step)
    deadline = None if live else timezone.now() + dt.timedelta(days=DEADLINE_DAYS)
    return services.process_transition(
        actor=SYSTEM, process=process, transition="open_consent", deadline=deadline
    )


def _answer_all(process: Process, people: list[Person], facilitator: User) -> None:
    """The answers of `people`, given in the room and recorded by the facilitator."""
    for person in people:
        services.answer_give(
            actor=facilitator,
            process=process,
            person=person,
            position=Position.CONSENT,
        )


def _start(
    demo: DemoDecision,
    group: Circle | Workstream,
    facilitator: User,
    mode: str = ProcessMode.LIVE,
) -> Process:
    return services.process_start(
        actor=SYSTEM,
        data=services.ProcessData(
            title=demo.title,
            proposal=demo.proposal,
            rationale=demo.rationale,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            mode=mode,
            visibility=demo.visibility,
            facilitator=facilitator,
            review_date=_review(demo.review_months),
            changes=list(demo.changes),
        ),
    )


@transaction.atomic
def _decide(demo: DemoDecision, group: Circle | Workstream, facilitator: User) -> None:
    """A decision taken in a meeting: its rounds, an objection integrated when it has one."""
    people = _speakers(group, 4)
    if not people:
        return
    process = _open_consent(_start(demo, group, facilitator), live=True)
    if demo.objection:
        services.answer_give(
            actor=facilitator,
            process=process,
            person=people[0],
            position=Position.OBJECTION,
            reason=demo.objection,
        )
        services.consent_round_close(actor=SYSTEM, process=process)
        services.proposal_amend(
            actor=SYSTEM,
            process=process,
            title=demo.title,
            text=demo.amended,
            note=_("Integrates the objection raised in the consent round."),
        )
        process = services.process_transition(
            actor=SYSTEM, process=process, transition="open_consent"
        )
    _answer_all(process, people, facilitator)
    services.consent_round_close(actor=SYSTEM, process=process)


@transaction.atomic
def _in_progress(group: Circle | Workstream, facilitator: User) -> None:
    """The process under way: asynchronous, its consent round open, two answers in."""
    process = _open_consent(_start(IN_PROGRESS, group, facilitator, ProcessMode.ASYNC), live=False)
    people = _speakers(group, 2)
    for person, position, reason in zip(
        people,
        (Position.CONSENT, Position.OBJECTION),
        ("", "Deux ans, c'est long pour une personne qui découvre le collectif : un an ?"),
        strict=False,
    ):
        services.answer_give(
            actor=facilitator,
            process=process,
            person=person,
            position=position,
            reason=reason,
        )


def _start_poll(
    spec: tuple[str, str, str], group: Circle | Workstream, facilitator: User, **data: Any
) -> Poll:
    _slug, title, question = spec
    return services.poll_start(
        actor=facilitator,
        data=services.PollData(
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            title=title,
            question=question,
            facilitator=facilitator,
            closes_at=timezone.now() + dt.timedelta(days=DEADLINE_DAYS),
            **data,
        ),
    )


@transaction.atomic
def _polls(group: Circle | Workstream, facilitator: User) -> None:
    """A proposal poll whose votes were taken by the facilitator (offline), closed and in the
    register; a time poll open, two voices in, the demo member's awaited."""
    if not Process.objects.filter(title=CLOSED_POLL[1]).exists():
        poll = _start_poll(
            CLOSED_POLL,
            group,
            facilitator,
            variant=PollVariant.PROPOSAL,
            quorum=3,
            visibility=Visibility.PUBLIC,
        )
        services.poll_transition(actor=facilitator, poll=poll, transition="open")
        positions = (
            PollPosition.AGREE,
            PollPosition.AGREE,
            PollPosition.ABSTAIN,
            PollPosition.AGREE,
        )
        for person, position in zip(_speakers(group, 4), positions, strict=False):
            services.vote_cast(actor=facilitator, poll=poll, position=position, person=person)
        services.poll_transition(actor=facilitator, poll=poll, transition="close")
    if not Process.objects.filter(title=TIME_POLL[1]).exists():
        day = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        poll = _start_poll(
            TIME_POLL,
            group,
            facilitator,
            variant=PollVariant.TIME,
            times=[day + dt.timedelta(weeks=weeks) for weeks in (6, 7, 8)],
        )
        services.poll_transition(actor=facilitator, poll=poll, transition="open")
        options = list(poll.options.order_by("position"))
        answers = (
            (Availability.YES, Availability.MAYBE, Availability.NO),
            (Availability.YES, Availability.YES, Availability.NO),
        )
        for person, availability in zip(_speakers(group, 2), answers, strict=False):
            services.vote_cast(
                actor=facilitator,
                poll=poll,
                person=person,
                values={o.pk: a for o, a in zip(options, availability, strict=True)},
            )


def load(*, stdout: Any) -> None:
    facilitator = _account(STAFF_EMAIL)
    if facilitator is None:
        # The facilitator records the answers given in the room: without the staff's demo
        # account (the network's demo), nothing is written.
        stdout.write(_("No demo staff account: the decisions demo is skipped."))
        return
    skipped: list[str] = []
    for demo in DECISIONS:
        group = _group(demo.group)
        if group is None:
            skipped.append(demo.group)
        elif not Process.objects.filter(title=demo.title).exists():
            _decide(demo, group, facilitator)
    group = _group(IN_PROGRESS.group)
    if group is not None and not Process.objects.filter(title=IN_PROGRESS.title).exists():
        _in_progress(group, facilitator)
    group = _group(CLOSED_POLL[0])
    if group is not None:
        _polls(group, facilitator)
    stdout.write(
        _("%(decisions)d decisions in the register, %(running)d process(es) under way.")
        % {
            "decisions": Decision.objects.count(),
            "running": Process.objects.filter(state="consent_round").count(),
        }
    )
    if skipped:
        stdout.write(
            _("Circles or workstreams not found (skipped): %(slugs)s.")
            % {"slugs": ", ".join(skipped)}
        )
