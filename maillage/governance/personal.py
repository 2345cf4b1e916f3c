"""The collaboration model's personal information (Québec's Law 25).

Who holds which role and who belongs to which circle or workstream is the collective's record: it
stays when a person is anonymized, under their pseudonym. The collective's own texts (purposes,
mandates, accountabilities, policies) only look personal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Actor
from maillage.core.models import AuditEvent, User
from maillage.core.personal import (
    Held,
    Row,
    Section,
    addresses_of,
    declare,
    exempt,
    register_anonymizer,
    register_export,
    rename_in_history,
)
from maillage.governance.models import (
    Announcement,
    CalendarFeed,
    Circle,
    Deliverable,
    Document,
    DocumentVersion,
    EndReason,
    Invitation,
    InvitationKind,
    Membership,
    MembershipKind,
    MembershipSource,
    Role,
    RoleAssignment,
    Workstream,
)
from maillage.network.models import Person
from maillage.network.personal import person_of

ROLES_PURPOSE = _("To know who holds each role of the collective, for how long, and for whom.")
MEMBERSHIPS_PURPOSE = _("To know who belongs to each circle and workstream, to count quorums.")
INVITATIONS_PURPOSE = _("To invite someone by e-mail to join a workstream.")
WRITINGS_PURPOSE = _("To share news and documents with the members of a workstream.")

declare(
    "governance.Membership",
    # Written by staff about the member.
    fields=["note"],
    purpose=MEMBERSHIPS_PURPOSE,
    seen_by=_("the members of the circle or workstream and coordination staff"),
    kept=_("as long as the membership's history; removed when the member is anonymized"),
)
declare(
    "governance.Invitation",
    fields=["email", "message"],
    purpose=INVITATIONS_PURPOSE,
    seen_by=_("the workstream's coordinators and coordination staff"),
    kept=_("as long as the workstream's history; removed when the person is anonymized"),
)
declare(
    "governance.Announcement",
    fields=["title", "text"],
    purpose=WRITINGS_PURPOSE,
    seen_by=_("the members of the workstream"),
    kept=_("as long as the workstream; the text goes if its author asks it on anonymization"),
)
declare(
    "governance.Document",
    fields=["description"],
    purpose=WRITINGS_PURPOSE,
    seen_by=_("the members of the workstream"),
    kept=_("as long as the workstream; the text goes if its author asks it on anonymization"),
)
declare(
    "governance.DocumentVersion",
    fields=["note"],
    purpose=WRITINGS_PURPOSE,
    seen_by=_("the members of the workstream"),
    kept=_("as long as the workstream; the text goes if its author asks it on anonymization"),
)
exempt(
    "governance.Circle",
    fields=["name", "purpose"],
    reason=_("A circle's name and purpose belong to the collective, not to a person."),
)
exempt(
    "governance.Workstream",
    fields=["name", "mandate"],
    reason=_("A workstream's name and mandate belong to the collective, not to a person."),
)
exempt(
    "governance.Role",
    fields=["name", "purpose"],
    reason=_("A role is described for whoever holds it, not about a person."),
)
exempt(
    "governance.Accountability",
    fields=["text"],
    reason=_("What a circle or a role is accountable for, not about a person."),
)
exempt(
    "governance.Policy",
    fields=["text"],
    reason=_("A policy adopted by a circle is the collective's text."),
)
exempt(
    "governance.PolicyVersion",
    fields=["text", "note"],
    reason=_("A version of a policy and why it changed are the collective's record."),
)
exempt(
    "governance.Strategy",
    fields=["name_fr", "name_en", "description_fr", "description_en"],
    reason=_("The strategies are the collective's taxonomy."),
)


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value is not None else None


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else ""


def _group(circle: str | None, workstream: str | None) -> str:
    return circle or workstream or ""


def _addresses(account: User, person: Person | None) -> list[str]:
    found = set(addresses_of(account))
    if person is not None and person.email:
        found.add(person.email.lower())
    return sorted(found)


_ROLE_COLUMNS = (
    "role__name",
    "role__circle__name",
    "role__workstream__name",
    "start_date",
    "term_end",
    "ended_at",
)


def _role_rows(held: Held) -> list[Row]:
    rows = []
    for as_label, assignments in (
        (gettext("holder"), held["held_roles"]),
        (gettext("substitute"), held["substituted_roles"]),
    ):
        for name, circle, workstream, start, term_end, ended in assignments:
            rows.append(
                Row(
                    {
                        gettext("Role"): name,
                        gettext("Circle or workstream"): _group(circle, workstream),
                        gettext("As"): as_label,
                        gettext("Start date"): start,
                        gettext("Term end"): term_end,
                        gettext("Ended"): _local(ended),
                    }
                )
            )
    return rows


def _membership_rows(memberships: Iterable[Any]) -> list[Row]:
    return [
        Row(
            {
                gettext("Circle or workstream"): _group(circle, workstream),
                gettext("Kind"): _label(MembershipKind, kind),
                gettext("Source"): _label(MembershipSource, source),
                gettext("Start date"): start,
                gettext("Ended"): _local(ended),
                gettext("Reason for ending"): _label(EndReason, reason),
                gettext("Note"): note,
            }
        )
        for circle, workstream, kind, source, start, ended, reason, note in memberships
    ]


def export_governance(account: User) -> list[Section]:
    """Everything the app keeps of `account`, one query per kind held."""
    person = person_of(account)
    kinds: dict[str, QuerySet[Any]] = {
        "invitations": Invitation.objects.filter(email__in=_addresses(account, person)).values_list(
            "workstream__name",
            "email",
            "kind",
            "message",
            "created_at",
            "accepted_at",
            "revoked_at",
        ),
        "announcements": Announcement.objects.filter(author=account).values_list(
            "workstream__name", "title", "text", "created_at"
        ),
        "documents": Document.objects.filter(created_by=account).values_list(
            "workstream__name", "title", "description", "created_at"
        ),
        "versions": DocumentVersion.objects.filter(uploaded_by=account).values_list(
            "document__workstream__name", "document__title", "note", "uploaded_at"
        ),
    }
    if person is not None:
        kinds |= {
            "held_roles": RoleAssignment.objects.filter(person=person).values_list(*_ROLE_COLUMNS),
            "substituted_roles": RoleAssignment.objects.filter(substitutes=person).values_list(
                *_ROLE_COLUMNS
            ),
            "memberships": Membership.objects.filter(person=person).values_list(
                "circle__name",
                "workstream__name",
                "kind",
                "source",
                "start_date",
                "ended_at",
                "end_reason",
                "note",
            ),
            "deliverables": Deliverable.objects.filter(owner=person).values_list(
                "title", "workstream__name", "due_date", "done"
            ),
        }
    held = Held(account, **kinds)
    sections = []
    if person is not None:
        sections += [
            Section(
                key="governance.roles",
                title=_("Your roles"),
                purpose=ROLES_PURPOSE,
                rows=held.lazy(lambda: _role_rows(held), "held_roles", "substituted_roles"),
            ),
            Section(
                key="governance.memberships",
                title=_("Your circles and workstreams"),
                purpose=MEMBERSHIPS_PURPOSE,
                rows=held.lazy(lambda: _membership_rows(held["memberships"]), "memberships"),
            ),
            Section(
                key="governance.deliverables",
                title=_("Deliverables you carry"),
                purpose=MEMBERSHIPS_PURPOSE,
                rows=held.lazy(
                    lambda: [
                        Row(
                            {
                                gettext("Deliverable"): title,
                                gettext("Workstream"): workstream,
                                gettext("Due date"): due,
                                gettext("Done"): done,
                            }
                        )
                        for title, workstream, due, done in held["deliverables"]
                    ],
                    "deliverables",
                ),
            ),
        ]
    sections += [
        Section(
            key="governance.invitations",
            title=_("Invitations to a workstream sent to you"),
            purpose=INVITATIONS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("Workstream"): workstream,
                            gettext("E-mail"): email,
                            gettext("Kind"): _label(InvitationKind, kind),
                            gettext("Message"): message,
                            gettext("Sent"): _local(sent),
                            gettext("Accepted"): _local(accepted),
                            gettext("Revoked"): _local(revoked),
                        }
                    )
                    for workstream, email, kind, message, sent, accepted, revoked in held[
                        "invitations"
                    ]
                ],
                "invitations",
            ),
        ),
        Section(
            key="governance.writings",
            title=_("What you wrote in workstreams"),
            purpose=WRITINGS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("Workstream"): workstream,
                            gettext("Kind"): kind,
                            gettext("Title"): title,
                            gettext("Text"): text,
                            gettext("Date"): _local(written),
                        }
                    )
                    for kind, rows in (
                        (gettext("announcement"), held["announcements"]),
                        (gettext("document"), held["documents"]),
                        (gettext("document version"), held["versions"]),
                    )
                    for workstream, title, text, written in rows
                ],
                "announcements",
                "documents",
                "versions",
            ),
        ),
    ]
    return sections


def anonymize_governance(
    *, account: User, pseudonym: str, actor: Actor, remove_texts: bool = False
) -> None:
    """Roles, memberships and deliverables stay (under the pseudonym the network gives the
    person); invitations sent to the person lose their address and message, staff notes on
    their memberships go, their calendar link stops working, the history of their roles and
    groups stops naming them, and what they wrote goes if they asked it."""
    person = person_of(account)
    invitations = Invitation.objects.filter(email__in=_addresses(account, person))
    invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    invitations.update(email="", message="")
    CalendarFeed.objects.filter(user=account).update(
        generation=F("generation") + 1, reset_at=timezone.now()
    )
    if remove_texts:
        Announcement.objects.filter(author=account).update(text="")
        Document.objects.filter(created_by=account).update(description="")
        DocumentVersion.objects.filter(uploaded_by=account).update(note="")
    if person is None:
        return
    Membership.objects.filter(person=person).update(note="")
    # Role and membership events are told in the role's or group's history, naming the person.
    roles = RoleAssignment.objects.filter(Q(person=person) | Q(substitutes=person)).values("role")
    memberships = Membership.objects.filter(person=person)
    types = ContentType.objects.get_for_models(Role, Circle, Workstream)
    targets = (
        Q(target_type=types[Role], target_id__in=_ids(roles.values_list("role", flat=True)))
        | Q(
            target_type=types[Circle],
            target_id__in=_ids(memberships.values_list("circle", flat=True)),
        )
        | Q(
            target_type=types[Workstream],
            target_id__in=_ids(memberships.values_list("workstream", flat=True)),
        )
    )
    rename_in_history(AuditEvent.objects.filter(targets), [str(person)], pseudonym)


def _ids(values: Any) -> list[str]:
    """Audit events name their target by a text key."""
    return sorted({str(value) for value in values if value is not None})


register_export("governance", export_governance)
register_anonymizer("governance", anonymize_governance)
