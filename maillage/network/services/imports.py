"""Applying the checked rows of a CSV import (the file is read and checked by
`maillage.network.imports`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
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
) -> imports.ImportReport:
    """Import checked CSV rows, all or nothing.

    Every row is applied in order inside one transaction, so a preview shows exactly what the
    real run would do (including a later row updating what an earlier one created). If any row
    fails, or on a dry run, the whole transaction is rolled back: nothing changes.
    """
    require(actor, "network.import")
    if kind not in imports.ImportKind.values:
        raise ValidationError(_("Unknown kind of import."))
    report = imports.ImportReport(kind=kind, dry_run=dry_run)
    lookups = imports.Lookups()
    for row in rows:
        try:
            with transaction.atomic():
                if kind == imports.ImportKind.ORGANIZATIONS:
                    org_row, errors = imports.check_organization_row(row, lookups)
                    if not errors:
                        report.outcomes.append(_import_organization(actor, org_row))
                else:
                    person_row, errors = imports.check_person_row(row, lookups)
                    if not errors:
                        report.outcomes.append(_import_person(actor, person_row))
                report.errors.extend(errors)
        except ValidationError as error:
            report.errors.extend(imports.errors_from_validation(row.line, error))
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


def _import_organization(actor: Actor, row: imports.OrganizationRow) -> imports.RowOutcome:
    given = row.values
    existing = None
    if given.get("neq"):
        existing = Organization.objects.filter(neq=given["neq"]).first()
    if existing is None:
        existing = Organization.objects.filter(name__iexact=given["name"]).first()
    if existing is None:
        created = organization_create(
            actor=actor,
            data=OrganizationData(
                name=given["name"],
                sectors=given.get("sectors", []),
                **{k: v for k, v in given.items() if k not in ("name", "sectors")},
            ),
        )
        return imports.RowOutcome(row.line, "create", str(created))
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
    return imports.RowOutcome(
        row.line, "update" if changed else "unchanged", str(existing), changed
    )


def _import_person(actor: Actor, row: imports.PersonRow) -> imports.RowOutcome:
    cells = row.values
    person: Person | None = None
    if cells["email"]:
        person = Person.objects.filter(email__iexact=cells["email"]).first()
    else:
        namesakes = list(
            Person.objects.filter(
                first_name__iexact=cells["first_name"], last_name__iexact=cells["last_name"]
            )[:2]
        )
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
    return imports.RowOutcome(row.line, action, str(person), details)


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
