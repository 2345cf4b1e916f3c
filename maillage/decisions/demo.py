"""The decisions demo: a register of about twenty decisions taken over the past two years by the
circles and workstreams of the governance demo (public and internal, a few due for review within
weeks), a consent process under way in the general circle (its consent round open, a few answers
in, the demo member's still awaited), a closed election (the role held by the person elected
until the end of the term) and a closed advice process. Written through the services, once: a
process whose title is already there is not started again."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.models import (
    Decision,
    Position,
    Process,
    ProcessKind,
    ProcessMode,
    Visibility,
)
from maillage.governance.demo.content import MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.models import Circle, Role, Workstream
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
    days_ago: int = 0  # when the decision was taken (its review date counts from then)


DECISIONS = (
    DemoDecision(
        "cercle-general",
        "Calendrier des rencontres 2027 du cercle général",
        "Le cercle général se réunit six fois en 2027, en alternance à Québec et dans "
        "Charlevoix, et une fois en ligne pendant l'été.",
        "Rapprocher les rencontres des partenaires hors de la ville de Québec.",
        days_ago=40,
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
        days_ago=250,
    ),
    DemoDecision(
        "securite-alimentaire",
        "Priorités du cercle pour l'hiver",
        "Le cercle concentre ses efforts de l'hiver sur les dépannages alimentaires en milieu "
        "rural et sur la récupération des invendus.",
        visibility=Visibility.INTERNAL,
        review_months=6,
        days_ago=170,
    ),
    DemoDecision(
        "habitation",
        "Appui aux projets de logement communautaire",
        "Le cercle appuie par une lettre commune tout projet de logement communautaire de la "
        "région qui en fait la demande et respecte la politique d'accueil.",
        "Une lettre commune pèse davantage que des appuis dispersés.",
        days_ago=520,
        review_months=24,
    ),
    DemoDecision(
        "influence-citoyenne",
        "Compte rendu public des consultations",
        "Chaque consultation citoyenne fait l'objet d'un compte rendu public dans les deux mois, "
        "qui dit ce que le collectif a fait des propositions reçues.",
        days_ago=610,
        review_months=24,
    ),
    DemoDecision(
        "transport-collectif-rural",
        "Portée du sondage sur les déplacements",
        "Le chantier limite son sondage aux MRC de Charlevoix et de Portneuf, faute de moyens "
        "pour couvrir toute la région cette année.",
        visibility=Visibility.INTERNAL,
        review_months=None,
        days_ago=95,
    ),
    *(
        # The register's two years: the collective's everyday decisions, by its circles and
        # workstreams; a few come up for review within weeks.
        DemoDecision(
            "cercle-general",
            "Plan de travail régional 2025-2027",
            "Le cercle général adopte le plan de travail régional 2025-2027 et ses trois "
            "priorités : l'accès au logement, la sécurité alimentaire et la mobilité en milieu "
            "rural. Chaque priorité est confiée à un cercle ou à un chantier qui en rend compte "
            "deux fois l'an.",
            "Le plan précédent venait à échéance; les partenaires ont retenu les priorités "
            "issues de la journée régionale de réflexion.",
            review_months=24,
            days_ago=715,
        ),
        DemoDecision(
            "cercle-general",
            "Répartition de l'enveloppe régionale du FQIS",
            "L'enveloppe régionale du Fonds québécois d'initiatives sociales est répartie entre "
            "les MRC selon le nombre de personnes à faible revenu, avec un plancher pour chaque "
            "MRC, de Portneuf à Charlevoix.",
            "Le plancher évite qu'une MRC peu peuplée reçoive une somme trop faible pour "
            "soutenir un projet.",
            days_ago=690,
            review_months=24,
        ),
        DemoDecision(
            "cercle-general",
            "Grille d'analyse des projets soumis au collectif",
            "Les projets soumis au collectif sont analysés avec une grille commune : besoins "
            "documentés, participation des personnes concernées, partenaires de plus d'un "
            "secteur et pérennité au-delà du financement.",
            "Rendre les recommandations de financement comparables et transparentes.",
            days_ago=600,
            review_months=24,
        ),
        DemoDecision(
            "cercle-general",
            "Frais de déplacement des personnes citoyennes",
            "Le collectif rembourse les frais de déplacement, de repas et de garde d'enfants des "
            "personnes citoyennes qui prennent part à ses rencontres, sur simple déclaration.",
            "Sans ce remboursement, les personnes en situation de pauvreté ne peuvent pas "
            "participer.",
            objection="La simple déclaration ne suffit pas aux règles du bailleur de fonds.",
            amended="Le collectif rembourse les frais de déplacement, de repas et de garde "
            "d'enfants des personnes citoyennes qui prennent part à ses rencontres, sur "
            "déclaration signée, sans pièce justificative sous 50 $.",
            days_ago=455,
            review_months=18,
        ),
        DemoDecision(
            "cercle-general",
            "Rencontres hybrides par défaut",
            "Toutes les rencontres des cercles se tiennent en mode hybride, avec un lien de "
            "visioconférence envoyé avec l'invitation, sauf décision contraire du cercle.",
            "Les distances entre Portneuf et Charlevoix excluent les partenaires qui ne peuvent "
            "se déplacer.",
            visibility=Visibility.INTERNAL,
            days_ago=350,
            review_months=12,
        ),
        DemoDecision(
            "cercle-general",
            "Politique de langage inclusif dans les communications",
            "Les communications publiques du collectif emploient la rédaction épicène et un "
            "langage clair, vérifié par une personne citoyenne avant diffusion.",
            days_ago=130,
        ),
        DemoDecision(
            "securite-alimentaire",
            "Soutien aux cuisines collectives de Portneuf",
            "Le cercle recommande au cercle général de soutenir pendant deux ans le "
            "regroupement des cuisines collectives de Portneuf, qui rejoint des familles de "
            "six municipalités.",
            "Le portrait a montré l'absence de cuisine collective dans l'ouest de la MRC.",
            days_ago=560,
            review_months=24,
        ),
        DemoDecision(
            "securite-alimentaire",
            "Entente de récupération des invendus avec les épiceries",
            "Le cercle propose aux épiceries de Charlevoix une entente type de récupération des "
            "invendus, coordonnée par les comptoirs alimentaires de chaque MRC.",
            visibility=Visibility.INTERNAL,
            days_ago=300,
            review_months=11,
        ),
        DemoDecision(
            "habitation",
            "Mémoire sur le logement abordable à la consultation municipale",
            "Le cercle dépose un mémoire commun à la consultation de la Ville de Québec sur le "
            "logement abordable, demandant qu'une part des nouvelles unités soit réservée aux "
            "ménages à faible revenu.",
            days_ago=420,
            review_months=None,
        ),
        DemoDecision(
            "habitation",
            "Répertoire des ressources d'hébergement d'urgence",
            "Le cercle tient à jour, chaque trimestre, un répertoire des ressources "
            "d'hébergement d'urgence de la région, partagé avec les intervenantes et "
            "intervenants des organismes membres.",
            visibility=Visibility.INTERNAL,
            days_ago=200,
            review_months=7,
        ),
        DemoDecision(
            "influence-citoyenne",
            "Consultation citoyenne annuelle sur le coût de la vie",
            "La consultation citoyenne de l'année porte sur le coût de la vie; elle se tient "
            "dans quatre lieux, dont deux dans Charlevoix, et en ligne.",
            "Le coût du logement et de l'épicerie revient dans tous les témoignages reçus.",
            days_ago=280,
        ),
        DemoDecision(
            "influence-citoyenne",
            "Charte de participation des personnes citoyennes",
            "La charte précise comment les personnes citoyennes sont accueillies, "
            "accompagnées et reconnues dans les cercles, et comment elles peuvent se retirer en "
            "tout temps.",
            days_ago=480,
            review_months=18,
        ),
        DemoDecision(
            "participation-sociale-charlevoix",
            "Méthode du portrait de la participation sociale",
            "Le chantier recense les lieux de participation sociale par entretiens avec les "
            "organismes et par trois groupes de discussion, un par secteur de Charlevoix.",
            visibility=Visibility.INTERNAL,
            days_ago=230,
            review_months=None,
        ),
        DemoDecision(
            "portrait-besoins-logement",
            "Sources de données du portrait des besoins en logement",
            "Le portrait s'appuie sur les données du recensement, les listes d'attente des "
            "offices d'habitation et une enquête auprès des organismes membres.",
            days_ago=60,
            review_months=None,
        ),
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


ELECTION_DAYS_AGO = 75
ADVICE_DAYS_AGO = 115


@contextmanager
def _days_ago(days: int) -> Iterator[None]:
    """Take a decision of the demo's past: the platform's clock reads `days` ago (a second
    later at each reading) while the services run, so that the register, its rounds and its
    history carry that date."""
    if not days:
        yield
        return
    start = timezone.now() - dt.timedelta(days=days)
    ticks = itertools.count()
    with mock.patch.object(
        timezone, "now", side_effect=lambda: start + dt.timedelta(seconds=next(ticks))
    ):
        yield


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


# The closed election and advice process: in which circle, and the advice process's texts.
ELECTION_GROUP = "habitation"
ADVICE_GROUP = "securite-alimentaire"
ADVICE = DemoDecision(
    group=ADVICE_GROUP,
    title="Choisir le local de la journée d’échange sur l’autonomie alimentaire",
    proposal="La journée d’échange se tiendra au centre communautaire de Limoilou, le 14 mai.",
    rationale="Le local habituel n’est pas accessible en fauteuil roulant.",
    visibility=Visibility.PUBLIC,
)
ADVICE_GIVEN = (
    "Limoilou est bien desservi par le transport en commun; prévoyez aussi le covoiturage "
    "pour les gens de Portneuf.",
    "La cuisine du centre permet de servir le dîner sur place, une bonne occasion de "
    "présenter les produits des jardins collectifs.",
)
ADVICE_WEIGHING = (
    "Les deux avis confirment le choix de Limoilou; un covoiturage depuis Portneuf sera "
    "organisé et le dîner mettra en valeur les jardins collectifs."
)


@transaction.atomic
def _election(circle: Circle, facilitator: User) -> None:
    """An election held in a meeting: everyone's nominations recorded by the facilitator, one
    change of mind, the proposal consented, the role held until the end of its term."""
    role = (
        Role.objects.filter(circle=circle, archived_at__isnull=True, elected=True)
        .order_by("kind", "pk")
        .first()
    )
    people = _speakers(circle, 4)
    if role is None or len(people) < 3:
        return
    process = services.election_start(
        actor=SYSTEM,
        data=services.ElectionData(
            role=role, facilitator=facilitator, visibility=Visibility.PUBLIC
        ),
    )
    services.election_transition(actor=SYSTEM, process=process, transition="open_nominations")
    elected, other = people[0], people[1]
    for nominator in people:
        services.nomination_give(
            actor=facilitator,
            process=process,
            person=nominator,
            nominee=other if nominator == elected else elected,
            reason="Connaît bien les organismes en habitation et anime avec rigueur."
            if nominator != elected
            else "A du temps cette année pour ce rôle.",
        )
    for step in ("read_nominations", "open_changes"):
        services.election_transition(actor=SYSTEM, process=process, transition=step)
    services.nomination_give(
        actor=facilitator,
        process=process,
        person=people[2],
        nominee=other,
        reason="Après la ronde, je pense qu’il est plus disponible.",
    )
    services.election_transition(actor=SYSTEM, process=process, transition="close_changes")
    services.election_propose(
        actor=facilitator,
        process=process,
        person=elected,
        reason="Nommée le plus souvent, pour sa connaissance des organismes.",
    )
    _answer_all(process, people, facilitator)
    services.election_consent_close(actor=facilitator, process=process)


@transaction.atomic
def _advice(group: Circle | Workstream, decider: User) -> None:
    """An advice process: two people asked, their advice recorded, the decision weighed."""
    people = _speakers(group, 2)
    if len(people) < 2:
        return
    process = services.advice_start(
        actor=decider,
        data=services.AdviceData(
            title=ADVICE.title,
            proposal=ADVICE.proposal,
            rationale=ADVICE.rationale,
            circle=group if isinstance(group, Circle) else None,
            workstream=group if isinstance(group, Workstream) else None,
            deadline=timezone.now() + dt.timedelta(days=DEADLINE_DAYS),
            people=people,
            visibility=ADVICE.visibility,
        ),
    )
    services.advice_transition(actor=decider, process=process, transition="ask")
    for person, text in zip(people, ADVICE_GIVEN, strict=True):
        services.advice_give(actor=decider, process=process, person=person, text=text)
    services.advice_decide(
        actor=decider, process=process, decision=ADVICE.proposal, weighing=ADVICE_WEIGHING
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
            with _days_ago(demo.days_ago):
                _decide(demo, group, facilitator)
    group = _group(IN_PROGRESS.group)
    if group is not None and not Process.objects.filter(title=IN_PROGRESS.title).exists():
        _in_progress(group, facilitator)
    circle = Circle.objects.filter(slug=ELECTION_GROUP).first()
    if circle and not Process.objects.filter(kind=ProcessKind.ELECTION, circle=circle).exists():
        # Elected, and advised, on days of their own in the past months.
        with _days_ago(ELECTION_DAYS_AGO):
            _election(circle, facilitator)
    group = _group(ADVICE_GROUP)
    if group is not None and not Process.objects.filter(title=ADVICE.title).exists():
        with _days_ago(ADVICE_DAYS_AGO):
            _advice(group, facilitator)
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
