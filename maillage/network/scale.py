"""Scale data of the network (see `core.scale`): per unit of factor, 30 organizations in the
region's real places, 50 people with a function each, 33 seats, some with substitutes; the first
people get the core's generated member accounts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.scale import (
    DEMO_DOMAIN,
    FICTIONAL,
    PEOPLE_DOMAIN,
    ScaleRun,
    bulk,
    is_demo_email,
    link,
)
from maillage.network.models import (
    Function,
    Organization,
    OrganizationStatus,
    Person,
    Seat,
    Sector,
)
from maillage.territories.models import Level, Territory, TerritoryType

ORGANIZATIONS_PER_FACTOR = 30
PEOPLE_PER_FACTOR = 50
SEATS_PER_FACTOR = 33

# (name before the place, sectors, level): the place is a municipality for a local organization,
# an MRC for a supralocal one, the region for a regional one.
KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Maison des jeunes", ("communautaire",), Level.LOCAL),
    ("Cuisine collective", ("communautaire",), Level.LOCAL),
    ("Comptoir alimentaire", ("communautaire",), Level.LOCAL),
    ("Maison de la famille", ("communautaire",), Level.LOCAL),
    ("Centre d'action bénévole", ("communautaire",), Level.LOCAL),
    ("Comité citoyen", ("citoyen",), Level.LOCAL),
    ("Coopérative de solidarité", ("economique", "communautaire"), Level.LOCAL),
    ("Office municipal d'habitation", ("municipal", "reseaux-publics"), Level.LOCAL),
    ("Bibliothèque municipale", ("municipal",), Level.LOCAL),
    ("École primaire", ("education",), Level.LOCAL),
    ("Clinique communautaire", ("sante-services-sociaux", "communautaire"), Level.LOCAL),
    ("Table de concertation", ("communautaire", "municipal"), Level.SUPRALOCAL),
    ("Corporation de développement communautaire", ("communautaire",), Level.SUPRALOCAL),
    ("Transport adapté", ("autre", "communautaire"), Level.SUPRALOCAL),
    ("Carrefour jeunesse-emploi", ("economique", "communautaire"), Level.SUPRALOCAL),
    ("Société de développement économique", ("economique",), Level.SUPRALOCAL),
    ("Regroupement des aînés", ("communautaire",), Level.SUPRALOCAL),
    ("Fondation communautaire", ("philanthropique",), Level.REGIONAL),
    ("Observatoire social", ("autre", "education"), Level.REGIONAL),
    ("Réseau régional en santé", ("sante-services-sociaux", "reseaux-publics"), Level.REGIONAL),
)
TITLES = (
    "Directrice générale",
    "Directeur général",
    "Coordonnatrice",
    "Coordonnateur",
    "Intervenante communautaire",
    "Intervenant communautaire",
    "Agente de développement",
    "Agent de développement",
    "Organisatrice communautaire",
    "Conseiller municipal",
    "Chargée de projets",
    "Animateur",
)


def of(place: str) -> str:
    """French "de" before a place name: "de Québec", "d'Ivry", "du Lac", "des Éboulements"."""
    for article, contracted in (
        ("Le ", "du "),
        ("Les ", "des "),
        ("La ", "de la "),
        ("L'", "de l'"),
    ):
        if place.startswith(article):
            return contracted + place[len(article) :]
    return ("d'" if place[:1].lower() in "aeiouyéèêàâîôh" else "de ") + place


def real_data() -> list[str]:
    """Organizations not marked fictional, people with an address outside the demo's domains."""
    found = []
    organizations = Organization.objects.exclude(name__endswith=FICTIONAL).count()
    if organizations:
        found.append(
            _("%(count)d organization(s) not marked %(marker)s")
            % {"count": organizations, "marker": FICTIONAL}
        )
    emails = Person.objects.exclude(email="").values_list("email", flat=True)
    people = sum(1 for email in emails.iterator() if not is_demo_email(email))
    if people:
        found.append(
            _("%(count)d person(s) with an address outside %(domains)s")
            % {"count": people, "domains": f"{DEMO_DOMAIN}, {PEOPLE_DOMAIN}"}
        )
    return found


def _places() -> dict[str, list[Territory]]:
    territories = Territory.objects.exclude(type=TerritoryType.PROVINCE)
    places: dict[str, list[Territory]] = {Level.LOCAL: [], Level.SUPRALOCAL: [], Level.REGIONAL: []}
    for territory in territories.order_by("pk"):
        if territory.level in places:
            places[territory.level].append(territory)
    return places


def generate(*, run: ScaleRun) -> None:
    rng = run.rng
    places = _places()
    sectors = {sector.key: sector.pk for sector in Sector.objects.all()}
    kinds = [kind for kind in KINDS if places[kind[2]]]
    if not kinds:
        run.stdout.write(_("No territories loaded: run “manage.py load_region 03” first."))
        return
    organizations: list[Organization] = []
    served: list[Territory] = []
    sector_keys: list[tuple[str, ...]] = []
    for index in range(ORGANIZATIONS_PER_FACTOR * run.factor):
        kind, kind_sectors, level = rng.choice(kinds)
        place = rng.choice(places[level])
        name = f"{kind} {of(place.name)} {FICTIONAL}"
        slug = run.tag(name, index)
        host = f"{run.tag(kind[:30], index)}.{PEOPLE_DOMAIN}"
        status = rng.choices(
            [OrganizationStatus.PARTNER, OrganizationStatus.EXTERNAL, OrganizationStatus.FORMER],
            weights=[85, 10, 5],
        )[0]
        organizations.append(
            Organization(
                name=name,
                slug=slug,
                acronym="",
                # Unique, ten digits, the batch's number then the row's: never a real NEQ twice.
                neq=f"88{int(run.batch[1:]) % 100:02d}{index:06d}" if index % 2 == 0 else "",
                description=f"Organisme fictif au service de la population {of(place.name)}.",
                level=level,
                website=f"https://{host}",
                email=f"info@{host}",
                phone=f"418 555-{index % 10000:04d}",
                status=status,
            )
        )
        served.append(place)
        sector_keys.append(kind_sectors)
    organizations = bulk(Organization, organizations)
    link(
        Organization.sectors,
        (
            (organization.pk, sectors[key])
            for organization, keys in zip(organizations, sector_keys, strict=True)
            for key in keys
            if key in sectors
        ),
    )
    link(
        Organization.territories,
        ((o.pk, place.pk) for o, place in zip(organizations, served, strict=True)),
    )
    people = _people(run)
    seats = _seats(run, organizations, people)
    run.report(
        {
            Organization: len(organizations),
            Person: len(people),
            Function: Function.objects.filter(person__slug__contains=f"-{run.batch}-").count(),
            Seat: len(seats),
        }
    )


def _people(run: ScaleRun) -> list[Person]:
    accounts = list(User.objects.filter(email__startswith=f"membre-{run.batch}-").order_by("pk"))
    people = []
    for index in range(PEOPLE_PER_FACTOR * run.factor):
        account = accounts[index] if index < len(accounts) else None
        first, last = (account.first_name, account.last_name) if account else run.person_name()
        slug = run.tag(f"{first} {last}", index)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                slug=slug,
                email=account.email if account else f"{slug}@{PEOPLE_DOMAIN}",
                phone=f"418 555-{(5000 + index) % 10000:04d}",
                user=account,
            )
        )
    return bulk(Person, people)


def _seats(run: ScaleRun, organizations: list[Organization], people: list[Person]) -> list[Seat]:
    """Each of the first people holds a seat for an organization (one seat per organization,
    partners first) and has a function there; the others work in an organization, and one in
    two is a substitute of its seat."""
    rng = run.rng
    seated = [o for o in organizations if o.status == OrganizationStatus.PARTNER] or organizations
    count = min(SEATS_PER_FACTOR * run.factor, len(people))
    functions = []
    seats = []
    for index, person in enumerate(people[:count]):
        organization = seated[index % len(seated)]
        start = run.days_ago(30, 900)
        seats.append(Seat(organization=organization, holder=person, start_date=start))
        functions.append(
            Function(
                person=person, organization=organization, title=rng.choice(TITLES), start_date=start
            )
        )
    seats = bulk(Seat, seats)
    substitutes = []
    for person in people[count:]:
        seat = rng.choice(seats)
        functions.append(
            Function(
                person=person,
                organization=seat.organization,
                title=rng.choice(TITLES),
                start_date=seat.start_date,
            )
        )
        if rng.random() < 0.5:
            substitutes.append((seat.pk, person.pk))
    bulk(Function, functions)
    link(Seat.substitutes, substitutes)
    return seats
