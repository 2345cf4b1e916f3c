"""Every read of the partner network, already narrowed to what the viewer may see.

Each selector fetches what its page shows in a fixed number of queries, whatever the data size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core import selectors as core_selectors
from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.roles import Role
from maillage.core.search import DOCUMENT_COLUMN, Group, Hit, Matches, snippet, terms
from maillage.network.models import Function, Organization, Person, Seat, Sector
from maillage.privacy.models import Purpose
from maillage.privacy.selectors.consents import consenting_accounts
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    sector: Sector | None = None
    territory: Territory | None = None
    level: str = ""
    status: str = ""


def directory_filters_key(filters: DirectoryFilters) -> tuple[str, ...]:
    """What names `filters` in a cache key: the text typed and the ids chosen."""
    return (
        f"q={filters.q}",
        f"sector={filters.sector.pk if filters.sector else ''}",
        f"territory={filters.territory.pk if filters.territory else ''}",
        f"level={filters.level}",
        f"status={filters.status}",
    )


def can_see_contacts(viewer: Viewer) -> bool:
    return has_perm(viewer, "network.view_contacts")


def seat_holder_count(organizations: QuerySet[Organization]) -> int:
    """How many people an export with contacts names: the holders of the open seats."""
    return Seat.objects.filter(
        end_date__isnull=True, organization__in=organizations.values("pk")
    ).count()


def organizations_serving(territory: Territory) -> QuerySet[Organization]:
    """Organizations serving `territory` or any territory below it (an MRC's municipalities)."""
    served = Organization.territories.through.objects.filter(
        territory_id__in=territory_and_below(territory).values("pk")
    ).values("organization_id")
    return Organization.objects.filter(pk__in=served)


def _with_labels(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    return queryset.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position", "name_fr")),
        Prefetch("territories", queryset=Territory.objects.order_by("name")),
    )


def organization_directory(
    *, viewer: Viewer, filters: DirectoryFilters | None = None
) -> QuerySet[Organization]:
    """The directory: every organization is public, whatever its status."""
    filters = filters or DirectoryFilters()
    queryset = Organization.objects.all()
    if filters.q:
        queryset = queryset.filter(
            Q(name__icontains=filters.q)
            | Q(acronym__icontains=filters.q)
            | Q(description__icontains=filters.q)
        )
    if filters.sector is not None:
        queryset = queryset.filter(
            pk__in=Organization.sectors.through.objects.filter(sector=filters.sector).values(
                "organization_id"
            )
        )
    if filters.territory is not None:
        queryset = queryset.filter(pk__in=organizations_serving(filters.territory).values("pk"))
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return _with_labels(queryset).order_by("name", "pk")


def organization_pages(*, viewer: Viewer) -> QuerySet[Organization]:
    """Organizations as an organization page shows them (look one up by slug)."""
    return _with_labels(Organization.objects.all())


@dataclass
class OrganizationPeople:
    functions: list[Function]
    seats: list[Seat]
    past_seats: list[Seat]


def _open(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})


def organization_people(*, viewer: Viewer, organization: Organization) -> OrganizationPeople | None:
    """The people of an organization, for those allowed to see personal information (Law 25)."""
    if not can_see_contacts(viewer):
        return None
    functions = list(
        organization.functions.filter(_open())
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "title")
    )
    seats = list(
        organization.seats.select_related("holder")
        .prefetch_related(
            Prefetch("substitutes", queryset=Person.objects.order_by("last_name", "first_name"))
        )
        .order_by("-start_date", "pk")
    )
    current = [s for s in seats if s.end_date is None or s.end_date >= timezone.localdate()]
    past = [s for s in seats if s not in current] if has_perm(viewer, "network.manage") else []
    return OrganizationPeople(functions=functions, seats=current, past_seats=past)


def organization_public_people(*, organization: Organization) -> list[Function]:
    """What anyone sees of an organization's people: the names and functions of those whose
    account consents to the public directory (Law 25: no consent, no name). One query."""
    return list(
        organization.functions.filter(_open())
        .filter(person__user_id__in=consenting_accounts(Purpose.PUBLIC_DIRECTORY))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "title")
    )


def person_directory(*, viewer: Viewer, q: str = "") -> QuerySet[Person]:
    """People, for members and above only, with their current functions and seats."""
    if not has_perm(viewer, "network.view_people"):
        return Person.objects.none()
    queryset = Person.objects.all()
    if q:
        queryset = queryset.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(functions__organization__name__icontains=q)
        ).distinct()
    return queryset.prefetch_related(
        Prefetch(
            "functions",
            queryset=Function.objects.filter(_open()).select_related("organization"),
            to_attr="current_functions",
        ),
        Prefetch(
            "seats",
            queryset=Seat.objects.filter(_open()).select_related("organization"),
            to_attr="current_seats",
        ),
    ).order_by("last_name", "first_name", "pk")


def person_pages(*, viewer: Viewer) -> QuerySet[Person]:
    """People as a person page shows them (look one up by slug); empty for non-members."""
    if not has_perm(viewer, "network.view_people"):
        return Person.objects.none()
    return Person.objects.select_related("user").prefetch_related(
        Prefetch(
            "functions",
            queryset=Function.objects.select_related("organization").order_by(
                "end_date", "organization__name"
            ),
        ),
        Prefetch(
            "seats",
            queryset=Seat.objects.select_related("organization")
            .prefetch_related("substitutes")
            .order_by("-start_date"),
        ),
        Prefetch(
            "substitute_seats",
            queryset=Seat.objects.select_related("organization", "holder").order_by("-start_date"),
        ),
    )


def person_of_account(*, viewer: Viewer) -> Person | None:
    """The Person of the directory linked to `viewer`'s own account, if any (one query)."""
    if not isinstance(viewer, User):
        return None
    return Person.objects.filter(user_id=viewer.pk).first()


@dataclass
class PersonSeats:
    """A person's open seats, with their substitutes and the person's function in each
    organization (`seat.functions`), and the open seats they are a substitute on."""

    held: list[Seat]
    substituting: list[Seat]

    @property
    def any(self) -> bool:
        return bool(self.held or self.substituting)


def person_seats(*, viewer: Viewer, person: Person | None) -> PersonSeats:
    """For the person themself (My space) and for those who may see people: four queries
    whatever the number of seats; nothing for anyone else."""
    own = person is not None and isinstance(viewer, User) and person.user_id == viewer.pk
    if person is None or not (own or has_perm(viewer, "network.view_people")):
        return PersonSeats(held=[], substituting=[])
    held = list(
        Seat.objects.filter(_open(), holder=person)
        .select_related("organization")
        .prefetch_related(
            Prefetch("substitutes", queryset=Person.objects.order_by("last_name", "first_name"))
        )
        .order_by("organization__name", "pk")
    )
    substituting = list(
        Seat.objects.filter(_open(), substitutes=person)
        .select_related("organization", "holder")
        .order_by("organization__name", "pk")
    )
    titles: dict[int, list[str]] = {}
    for organization_id, title in (
        Function.objects.filter(_open(), person=person)
        .order_by("title")
        .values_list("organization_id", "title")
    ):
        titles.setdefault(organization_id, []).append(title)
    for seat in [*held, *substituting]:
        seat.functions = titles.get(seat.organization_id, [])  # type: ignore[attr-defined]
    return PersonSeats(held=held, substituting=substituting)


def person_open_seats(person_id: int, *, as_substitute: bool = False) -> QuerySet[Seat]:
    """The seats a person sits in now (begun, not ended), as a form offers them: those they
    hold, and with `as_substitute` those they are a substitute of; with their organizations."""
    today = timezone.localdate()
    whose = Q(holder_id=person_id)
    if as_substitute:
        whose |= Q(
            pk__in=Seat.substitutes.through.objects.filter(person_id=person_id).values("seat_id")
        )
    return (
        Seat.objects.filter(whose, _open(), start_date__lte=today)
        .select_related("organization", "holder")
        .order_by("organization__name", "pk")
    )


def territory_panel(*, territory: Territory, limit: int = 12) -> tuple[int, list[Organization]]:
    """For a territory's page: how many organizations serve it (or below it), and the first few."""
    queryset = organizations_serving(territory)
    count = queryset.count()
    organizations = list(
        queryset.prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("position"))
        ).order_by("name")[:limit]
    )
    return count, organizations


# Platform access that follows the seat

# The role a seat's holder needs on the platform, and the roles their access may be lowered to
# once they sit nowhere any more.
SEAT_ROLE = Role.MEMBER
ROLES_AFTER_THE_LAST_SEAT = (Role.GUEST, Role.CITIZEN)


def holder_invitation_refusal(person: Person) -> str:
    """Why giving `person` a seat would not invite them to the platform as a partner member
    ("" when it would): no e-mail address, or their account already has that access (or is
    deactivated)."""
    return core_selectors.invitation_refusal(
        person.email, role=SEAT_ROLE, account=person.user if person.user_id else None
    )


def sits_elsewhere(person: Person, *, besides: Seat) -> bool:
    """`person` holds, or substitutes on, an open seat other than `besides`."""
    others = Seat.objects.filter(_open()).exclude(pk=besides.pk)
    return others.filter(Q(holder=person) | Q(substitutes=person)).exists()


def access_after_seat(seat: Seat) -> User | None:
    """The account whose access ending `seat` may lower: its holder's linked, active account,
    a partner member (staff and administrators keep theirs), who sits nowhere else."""
    account = seat.holder.user if seat.holder.user_id else None
    if account is None or not account.is_active or account.role != SEAT_ROLE:
        return None
    return None if sits_elsewhere(seat.holder, besides=seat) else account


def open_seat_counts() -> Coalesce:
    """For each account, how many open seats its person holds (an expression over accounts)."""
    held = (
        Seat.objects.filter(_open(), holder__user=OuterRef("pk"))
        .order_by()
        .values("holder__user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(held), 0)


@dataclass(frozen=True)
class AccountRecord:
    """An account's person in the network and the seats they hold now, for the staff's page."""

    person: Person | None
    seats: list[Seat]


def account_record(account: User, *, viewer: Viewer) -> AccountRecord | None:
    """For the staff's account page: the account's person and their open seats (held or as a
    substitute); None for a viewer who may not see people."""
    if not has_perm(viewer, "network.view_people"):
        return None
    person = Person.objects.filter(user=account).first()
    if person is None:
        return AccountRecord(person=None, seats=[])
    seats = list(
        Seat.objects.filter(_open())
        .filter(Q(holder=person) | Q(substitutes=person))
        .select_related("organization", "holder")
        .distinct()
        .order_by("organization__name", "pk")
    )
    return AccountRecord(person=person, seats=seats)


# The records the management pages edit; their views are reserved to those who manage the
# network, so nothing is filtered out.


def organization_records() -> QuerySet[Organization]:
    return Organization.objects.all()


def person_records() -> QuerySet[Person]:
    return Person.objects.all()


def seat_records() -> QuerySet[Seat]:
    return Seat.objects.select_related("organization", "holder")


def function_records() -> QuerySet[Function]:
    return Function.objects.select_related("person")


def sector_keys() -> list[str]:
    return list(Sector.objects.order_by("key").values_list("key", flat=True))


# Search

# The columns searched, in the order of the documents migration 0007 stores on PostgreSQL (read
# from each row's `search_document`; SQLite matches the columns themselves).
ORGANIZATION_FIELDS = ("name", "acronym", "description")
PERSON_FIELDS = ("first_name", "last_name")


def _organization_hit(organization: Organization) -> Hit:
    return Hit(
        title=organization.name,
        url=organization.get_absolute_url(),
        snippet=snippet(organization.description),
        context=organization.acronym,
    )


def _person_hit(person: Person) -> Hit:
    functions = getattr(person, "current_functions", [])
    return Hit(
        title=str(person),
        url=person.get_absolute_url(),
        context=", ".join(f"{f.title} — {f.organization.name}" for f in functions),
    )


def search(*, viewer: Viewer, query: str) -> list[Group]:
    """Organizations (public, whatever their status) and, for those who may see the people of the
    network (partner members and staff), people by name with their current functions: each a
    `Group` read only when a page shows it."""
    words = terms(query)
    if not words:
        return []
    organizations = (
        Organization.objects.filter(Matches(ORGANIZATION_FIELDS, words, stored=DOCUMENT_COLUMN))
        .only("pk", "name", "slug", "acronym", "description")
        .order_by("name", "pk")
    )
    groups = [
        Group(
            kind="organizations",
            label=_("Organizations"),
            rows=organizations,
            hit=_organization_hit,
        )
    ]
    if has_perm(viewer, "network.view_people"):
        people = (
            Person.objects.filter(Matches(PERSON_FIELDS, words, stored=DOCUMENT_COLUMN))
            .only("pk", "first_name", "last_name", "slug")
            .prefetch_related(
                Prefetch(
                    "functions",
                    queryset=Function.objects.filter(_open())
                    .select_related("organization")
                    .only("pk", "title", "person_id", "organization__name")
                    .order_by("organization__name", "pk"),
                    to_attr="current_functions",
                )
            )
            .order_by("last_name", "first_name", "pk")
        )
        groups.append(Group(kind="people", label=_("People"), rows=people, hit=_person_hit))
    return groups
