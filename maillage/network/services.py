"""Every write to the partner network: one function per action, checked, validated and audited."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import audit
from maillage.core.permissions import SYSTEM, require
from maillage.network import imports
from maillage.network.models import (
    Function,
    Organization,
    OrganizationStatus,
    Person,
    Seat,
    Sector,
)
from maillage.network.signals import seat_ended
from maillage.territories.models import Level, Territory

audit.register_verbs(
    {
        "organization.created": gettext_lazy("organization created"),
        "organization.updated": gettext_lazy("organization updated"),
        "organization.status_changed": gettext_lazy("status in the collective changed"),
        "person.created": gettext_lazy("person created"),
        "person.updated": gettext_lazy("person updated"),
        "person.account_linked": gettext_lazy("account linked"),
        "function.added": gettext_lazy("function added"),
        "function.ended": gettext_lazy("function ended"),
        "seat.assigned": gettext_lazy("seat assigned"),
        "seat.updated": gettext_lazy("seat updated"),
        "seat.ended": gettext_lazy("seat ended"),
        "network.imported": gettext_lazy("network imported from a CSV file"),
    }
)

NEQ_PATTERN = re.compile(r"\d{10}")


def normalize_neq(value: str) -> str:
    """People paste NEQs with spaces ("1234 567 890"); keep the digits' layout otherwise."""
    return re.sub(r"\s+", "", value or "")


def neq_error(value: str) -> ValidationError:
    return ValidationError(
        _("NEQ “%(value)s” is invalid: a Québec enterprise number (NEQ) has exactly 10 digits."),
        code="invalid",
        params={"value": value},
    )


def unique_slug(model: type[models.Model], text: str, *, instance_pk: int | None = None) -> str:
    base = slugify(text)[:200] or "x"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


# Organizations


@dataclass
class OrganizationData:
    name: str
    sectors: Sequence[Sector]
    level: str = Level.REGIONAL
    territories: Sequence[Territory] = ()
    acronym: str = ""
    neq: str = ""
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    status: str = OrganizationStatus.PARTNER


_ORGANIZATION_FIELDS = (
    "name",
    "acronym",
    "neq",
    "description",
    "level",
    "website",
    "email",
    "phone",
)


def _organization_snapshot(organization: Organization) -> dict[str, Any]:
    snapshot = {name: getattr(organization, name) for name in _ORGANIZATION_FIELDS}
    snapshot["sectors"] = sorted(s.key for s in organization.sectors.all())
    snapshot["territories"] = sorted(t.code for t in organization.territories.all())
    return snapshot


def _organization_fill(organization: Organization, data: OrganizationData) -> None:
    neq = normalize_neq(data.neq)
    if neq and not NEQ_PATTERN.fullmatch(neq):
        raise ValidationError({"neq": neq_error(neq)})
    if not data.sectors:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    organization.name = data.name.strip()
    organization.acronym = data.acronym.strip()
    organization.neq = neq
    organization.description = data.description.strip()
    organization.level = data.level
    organization.website = data.website.strip()
    organization.email = data.email.strip().lower()
    organization.phone = data.phone.strip()


@transaction.atomic
def organization_create(*, actor: Any, data: OrganizationData) -> Organization:
    require(actor, "network.manage")
    organization = Organization(status=data.status)
    _organization_fill(organization, data)
    organization.slug = unique_slug(Organization, organization.name)
    organization.full_clean()
    organization.save()
    organization.sectors.set(data.sectors)
    organization.territories.set(data.territories)
    audit.record(
        actor=actor,
        verb="organization.created",
        target=organization,
        payload=_organization_snapshot(organization) | {"status": organization.status},
    )
    return organization


@transaction.atomic
def organization_update(
    *, actor: Any, organization: Organization, data: OrganizationData
) -> Organization:
    """Apply `data`; a change of status goes through `organization_set_status`."""
    require(actor, "network.manage")
    before = _organization_snapshot(organization)
    _organization_fill(organization, data)
    organization.full_clean(exclude=["slug"])
    organization.save()
    organization.sectors.set(data.sectors)
    organization.territories.set(data.territories)
    changes = _changes(before, _organization_snapshot(organization))
    if changes:
        audit.record(actor=actor, verb="organization.updated", target=organization, payload=changes)
    if data.status != organization.status:
        organization_set_status(actor=actor, organization=organization, status=data.status)
    return organization


@transaction.atomic
def organization_set_status(*, actor: Any, organization: Organization, status: str) -> Organization:
    """Partner, external actor or former partner of the collective."""
    require(actor, "network.manage")
    if status not in OrganizationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    previous = organization.status
    if previous == status:
        return organization
    organization.status = status
    organization.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        verb="organization.status_changed",
        target=organization,
        payload={"from": previous, "to": status},
    )
    return organization


# People


@dataclass
class PersonData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""


def _person_fill(person: Person, data: PersonData) -> None:
    person.first_name = data.first_name.strip()
    person.last_name = data.last_name.strip()
    person.email = data.email.strip().lower()
    person.phone = data.phone.strip()


@transaction.atomic
def person_create(*, actor: Any, data: PersonData) -> Person:
    require(actor, "network.manage")
    person = Person()
    _person_fill(person, data)
    person.slug = unique_slug(Person, f"{person.first_name} {person.last_name}")
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        verb="person.created",
        target=person,
        payload={"first_name": person.first_name, "last_name": person.last_name},
    )
    if person.email:
        # Someone who already has a verified account with this address gets linked now.
        from allauth.account.models import EmailAddress

        address = (
            EmailAddress.objects.filter(email__iexact=person.email, verified=True)
            .select_related("user")
            .first()
        )
        if address is not None:
            person_link_account(actor=actor, user=address.user, email=address.email)
            person.refresh_from_db(fields=["user"])
    return person


@transaction.atomic
def person_for_account(*, actor: Any, user: Any) -> Person:
    """The Person of `user`'s account: the linked one, the one whose e-mail the account has
    verified, or a new one made from the account (someone joining through an invitation)."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    email = (user.email or "").strip().lower()
    if email:
        linked = person_link_account(actor=SYSTEM, user=user, email=email)
        if linked is not None:
            return linked
    # An address already on someone else's record stays theirs until this account verifies it.
    taken = bool(email) and Person.objects.filter(email__iexact=email).exists()
    first = (user.first_name or "").strip() or email.split("@")[0] or "?"
    person = person_create(
        actor=SYSTEM,
        data=PersonData(
            first_name=first[:100],
            last_name=(user.last_name or "").strip()[:100],
            email="" if taken else email,
        ),
    )
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        audit.record(
            actor=actor, verb="person.account_linked", target=person, payload={"user": user.pk}
        )
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: PersonData) -> Person:
    require(actor, "network.manage")
    fields = ("first_name", "last_name", "email", "phone")
    before = {name: getattr(person, name) for name in fields}
    _person_fill(person, data)
    person.full_clean(exclude=["slug", "user"])
    person.save()
    # Only names go into the log: it outlives the contact details it would otherwise copy.
    changes = _changes(before, {name: getattr(person, name) for name in fields})
    if changes:
        payload = {
            "changed": sorted(changes),
            **{k: v for k, v in changes.items() if k in ("first_name", "last_name")},
        }
        audit.record(actor=actor, verb="person.updated", target=person, payload=payload)
    return person


@transaction.atomic
def person_link_account(*, actor: Any, user: Any, email: str) -> Person | None:
    """Link the unlinked Person whose e-mail is `email` to `user`, once `user` has verified it.

    Returns the linked person, or None when there is nobody to link.
    """
    from allauth.account.models import EmailAddress

    if actor is not SYSTEM and getattr(actor, "pk", None) != user.pk:
        require(actor, "network.manage")
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return None
    if Person.objects.filter(user=user).exists():
        return None
    person = Person.objects.filter(email__iexact=email, user__isnull=True).first()
    if person is None:
        return None
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=actor, verb="person.account_linked", target=person, payload={"user": user.pk}
    )
    return person


# Functions


def _today() -> date:
    return timezone.localdate()


@transaction.atomic
def function_add(
    *,
    actor: Any,
    person: Person,
    organization: Organization,
    title: str,
    start_date: date | None = None,
) -> Function:
    require(actor, "network.manage")
    function = Function(
        person=person, organization=organization, title=title.strip(), start_date=start_date
    )
    function.full_clean()
    function.save()
    audit.record(
        actor=actor,
        verb="function.added",
        target=person,
        payload={
            "function": function.pk,
            "organization": organization.name,
            "title": function.title,
        },
    )
    return function


@transaction.atomic
def function_end(*, actor: Any, function: Function, end_date: date | None = None) -> Function:
    require(actor, "network.manage")
    if function.end_date is not None:
        raise ValidationError({"end_date": _("This function has already ended.")})
    function.end_date = end_date or _today()
    function.full_clean()
    function.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        verb="function.ended",
        target=function.person,
        payload={
            "function": function.pk,
            "title": function.title,
            "end_date": function.end_date.isoformat(),
        },
    )
    return function


# Seats


@dataclass
class SeatData:
    start_date: date
    substitutes: Sequence[Person] = field(default_factory=list)
    end_date: date | None = None
    note: str = ""


def _seat_check(seat: Seat, substitutes: Iterable[Person]) -> None:
    if any(s.pk == seat.holder_id for s in substitutes):
        raise ValidationError(
            {"substitutes": _("The holder of a seat cannot also be its substitute.")}
        )
    # "Open" means it has not ended before the new seat starts: two open seats would overlap.
    overlapping = Seat.objects.filter(organization=seat.organization, holder=seat.holder).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=seat.start_date)
    )
    if seat.pk is not None:
        overlapping = overlapping.exclude(pk=seat.pk)
    if overlapping.exists():
        raise ValidationError(
            {"holder": _("This person already holds an open seat for this organization.")}
        )
    seat.full_clean()


def _seat_payload(seat: Seat, substitutes: Iterable[Person]) -> dict[str, Any]:
    return {
        "seat": seat.pk,
        "holder": str(seat.holder),
        "substitutes": [str(p) for p in substitutes],
        "start_date": seat.start_date.isoformat(),
        "end_date": seat.end_date.isoformat() if seat.end_date else None,
    }


@transaction.atomic
def seat_assign(*, actor: Any, organization: Organization, holder: Person, data: SeatData) -> Seat:
    """Give `holder` a seat on behalf of `organization`. Seat events live in the organization's
    history: that is where people look for who represents it."""
    require(actor, "network.manage")
    seat = Seat(
        organization=organization,
        holder=holder,
        start_date=data.start_date,
        end_date=data.end_date,
        note=data.note.strip(),
    )
    _seat_check(seat, data.substitutes)
    seat.save()
    seat.substitutes.set(data.substitutes)
    audit.record(
        actor=actor,
        verb="seat.assigned",
        target=organization,
        payload=_seat_payload(seat, data.substitutes),
    )
    return seat


@transaction.atomic
def seat_update(*, actor: Any, seat: Seat, data: SeatData) -> Seat:
    require(actor, "network.manage")
    seat.start_date = data.start_date
    seat.end_date = data.end_date
    seat.note = data.note.strip()
    _seat_check(seat, data.substitutes)
    seat.save()
    seat.substitutes.set(data.substitutes)
    audit.record(
        actor=actor,
        verb="seat.updated",
        target=seat.organization,
        payload=_seat_payload(seat, data.substitutes),
    )
    return seat


@transaction.atomic
def seat_end(*, actor: Any, seat: Seat, end_date: date | None = None) -> Seat:
    require(actor, "network.manage")
    if seat.end_date is not None and seat.end_date <= _today():
        raise ValidationError({"end_date": _("This seat has already ended.")})
    seat.end_date = end_date or _today()
    seat.full_clean()
    seat.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        verb="seat.ended",
        target=seat.organization,
        payload={
            "seat": seat.pk,
            "holder": str(seat.holder),
            "end_date": seat.end_date.isoformat(),
        },
    )
    seat_ended.send(sender=Seat, seat=seat, actor=actor)
    return seat


# Import


@transaction.atomic
def network_import(
    *, actor: Any, kind: str, rows: Sequence[imports.ImportRow], dry_run: bool
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
        verb="network.imported",
        payload={
            "kind": kind,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return report


def _import_organization(actor: Any, row: imports.OrganizationRow) -> imports.RowOutcome:
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
    changed = sorted(_changes(before, after))
    return imports.RowOutcome(
        row.line, "update" if changed else "unchanged", str(existing), changed
    )


def _import_person(actor: Any, row: imports.PersonRow) -> imports.RowOutcome:
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
        fields = ("first_name", "last_name", "email", "phone")
        before = {name: getattr(person, name) for name in fields}
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
        details = sorted(_changes(before, {name: getattr(person, name) for name in fields}))
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
                data=SeatData(start_date=row.seat_start or _today()),
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


@transaction.atomic
def seat_add_substitute(*, actor: Any, seat: Seat, person: Person) -> bool:
    """Add `person` to the substitutes of `seat`; False when they already are one."""
    substitutes = list(seat.substitutes.all())
    if person in substitutes:
        return False
    seat_update(
        actor=actor,
        seat=seat,
        data=SeatData(
            start_date=seat.start_date,
            end_date=seat.end_date,
            note=seat.note,
            substitutes=[*substitutes, person],
        ),
    )
    return True


def _import_substitute(
    actor: Any, row: imports.PersonRow, person: Person, organization: Organization
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
