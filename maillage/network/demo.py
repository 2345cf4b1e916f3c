"""Demo data of the network: fictional organizations, people and seats across the region's MRCs,
and one account per role. Called by `manage.py load_demo` after the territories demo; safe to run
again (a second run neither fails nor duplicates)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core import services as core_services
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.network import services
from maillage.network.models import Function, Organization, Person, Seat, Sector
from maillage.network.services import OrganizationData, PersonData, SeatData
from maillage.territories.models import Territory

# Shared by every demo account, printed on the console: a demo instance is never a real one.
DEMO_PASSWORD = "maillage-demo-2026"  # noqa: S105
ACCOUNT_DOMAIN = "demo.maillage.local"


@dataclass(frozen=True)
class DemoOrganization:
    name: str
    acronym: str
    sectors: tuple[str, ...]
    level: str
    territories: tuple[str, ...]  # official codes: MRC (CDUID) or municipality (CSDUID)
    description: str
    status: str = "partner"


# Every name is invented; "(fictif)" says so on every page and export.
ORGANIZATIONS = [
    DemoOrganization(
        "Cuisine collective des Bâtisseurs (fictif)",
        "CCB",
        ("communautaire",),
        "local",
        ("2415013",),
        "Cuisines collectives et dépannage alimentaire pour les familles de La Malbaie.",
    ),
    DemoOrganization(
        "Carrefour des Aînés de la Côte (fictif)",
        "CAC",
        ("communautaire",),
        "supralocal",
        ("2421",),
        "Briser l'isolement des personnes aînées de la Côte-de-Beaupré.",
    ),
    DemoOrganization(
        "Maison des Jeunes Vent du Large (fictif)",
        "",
        ("communautaire",),
        "local",
        ("2416013",),
        "Un lieu de rencontre pour les 12-17 ans de Baie-Saint-Paul.",
    ),
    DemoOrganization(
        "Groupe d'entraide Plein Soleil (fictif)",
        "GEPS",
        ("communautaire", "citoyen"),
        "local",
        ("2423027",),
        "Entraide et défense des droits des personnes à faible revenu de Québec.",
    ),
    DemoOrganization(
        "Corporation de développement communautaire des Trois Rivières imaginaires (fictif)",
        "CDC-TRI",
        ("communautaire",),
        "supralocal",
        ("2434",),
        "Regroupement fictif des organismes communautaires de Portneuf.",
    ),
    DemoOrganization(
        "Table de concertation Charlevoix Solidaire (fictif)",
        "TCCS",
        ("communautaire", "municipal", "sante-services-sociaux"),
        "supralocal",
        ("2415", "2416"),
        "Concertation intersectorielle en développement social des deux MRC de Charlevoix.",
    ),
    DemoOrganization(
        "Logis Pont-Levis (fictif)",
        "",
        ("communautaire",),
        "local",
        ("2434017", "2434025"),
        "Logement communautaire et accompagnement à Pont-Rouge et Donnacona.",
    ),
    DemoOrganization(
        "Ressource Famille Île-Bleue (fictif)",
        "RFIB",
        ("communautaire",),
        "supralocal",
        ("2420",),
        "Soutien aux familles de l'île, du prénatal à l'adolescence.",
    ),
    DemoOrganization(
        "Municipalité régionale de comté imaginaire du Mont-Vert (fictif)",
        "MRC-MV",
        ("municipal",),
        "supralocal",
        ("2422",),
        "Une MRC fictive, partenaire municipal de la démarche.",
    ),
    DemoOrganization(
        "Ville de Bourg-aux-Hérons (fictif)",
        "",
        ("municipal",),
        "local",
        ("2434128",),
        "Une municipalité fictive engagée dans une politique de développement social.",
    ),
    DemoOrganization(
        "Office municipal d'habitation des Cantons (fictif)",
        "OMHC",
        ("municipal", "reseaux-publics"),
        "supralocal",
        ("2421",),
        "Logement social, exemple inventé.",
    ),
    DemoOrganization(
        "Centre intégré de santé des Deux-Rives (fictif)",
        "CISDR",
        ("sante-services-sociaux", "reseaux-publics"),
        "regional",
        ("03",),
        "Réseau public de santé et de services sociaux, exemple fictif.",
    ),
    DemoOrganization(
        "Coopérative de soins Les Érables (fictif)",
        "",
        ("sante-services-sociaux", "economique"),
        "local",
        ("2416048",),
        "Soins de proximité en milieu rural, exemple fictif.",
    ),
    DemoOrganization(
        "Centre de services scolaire des Hautes-Marées (fictif)",
        "CSSHM",
        ("education", "reseaux-publics"),
        "supralocal",
        ("2415", "2416"),
        "Un centre de services scolaire inventé.",
    ),
    DemoOrganization(
        "Cégep des Sept Chutes (fictif)",
        "",
        ("education",),
        "regional",
        ("2423",),
        "Établissement d'enseignement collégial imaginaire.",
    ),
    DemoOrganization(
        "Centre d'éducation populaire La Boussole (fictif)",
        "CEP",
        ("education", "communautaire"),
        "local",
        ("2423057",),
        "Alphabétisation et éducation populaire pour adultes.",
    ),
    DemoOrganization(
        "Corporation de développement économique du Littoral (fictif)",
        "CDEL",
        ("economique",),
        "supralocal",
        ("2421",),
        "Développement économique local, exemple inventé.",
    ),
    DemoOrganization(
        "Entreprise d'insertion Atelier Tournesol (fictif)",
        "",
        ("economique", "communautaire"),
        "local",
        ("2423027",),
        "Insertion socioprofessionnelle des jeunes adultes.",
    ),
    DemoOrganization(
        "Chambre de commerce du Plateau boisé (fictif)",
        "CCPB",
        ("economique",),
        "supralocal",
        ("2434",),
        "Chambre de commerce imaginaire.",
    ),
    DemoOrganization(
        "Fondation Petits Ruisseaux (fictif)",
        "FPR",
        ("philanthropique",),
        "regional",
        ("03",),
        "Fondation fictive qui soutient des projets de lutte contre la pauvreté.",
    ),
    DemoOrganization(
        "Fonds communautaire Grand-Héron (fictif)",
        "",
        ("philanthropique",),
        "regional",
        ("03",),
        "Philanthropie collective inventée pour la démo.",
    ),
    DemoOrganization(
        "Bureau régional de l'emploi imaginaire (fictif)",
        "BREI",
        ("reseaux-publics",),
        "regional",
        ("03",),
        "Service public d'emploi, exemple fictif.",
        "external",
    ),
    DemoOrganization(
        "Comité citoyen du Vieux-Moulin (fictif)",
        "",
        ("citoyen",),
        "local",
        ("2420025",),
        "Des citoyennes et citoyens qui font entendre leur voix.",
    ),
    DemoOrganization(
        "Assemblée citoyenne des Trois-Clochers (fictif)",
        "",
        ("citoyen",),
        "local",
        ("2434048",),
        "Participation citoyenne à l'échelle du village.",
    ),
    DemoOrganization(
        "Conseil de la Nation imaginaire de la Rivière-aux-Sapins (fictif)",
        "",
        ("premieres-nations",),
        "local",
        ("2423802",),
        "Exemple fictif d'un partenaire des Premières Nations.",
    ),
    DemoOrganization(
        "Centre d'amitié autochtone des Portages (fictif)",
        "CAAP",
        ("premieres-nations", "communautaire"),
        "regional",
        ("2423",),
        "Services urbains pour les personnes autochtones, exemple inventé.",
    ),
    DemoOrganization(
        "Observatoire social des Marées (fictif)",
        "OSM",
        ("autre", "education"),
        "regional",
        ("03",),
        "Recherche et données sociales, exemple fictif.",
        "external",
    ),
    DemoOrganization(
        "Regroupement des transports solidaires (fictif)",
        "RTS",
        ("autre", "communautaire"),
        "supralocal",
        ("2422", "2434"),
        "Transport collectif et accompagnement, exemple inventé.",
    ),
    DemoOrganization(
        "Société d'habitation Les Pignons (fictif)",
        "",
        ("communautaire", "economique"),
        "local",
        ("2415035",),
        "Ancien partenaire, exemple fictif.",
        "former",
    ),
    DemoOrganization(
        "Maison de la famille Saint-Imaginaire (fictif)",
        "",
        ("communautaire",),
        "local",
        ("2422040", "2422045"),
        "Halte-garderie et ateliers parents-enfants.",
    ),
]

# (first name, last name, organization index, function, seat: "holder" or index of the holder)
PEOPLE: list[tuple[str, str, int, str, str | int]] = [
    ("Mireille", "Boisjoli", 0, "Directrice générale", "holder"),
    ("Ulysse", "Grandbois", 0, "Intervenant communautaire", 0),
    ("Noémie", "Vertefeuille", 1, "Coordonnatrice", "holder"),
    ("Anatole", "Beaulac", 2, "Animateur jeunesse", "holder"),
    ("Solène", "Clairmont", 3, "Directrice", "holder"),
    ("Félix", "Ruisseau", 3, "Organisateur communautaire", 4),
    ("Capucine", "Lafrenière-Sud", 4, "Directrice générale", "holder"),
    ("Bastien", "Hautecôte", 5, "Agent de développement", "holder"),
    ("Églantine", "Rochebrune", 5, "Chargée de projets", 7),
    ("Gaspard", "Mousseau", 6, "Coordonnateur", "holder"),
    ("Romane", "Dubosquet", 7, "Directrice", "holder"),
    ("Théo", "Picard-Imaginaire", 8, "Conseiller en développement social", "holder"),
    ("Apolline", "Sablon", 9, "Conseillère municipale", "holder"),
    ("Jules", "Marchebois", 10, "Directeur", "holder"),
    ("Rosalie", "Fougères", 11, "Organisatrice communautaire", "holder"),
    ("Victor", "Lebrun-Ciel", 11, "Chef de service", 14),
    ("Clémence", "Nordet", 12, "Infirmière coordonnatrice", ""),
    ("Hector", "Bellerive", 13, "Directeur adjoint", "holder"),
    ("Agathe", "Montcalme", 14, "Conseillère pédagogique", "holder"),
    ("Léandre", "Valmont", 15, "Formateur", ""),
    ("Maëlle", "Brisebois", 16, "Commissaire au développement", "holder"),
    ("Oscar", "Bellehumeur", 17, "Directeur général", "holder"),
    ("Philomène", "Desrives", 18, "Directrice", ""),
    ("Armand", "Champlong", 19, "Conseiller aux investissements", "holder"),
    ("Céleste", "Bourrasque", 20, "Directrice", "holder"),
    ("Tristan", "Lévesque-Fictif", 21, "Agent régional", ""),
    ("Margot", "Dufjord", 22, "Porte-parole", "holder"),
    ("Lucien", "Bonsecours", 23, "Citoyen engagé", "holder"),
    ("Awinita", "Deslacs", 24, "Agente de liaison", "holder"),
    ("Nicodème", "Sauvageau", 25, "Directeur", "holder"),
    ("Zoé", "Lamarée", 26, "Chercheuse", ""),
    ("Basile", "Roulotte", 27, "Coordonnateur", "holder"),
    ("Iris", "Pignon", 29, "Animatrice", "holder"),
]

# The member demo account is this person, who holds a seat.
MEMBER_PERSON = ("Camille", "Démo", 5, "Agente de mobilisation")

ACCOUNTS = [
    (Role.CITIZEN, "citoyen", "Citoyenne", "Démo"),
    (Role.GUEST, "invite", "Invité", "Démo"),
    (Role.MEMBER, "membre", "Camille", "Démo"),
    (Role.STAFF, "equipe", "Équipe", "Démo"),
    (Role.ADMIN, "admin", "Admin", "Démo"),
]

SEAT_START = datetime.date(2024, 9, 1)


def _email(first: str, last: str) -> str:
    return f"{slugify(first)}.{slugify(last)}@exemple.org"


@transaction.atomic
def load(*, stdout: Any) -> None:
    organizations = _organizations(stdout)
    people = _people(organizations)
    member = _accounts(stdout)
    _member_person(member, organizations, people)
    stdout.write(
        _("%(organizations)d organizations, %(people)d people, %(seats)d open seats.")
        % {
            "organizations": Organization.objects.count(),
            "people": Person.objects.count(),
            "seats": Seat.objects.filter(end_date__isnull=True).count(),
        }
    )
    stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
    for role, local, *_names in ACCOUNTS:
        stdout.write(f"  {role.label!s:<32} {local}@{ACCOUNT_DOMAIN}")


def _organizations(stdout: Any) -> list[Organization]:
    sectors = {s.key: s for s in Sector.objects.all()}
    territories: dict[str, Territory] = {}
    for territory in Territory.objects.exclude(type="province"):
        territories.setdefault(territory.code, territory)
    if not territories:
        stdout.write(_("No territories loaded: the demo organizations serve no territory."))
    existing = {
        o.name: o for o in Organization.objects.filter(name__in=[d.name for d in ORGANIZATIONS])
    }
    result: list[Organization] = []
    for index, demo in enumerate(ORGANIZATIONS):
        organization = existing.get(demo.name) or services.organization_create(
            actor=SYSTEM, data=_organization_data(demo, index, sectors, territories)
        )
        result.append(organization)
    return result


def _organization_data(
    demo: DemoOrganization,
    index: int,
    sectors: dict[str, Sector],
    territories: dict[str, Territory],
) -> OrganizationData:
    host = f"{_slug(demo.name)}.exemple.org"
    return OrganizationData(
        name=demo.name,
        acronym=demo.acronym,
        sectors=[sectors[key] for key in demo.sectors],
        level=demo.level,
        territories=[territories[c] for c in demo.territories if c in territories],
        description=demo.description,
        website=f"https://{host}",
        email=f"info@{host}",
        phone=f"418 555-01{index:02d}",
        status=demo.status,
    )


def _slug(name: str) -> str:
    """A short host name for the demo's e-mail and website: whole words, at most 40 letters."""
    slug = slugify(name.replace("(fictif)", ""))
    return slug if len(slug) <= 40 else slug[:40].rsplit("-", 1)[0]


def _person(first: str, last: str, email: str) -> Person:
    person = Person.objects.filter(email=email).first()
    if person is None:
        person = services.person_create(
            actor=SYSTEM, data=PersonData(first_name=first, last_name=last, email=email)
        )
    return person


def _function(person: Person, organization: Organization, title: str) -> None:
    if not Function.objects.filter(person=person, organization=organization, title=title).exists():
        services.function_add(
            actor=SYSTEM,
            person=person,
            organization=organization,
            title=title,
            start_date=SEAT_START,
        )


def _seat(organization: Organization, holder: Person) -> Seat:
    seat = Seat.objects.filter(
        organization=organization, holder=holder, end_date__isnull=True
    ).first()
    if seat is None:
        seat = services.seat_assign(
            actor=SYSTEM,
            organization=organization,
            holder=holder,
            data=SeatData(start_date=SEAT_START),
        )
    return seat


def _people(organizations: list[Organization]) -> list[Person]:
    people: list[Person] = []
    for first, last, index, title, seat in PEOPLE:
        person = _person(first, last, _email(first, last))
        organization = organizations[index]
        _function(person, organization, title)
        if seat == "holder":
            _seat(organization, person)
        elif isinstance(seat, int):
            services.seat_add_substitute(
                actor=SYSTEM, seat=_seat(organization, people[seat]), person=person
            )
        people.append(person)
    return people


def _accounts(stdout: Any) -> User:
    member: User | None = None
    for role, local, first, last in ACCOUNTS:
        email = f"{local}@{ACCOUNT_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = core_services.account_create(
                actor=SYSTEM,
                email=email,
                password=DEMO_PASSWORD,
                role=role,
                first_name=first,
                last_name=last,
                verified=True,
            )
        if role == Role.MEMBER:
            member = user
    assert member is not None
    return member


def _member_person(member: User, organizations: list[Organization], people: list[Person]) -> None:
    first, last, index, title = MEMBER_PERSON
    person = _person(first, last, member.email)
    organization = organizations[index]
    _function(person, organization, title)
    seat = _seat(organization, person)
    services.seat_add_substitute(actor=SYSTEM, seat=seat, person=people[8])
    if person.user_id is None:
        services.person_link_account(actor=SYSTEM, user=member, email=member.email)
