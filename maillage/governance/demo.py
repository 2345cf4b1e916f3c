"""Demo data of the collaboration model: a general circle, thematic circles and workstreams with
fictional names, policies with review dates and elected roles with terms, held by the people of
the network's demo. Called by `manage.py load_demo` after the network demo; safe to run again
(nothing already there is created twice). People or territories that are missing are skipped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.governance import services
from maillage.governance.models import (
    Circle,
    CircleMode,
    Membership,
    MembershipSource,
    Policy,
    Role,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.services import CircleData, DeliverableData, PolicyData
from maillage.network.models import Person, Seat
from maillage.territories.models import Territory, TerritoryType

GUEST_EMAIL = "invite@demo.maillage.local"
MEMBER_EMAIL = "membre@demo.maillage.local"

Name = tuple[str, str]


@dataclass(frozen=True)
class DemoPolicy:
    title: str
    text: str
    review_in_days: int | None


@dataclass(frozen=True)
class DemoCircle:
    slug: str
    name: str
    purpose: str
    parent: str  # slug; "" for the general circle
    domains: tuple[str, ...]
    accountabilities: tuple[str, ...]
    strategies: tuple[str, ...]
    levels: tuple[str, ...]
    territories: tuple[str, ...]  # official codes of MRCs or of the region
    holders: dict[str, Name]  # role kind → person (first, last); "member" = the member account
    members: tuple[Name, ...]
    policies: tuple[DemoPolicy, ...] = ()
    mode: str = CircleMode.CONSENT


@dataclass(frozen=True)
class DemoWorkstream:
    slug: str
    name: str
    mandate: str
    sponsors: tuple[str, ...]
    strategies: tuple[str, ...]
    levels: tuple[str, ...]
    territories: tuple[str, ...]
    started_days_ago: int
    sunset_in_days: int
    lead: Name
    members: tuple[Name, ...]
    externals: tuple[Name, ...] = ()
    deliverables: tuple[str, ...] = ()
    launched: bool = True
    guest_account: bool = False


MEMBER: Name = ("Camille", "Démo")
# How long ago each kind of role was taken: a facilitator's 12-month term ends within the
# reminder window, a delegate's 24-month term in about a month.
STARTED_DAYS_AGO: dict[str, int] = {
    RoleKind.FACILITATOR: 355,
    RoleKind.SECRETARY: 300,
    RoleKind.DELEGATE: 700,
}

CIRCLES = [
    DemoCircle(
        slug="cercle-general",
        name="Cercle général",
        purpose=(
            "Porter la vision commune du collectif, veiller à la cohérence de ses cercles et de "
            "ses chantiers, et arrimer les paliers local, régional et national."
        ),
        parent="",
        domains=("Plan de travail régional", "Modèle de collaboration"),
        accountabilities=(
            "Adopter le plan de travail régional et en suivre la réalisation",
            "Créer, modifier ou dissoudre les cercles et les chantiers",
            "Accueillir les nouveaux partenaires",
        ),
        strategies=(
            "concertation-intersectorielle",
            "action-communautaire",
            "developpement-des-communautes",
            "action-sociale-influence-citoyenne",
        ),
        levels=("regional",),
        territories=("03",),
        holders={
            "lead": ("Rosalie", "Fougères"),
            "facilitator": ("Céleste", "Bourrasque"),
            "secretary": ("Agathe", "Montcalme"),
        },
        members=(
            ("Noémie", "Vertefeuille"),
            ("Capucine", "Lafrenière-Sud"),
            ("Théo", "Picard-Imaginaire"),
            ("Maëlle", "Brisebois"),
            ("Awinita", "Deslacs"),
            ("Apolline", "Sablon"),
            MEMBER,
        ),
        policies=(
            DemoPolicy(
                "Accueil des nouveaux partenaires",
                "Toute organisation qui partage la mission du collectif peut demander à se "
                "joindre à un cercle. Le cercle concerné l'accueille à sa rencontre suivante et "
                "lui désigne une personne-ressource pour ses trois premiers mois.",
                75,
            ),
            DemoPolicy(
                "Déclaration des conflits d'intérêts",
                "Une personne qui siège pour une organisation déclare, avant chaque décision, "
                "tout intérêt de son organisation dans la question traitée, et se retire de la "
                "décision lorsque le cercle le juge nécessaire.",
                10,
            ),
        ),
    ),
    DemoCircle(
        slug="securite-alimentaire",
        name="Sécurité alimentaire",
        purpose=(
            "Que chaque personne de la région ait accès en tout temps à une alimentation "
            "suffisante, saine et digne, grâce à des initiatives ancrées dans les milieux."
        ),
        parent="cercle-general",
        domains=("Initiatives alimentaires soutenues par le collectif",),
        accountabilities=(
            "Tenir à jour le portrait des initiatives alimentaires par MRC",
            "Recommander au cercle général les initiatives à soutenir",
        ),
        strategies=("action-communautaire", "developpement-des-communautes"),
        levels=("local", "supralocal"),
        territories=("2415", "2423"),
        holders={
            "lead": ("Mireille", "Boisjoli"),
            "delegate": ("Solène", "Clairmont"),
            "facilitator": ("Ulysse", "Grandbois"),
            "secretary": MEMBER,
        },
        members=(("Iris", "Pignon"), ("Oscar", "Bellehumeur"), ("Romane", "Dubosquet")),
        policies=(
            DemoPolicy(
                "Critères de soutien aux initiatives alimentaires",
                "Le cercle soutient en priorité les initiatives qui rejoignent des personnes "
                "en situation de pauvreté, misent sur leur participation et s'appuient sur des "
                "partenaires de plus d'un secteur.",
                180,
            ),
        ),
    ),
    DemoCircle(
        slug="habitation",
        name="Habitation",
        purpose=(
            "Favoriser l'accès à un logement abordable, salubre et adapté, en milieu urbain "
            "comme en milieu rural."
        ),
        parent="cercle-general",
        domains=("Veille sur le logement social et communautaire",),
        accountabilities=(
            "Documenter les besoins en logement par territoire",
            "Porter les enjeux de logement auprès des instances municipales et régionales",
        ),
        strategies=("concertation-intersectorielle", "action-sociale-influence-citoyenne"),
        levels=("supralocal", "regional"),
        territories=("2421", "2434"),
        holders={
            "lead": ("Gaspard", "Mousseau"),
            "delegate": ("Jules", "Marchebois"),
            "secretary": ("Nicodème", "Sauvageau"),
        },
        members=(("Philomène", "Desrives"), ("Armand", "Champlong")),
        policies=(
            DemoPolicy(
                "Principes de représentation",
                "Le cercle veille à compter au moins un partenaire municipal, un partenaire "
                "communautaire et une voix citoyenne parmi ses membres.",
                45,
            ),
        ),
    ),
    DemoCircle(
        slug="influence-citoyenne",
        name="Influence citoyenne",
        purpose=(
            "Faire place à la parole des personnes qui vivent la pauvreté et l'exclusion dans "
            "les travaux du collectif, et rendre compte de ce qui en est fait."
        ),
        parent="cercle-general",
        domains=("Consultations citoyennes du collectif",),
        accountabilities=("Organiser une consultation citoyenne par année",),
        strategies=("action-sociale-influence-citoyenne",),
        levels=("local", "regional"),
        territories=("03",),
        holders={"lead": ("Margot", "Dufjord"), "delegate": ("Lucien", "Bonsecours")},
        members=(("Félix", "Ruisseau"),),
        mode=CircleMode.OPEN,
    ),
]

WORKSTREAMS = [
    DemoWorkstream(
        slug="participation-sociale-charlevoix",
        name="Participation sociale dans Charlevoix",
        mandate=(
            "Dresser le portrait des lieux de participation sociale dans les deux MRC de "
            "Charlevoix et proposer, avec les personnes concernées, trois actions pour briser "
            "l'isolement."
        ),
        sponsors=("cercle-general", "securite-alimentaire"),
        strategies=("developpement-des-communautes", "action-sociale-influence-citoyenne"),
        levels=("local", "supralocal"),
        territories=("2415", "2416"),
        started_days_ago=120,
        sunset_in_days=250,
        lead=("Bastien", "Hautecôte"),
        members=(("Anatole", "Beaulac"), ("Hector", "Bellerive"), ("Églantine", "Rochebrune")),
        externals=(("Zoé", "Lamarée"),),
        deliverables=(
            "Portrait des lieux de participation",
            "Trois actions proposées",
            "Bilan partagé avec le cercle général",
        ),
        guest_account=True,
    ),
    DemoWorkstream(
        slug="transport-collectif-rural",
        name="Transport collectif rural",
        mandate=(
            "Cartographier l'offre de transport collectif et solidaire dans Portneuf et La "
            "Jacques-Cartier, et proposer des pistes pour les personnes sans voiture."
        ),
        sponsors=("habitation", "cercle-general"),
        strategies=("concertation-intersectorielle",),
        levels=("supralocal",),
        territories=("2434", "2422"),
        started_days_ago=300,
        sunset_in_days=12,
        lead=("Basile", "Roulotte"),
        members=(("Capucine", "Lafrenière-Sud"), ("Maëlle", "Brisebois")),
        externals=(("Tristan", "Lévesque-Fictif"),),
        deliverables=("Carte de l'offre de transport", "Recommandations"),
    ),
    DemoWorkstream(
        slug="portrait-besoins-logement",
        name="Portrait des besoins en logement",
        mandate="Réunir les données sur les besoins en logement abordable de chaque MRC.",
        sponsors=("habitation",),
        strategies=("concertation-intersectorielle",),
        levels=("supralocal",),
        territories=("03",),
        started_days_ago=0,
        sunset_in_days=365,
        lead=("Jules", "Marchebois"),
        members=(),
        launched=False,
    ),
]


class _Context:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.strategies = {s.key: s for s in Strategy.objects.all()}
        self.territories: dict[str, Territory] = {}
        for territory in Territory.objects.exclude(type=TerritoryType.PROVINCE).exclude(
            type__in=[TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE]
        ):
            self.territories.setdefault(territory.code, territory)
        self.missing: set[str] = set()
        self.created = 0

    def person(self, name: Name) -> Person | None:
        if name == MEMBER:
            person = Person.objects.filter(user__email=MEMBER_EMAIL).first()
        else:
            person = Person.objects.filter(first_name=name[0], last_name=name[1]).first()
        if person is None:
            self.missing.add(" ".join(name))
        return person

    def seat(self, person: Person) -> Seat | None:
        return (
            Seat.objects.filter(holder=person, end_date__isnull=True)
            .order_by("start_date", "pk")
            .first()
        )

    def tags(self, demo: DemoCircle | DemoWorkstream) -> dict[str, Any]:
        return {
            "strategies": [self.strategies[k] for k in demo.strategies if k in self.strategies],
            "territories": [self.territories[c] for c in demo.territories if c in self.territories],
            "levels": list(demo.levels),
        }


@transaction.atomic
def load(*, stdout: Any) -> None:
    context = _Context()
    circles: dict[str, Circle] = {}
    for demo in CIRCLES:
        circles[demo.slug] = _circle(context, demo, circles)
    for demo_workstream in WORKSTREAMS:
        _workstream(context, demo_workstream, circles)
    stdout.write(
        _("%(circles)d circles, %(workstreams)d workstreams, %(policies)d policies.")
        % {
            "circles": Circle.objects.filter(archived_at__isnull=True).count(),
            "workstreams": Workstream.objects.filter(archived_at__isnull=True).count(),
            "policies": Policy.objects.count(),
        }
    )
    if context.missing:
        stdout.write(
            _("People not found in the network (skipped): %(names)s.")
            % {"names": ", ".join(sorted(context.missing))}
        )


def _circle(context: _Context, demo: DemoCircle, circles: dict[str, Circle]) -> Circle:
    if demo.parent:
        circle = Circle.objects.filter(slug=demo.slug).first()
    else:
        circle = Circle.objects.filter(parent__isnull=True).first()
    if circle is None:
        circle = services.circle_create(actor=SYSTEM, data=_circle_data(context, demo, circles))
    for kind, name in demo.holders.items():
        _hold(context, Role.objects.filter(circle=circle, kind=kind).first(), name, demo)
    for name in demo.members:
        _join(context, name, circle=circle)
    for policy in demo.policies:
        if not Policy.objects.filter(circle=circle, title=policy.title).exists():
            review = (
                context.today + dt.timedelta(days=policy.review_in_days)
                if policy.review_in_days is not None
                else None
            )
            services.policy_adopt(
                actor=SYSTEM,
                circle=circle,
                data=PolicyData(
                    title=policy.title,
                    text=policy.text,
                    review_date=review,
                    adopted_on=min(context.today - dt.timedelta(days=200), review or context.today),
                ),
            )
    return circle


def _circle_data(context: _Context, demo: DemoCircle, circles: dict[str, Circle]) -> CircleData:
    return CircleData(
        name=demo.name,
        slug=demo.slug,
        purpose=demo.purpose,
        parent=circles.get(demo.parent),
        domains=list(demo.domains),
        accountabilities=list(demo.accountabilities),
        mode=demo.mode,
        **context.tags(demo),
    )


def _hold(
    context: _Context, role: Role | None, name: Name, demo: DemoCircle | DemoWorkstream
) -> None:
    if role is None or role.archived_at is not None:
        return
    if role.assignments.filter(ended_at__isnull=True).exists():
        return
    person = context.person(name)
    if person is None:
        return
    # Elected terms end at different times, so the governance calendar has something to show.
    start = context.today - dt.timedelta(days=STARTED_DAYS_AGO.get(role.kind, 400))
    seat = context.seat(person)
    services.role_assign(actor=SYSTEM, role=role, person=person, seat=seat, start_date=start)


def _join(
    context: _Context,
    who: Name | Person,
    *,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    kind: str = "member",
) -> None:
    person = who if isinstance(who, Person) else context.person(who)
    if person is None:
        return
    group: dict[str, Any] = {"circle": circle} if circle else {"workstream": workstream}
    if Membership.objects.filter(
        person=person, source=MembershipSource.DIRECT, ended_at__isnull=True, **group
    ).exists():
        return
    seat = context.seat(person) if kind == "member" else None
    services.membership_join(
        actor=SYSTEM,
        person=person,
        kind=kind,
        seat=seat,
        start_date=context.today - dt.timedelta(days=90),
        **group,
    )


def _workstream(context: _Context, demo: DemoWorkstream, circles: dict[str, Circle]) -> None:
    workstream = Workstream.objects.filter(slug=demo.slug).first()
    sponsors = [circles[s] for s in demo.sponsors if s in circles]
    if workstream is None:
        if not sponsors:
            return
        workstream = services.workstream_create(
            actor=SYSTEM,
            data=services.WorkstreamData(
                name=demo.name,
                slug=demo.slug,
                sponsors=sponsors,
                mandate=demo.mandate,
                start_date=context.today - dt.timedelta(days=demo.started_days_ago),
                sunset_date=context.today + dt.timedelta(days=demo.sunset_in_days),
                deliverables=[DeliverableData(title=t) for t in demo.deliverables],
                **context.tags(demo),
            ),
        )
        if demo.launched:
            services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
            first = workstream.deliverables.order_by("position").first()
            if first is not None:
                services.deliverable_set_done(actor=SYSTEM, deliverable=first, done=True)
    _hold(
        context,
        Role.objects.filter(workstream=workstream, kind=RoleKind.LEAD).first(),
        demo.lead,
        demo,
    )
    if not workstream.is_running:
        return
    for name in demo.members:
        _join(context, name, workstream=workstream)
    for name in demo.externals:
        _join(context, name, workstream=workstream, kind="external")
    if demo.guest_account:
        _guest(context, workstream)


def _guest(context: _Context, workstream: Workstream) -> None:
    """The guest demo account takes part in one workstream, and sees only that one."""
    from maillage.network import services as network_services
    from maillage.network.services import PersonData

    person = Person.objects.filter(user__email=GUEST_EMAIL).first()
    if person is None:
        from maillage.core.models import User

        user = User.objects.filter(email=GUEST_EMAIL).first()
        if user is None:
            return
        person = Person.objects.filter(email=GUEST_EMAIL).first() or network_services.person_create(
            actor=SYSTEM,
            data=PersonData(
                first_name=user.first_name or "Invité", last_name=user.last_name, email=GUEST_EMAIL
            ),
        )
        if person.user_id is None:
            network_services.person_link_account(actor=SYSTEM, user=user, email=GUEST_EMAIL)
    _join(context, person, workstream=workstream, kind="guest")
