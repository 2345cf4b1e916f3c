"""Applying the checked rows of a CSV import (the file is read and checked by
`maillage.network.imports`), and the network's importers for the core's import jobs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.imports import Importer, ImportReport, RowOutcome
from maillage.core.permissions import require
from maillage.network import imports
from maillage.network.models import Organization, Person, Seat
from maillage.network.services._common import today
from maillage.network.services.functions import function_add
from maillage.network.services.organizations import (
    OrganizationData,
    _organization_snapshot,
    organization_create,
    organization_update,
)
from maillage.network.services.people import (
    PersonData,
    _person_snapshot,
    person_create,
    person_update,
)
from maillage.network.services.seats import SeatData, seat_add_substitute, seat_assign
from maillage.network.verbs import NetworkVerb


@transaction.atomic
def network_import(
    *, actor: Actor, kind: str, rows: Sequence[imports.ImportRow], dry_run: bool
) -> ImportReport:
    """Import checked CSV rows, all or nothing.

    Every row is applied in order inside one transaction, so a preview shows exactly what the
    real run would do (including a later row updating what an earlier one created). If any row
    fails, or on a dry run, the whole transaction is rolled back: nothing changes.
    """
    require(actor, "network.import")
    if kind not in imports.ImportKind.values:
        raise ValidationError(_("Unknown kind of import."))
    report = ImportReport(kind=kind, dry_run=dry_run)
    lookups = imports.Lookups()
    known = _Organizations() if kind == imports.ImportKind.ORGANIZATIONS else _People()
    for row in rows:
        try:
            with transaction.atomic():
                if isinstance(known, _Organizations):
                    org_row, errors = imports.check_organization_row(row, lookups)
                    if not errors:
                        report.outcomes.append(_import_organization(actor, org_row, known))
                else:
                    person_row, errors = imports.check_person_row(row, lookups)
                    if not errors:
                        report.outcomes.append(_import_person(actor, person_row, known))
                report.errors.extend(errors)
        except ValidationError as error:
            report.errors.extend(imports.errors_from_validation(row.line, error))
            # The row's writes were rolled back: what it filed or changed in memory goes too.
            known.reload()
    if report.errors or dry_run:
        transaction.set_rollback(True)
        return report
    report.applied = True
    audit.record(
        actor=actor,
        verb=NetworkVerb.IMPORTED,
        payload={
            "kind": kind,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return report


class _Known[M: Organization | Person]:
    """The records a row may update, by the keys that find them (NEQ or name, e-mail or name,
    case ignored), read once per import and kept up to date row after row. A query per row
    would read the whole table (a case-insensitive search uses no index), so that a large import
    slowed down row after row."""

    def __init__(self) -> None:
        self.reload()

    def records(self) -> QuerySet[M]:
        raise NotImplementedError

    def keys(self, record: M) -> list[str]:
        raise NotImplementedError

    def reload(self) -> None:
        self._found: dict[str, list[M]] = {}
        self._filed: dict[int, list[str]] = {}
        for record in self.records():
            self.add(record)

    def add(self, record: M) -> None:
        """File a record created or changed by a row (a renamed one leaves its old name)."""
        for key in self._filed.pop(record.pk, []):
            self._found[key] = [r for r in self._found[key] if r.pk != record.pk]
        self._filed[record.pk] = self.keys(record)
        for key in self._filed[record.pk]:
            self._found.setdefault(key, []).append(record)

    def get(self, key: str) -> list[M]:
        return self._found.get(key, [])


def _folded(*parts: str) -> str:
    return "|".join(part.strip().casefold() for part in parts)


class _Organizations(_Known[Organization]):
    def records(self) -> QuerySet[Organization]:
        return Organization.objects.order_by("name", "pk")

    def keys(self, record: Organization) -> list[str]:
        keys = [f"name:{_folded(record.name)}"]
        return [*keys, f"neq:{record.neq}"] if record.neq else keys


class _People(_Known[Person]):
    def records(self) -> QuerySet[Person]:
        return Person.objects.order_by("pk")

    def keys(self, record: Person) -> list[str]:
        keys = [f"name:{_folded(record.first_name, record.last_name)}"]
        return [*keys, f"email:{_folded(record.email)}"] if record.email else keys


def _import_organization(
    actor: Actor, row: imports.OrganizationRow, known: _Organizations
) -> RowOutcome:
    given = row.values
    found = known.get(f"neq:{given['neq']}") if given.get("neq") else []
    found = found or known.get(f"name:{_folded(given['name'])}")
    existing = found[0] if found else None
    if existing is None:
        created = organization_create(
            actor=actor,
            data=OrganizationData(
                name=given["name"],
                sectors=given.get("sectors", []),
                **{k: v for k, v in given.items() if k not in ("name", "sectors")},
            ),
        )
        known.add(created)
        return RowOutcome(row.line, "create", str(created))
    # An empty cell keeps the current value: a partial file never erases data.
    before = _organization_snapshot(existing) | {"status": existing.status}
    current = OrganizationData(
        name=existing.name,
        sectors=list(existing.sectors.all()),
        level=existing.level,
        territories=list(existing.territories.all()),
        acronym=existing.acronym,
        neq=existing.neq,
        description=existing.description,
        website=existing.website,
        email=existing.email,
        phone=existing.phone,
        status=existing.status,
    )
    for key, value in given.items():
        setattr(current, key, value)
    organization_update(actor=actor, organization=existing, data=current)
    after = _organization_snapshot(existing) | {"status": existing.status}
    changed = sorted(audit.changes(before, after))
    known.add(existing)
    return RowOutcome(row.line, "update" if changed else "unchanged", str(existing), changed)


def _import_person(actor: Actor, row: imports.PersonRow, known: _People) -> RowOutcome:
    cells = row.values
    person: Person | None = None
    if cells["email"]:
        person = next(iter(known.get(f"email:{_folded(cells['email'])}")), None)
    else:
        namesakes = known.get(f"name:{_folded(cells['first_name'], cells['last_name'])}")
        if len(namesakes) > 1:
            raise ValidationError(
                {"email": _("several people have this name: add their e-mail address.")}
            )
        person = namesakes[0] if namesakes else None
    details: list[str] = []
    if person is None:
        person = person_create(
            actor=actor,
            data=PersonData(
                first_name=cells["first_name"],
                last_name=cells["last_name"],
                email=cells["email"],
                phone=cells["phone"],
            ),
        )
        action = "create"
    else:
        before = _person_snapshot(person)
        person_update(
            actor=actor,
            person=person,
            data=PersonData(
                first_name=cells["first_name"],
                last_name=cells["last_name"],
                email=cells["email"] or person.email,
                phone=cells["phone"] or person.phone,
            ),
        )
        details = sorted(audit.changes(before, _person_snapshot(person)))
        action = "update" if details else "unchanged"
    organization = row.organization
    if organization is not None and cells["function"]:
        has_function = person.functions.filter(
            organization=organization, title__iexact=cells["function"], end_date__isnull=True
        ).exists()
        if not has_function:
            function_add(
                actor=actor, person=person, organization=organization, title=cells["function"]
            )
            details.append(_("function: %(title)s") % {"title": cells["function"]})
    if organization is not None and row.seat == imports.HOLDER:
        open_seat = Seat.objects.filter(
            organization=organization, holder=person, end_date__isnull=True
        ).exists()
        if not open_seat:
            seat_assign(
                actor=actor,
                organization=organization,
                holder=person,
                data=SeatData(start_date=row.seat_start or today()),
            )
            details.append(_("seat holder"))
    elif (
        organization is not None
        and row.seat == imports.SUBSTITUTE
        and _import_substitute(actor, row, person, organization)
    ):
        details.append(_("substitute"))
    if action == "unchanged" and details:
        action = "update"
    known.add(person)
    return RowOutcome(row.line, action, str(person), details)


def _import_substitute(
    actor: Actor, row: imports.PersonRow, person: Person, organization: Organization
) -> bool:
    seats = Seat.objects.filter(organization=organization, end_date__isnull=True).select_related(
        "holder", "organization"
    )
    if row.values["holder_email"]:
        seats = seats.filter(holder__email__iexact=row.values["holder_email"])
    found = list(seats[:2])
    if not found:
        raise ValidationError(
            {"seat": _("this organization has no open seat to be the substitute of.")}
        )
    if len(found) > 1:
        raise ValidationError(
            {"holder_email": _("this organization has several seats: give the holder's e-mail.")}
        )
    return seat_add_substitute(actor=actor, seat=found[0], person=person)


def _importer(
    kind: imports.ImportKind, checker: Callable[[], imports.RowCheck], listed_at: str
) -> Importer[imports.ImportRow]:
    return Importer(
        key=f"network.{kind.value}",
        label=kind.label,
        permission="network.import",
        parse=partial(imports.parse_csv, kind=kind),
        checker=checker,
        apply=partial(network_import, kind=kind, dry_run=False),
        upload_url_name="network:import",
        done_url_name=listed_at,
    )


# Registered with the core in `NetworkConfig.ready()`; the upload page offers them.
IMPORTERS = (
    _importer(
        imports.ImportKind.ORGANIZATIONS,
        imports.organization_checker,
        "network:organization_list",
    ),
    _importer(imports.ImportKind.PEOPLE, imports.person_checker, "network:person_list"),
)
