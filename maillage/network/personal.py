"""The network's personal information (Québec's Law 25): people, their functions and seats.

Organizations are not people: their name, description and general contact details are public.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Actor
from maillage.core.models import AuditEvent, PlatformInvitation, User
from maillage.core.personal import (
    Held,
    Row,
    Section,
    declare,
    exempt,
    register_anonymizer,
    register_export,
    rename_in_history,
    shared,
)
from maillage.core.slugs import unique_slug
from maillage.network.models import Function, Person, Seat
from maillage.network.selectors import person_of_account

PERSON_PURPOSE = _(
    "To know who takes part in the collective and to reach them about the collective's work."
)
SEATS_PURPOSE = _(
    "To know who represents each partner organization in the collective, and who replaces them."
)
FUNCTIONS_PURPOSE = _("To know which organizations a person works for, and in what function.")

declare(
    "network.Person",
    fields=["first_name", "last_name", "email", "phone"],
    purpose=PERSON_PURPOSE,
    seen_by=_("partner members and coordination staff"),
    kept=_("while the person takes part in the collective; then anonymized"),
)
declare(
    "network.Function",
    fields=["title"],
    purpose=FUNCTIONS_PURPOSE,
    seen_by=_("partner members and coordination staff"),
    kept=_("as long as the person's record"),
)
declare(
    "network.Seat",
    # Written by staff about the holder ("replaces Ms X until June"): it speaks of a person.
    fields=["note"],
    purpose=SEATS_PURPOSE,
    seen_by=_("partner members and coordination staff"),
    kept=_("as long as the seat's history; removed when its holder is anonymized"),
)
exempt(
    "network.Organization",
    fields=["name", "description", "email", "phone"],
    reason=_(
        "An organization is not a person: its name, description and general contact details "
        "are public."
    ),
)
exempt(
    "network.Sector",
    fields=["name_fr", "name_en"],
    reason=_("The name of a sector of activity."),
)


def _row_dates(start: date | None, end: date | None) -> dict[str, date | None]:
    return {gettext("Start date"): start, gettext("End date"): end}


def person_of(account: User) -> Person | None:
    """The account's record in the network, read once per export of "my data"."""
    return shared("network.person", account, lambda: person_of_account(viewer=account))


def export_network(account: User) -> list[Section]:
    person = person_of(account)
    if person is None:
        return []
    held = Held(
        account,
        functions=Function.objects.filter(person=person).values_list(
            "title", "organization__name", "start_date", "end_date"
        ),
        held_seats=Seat.objects.filter(holder=person).values_list(
            "organization__name", "start_date", "end_date", "note"
        ),
        substituted_seats=Seat.objects.filter(substitutes=person).values_list(
            "organization__name", "start_date", "end_date"
        ),
    )
    return [
        Section(
            key="network.person",
            title=_("Your record in the network"),
            purpose=PERSON_PURPOSE,
            rows=[
                Row(
                    {
                        gettext("First name"): person.first_name,
                        gettext("Last name"): person.last_name,
                        gettext("E-mail"): person.email,
                        gettext("Telephone"): person.phone,
                    }
                )
            ],
        ),
        Section(
            key="network.functions",
            title=_("Your functions"),
            purpose=FUNCTIONS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("Function"): title,
                            gettext("Organization"): name,
                            **_row_dates(start, end),
                        }
                    )
                    for title, name, start, end in held["functions"]
                ],
                "functions",
            ),
        ),
        Section(
            key="network.seats",
            title=_("Your seats"),
            purpose=SEATS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("Organization"): name,
                            gettext("As"): as_label,
                            **_row_dates(start, end),
                            gettext("Note"): note,
                        }
                    )
                    for as_label, seats in (
                        (gettext("holder"), held["held_seats"]),
                        (
                            gettext("substitute"),
                            ((*seat, "") for seat in held["substituted_seats"]),
                        ),
                    )
                    for name, start, end, note in seats
                ],
                "held_seats",
                "substituted_seats",
            ),
        ),
    ]


def _names_in_history(
    person: Person, own_events: QuerySet[AuditEvent]
) -> tuple[set[str], set[str]]:
    """Every full name the person has had (their events record the names given and changed,
    `{"last_name": ["Tremblay", "Tremblay-Roy"]}`), and their first and last names alone."""
    firsts, lasts = {person.first_name}, {person.last_name}
    for payload in own_events.filter(
        Q(payload__has_key="first_name") | Q(payload__has_key="last_name")
    ).values_list("payload", flat=True):
        for key, found in (("first_name", firsts), ("last_name", lasts)):
            value = payload.get(key)
            found.update(value if isinstance(value, list) else [value])
    firsts.discard(None)
    lasts.discard(None)
    full = {f"{first} {last}".strip() for first in firsts for last in lasts}
    return {name for name in full if name}, {name for name in firsts | lasts if name}


def anonymize_network(
    *, account: User, pseudonym: str, actor: Actor, remove_texts: bool = False
) -> None:
    """The person keeps their functions and seats, under the pseudonym, without contact details;
    the staff's notes on their seats go, and the history stops naming them."""
    person = person_of(account)
    if person is None:
        return
    person_type = ContentType.objects.get_for_model(Person)
    own_events = AuditEvent.objects.filter(target_type=person_type, target_id=str(person.pk))
    full_names, parts = _names_in_history(person, own_events)
    seats = list(
        Seat.objects.filter(Q(holder=person) | Q(substitutes=person))
        .values_list("pk", flat=True)
        .distinct()
    )
    Seat.objects.filter(holder=person).update(note="")
    Person.objects.filter(pk=person.pk).update(
        first_name=pseudonym,
        last_name="",
        email="",
        phone="",
        slug=unique_slug(Person, pseudonym, instance_pk=person.pk),
    )
    # The person's own history loses every name they had (and their address); the seats'
    # events, told in their organizations' histories, stop naming them as holder or substitute.
    rename_in_history(own_events, [*full_names, person.email], pseudonym, exact=parts)
    rename_in_history(AuditEvent.objects.filter(payload__seat__in=seats), full_names, pseudonym)
    PlatformInvitation.objects.filter(subject_type=person_type, subject_id=str(person.pk)).update(
        subject_repr=pseudonym
    )


register_export("network", export_network)
register_anonymizer("network", anonymize_network)
