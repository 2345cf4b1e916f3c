"""Core's own entries in the registry of personal information (`core.personal`): accounts, their
notifications, the invitations to the platform, imports and the audit log.

Core's `personal` module is the registry itself, so its own declarations live here, loaded by
`personal.load()` before every other app's.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Actor
from maillage.core.models import (
    AuditEvent,
    EmailDelivery,
    ImportJob,
    Notification,
    NotificationPreference,
    PlatformInvitation,
    User,
)
from maillage.core.personal import (
    Held,
    Row,
    Section,
    addresses_of,
    declare,
    register_anonymizer,
    register_export,
    rename_in_history,
)
from maillage.core.roles import Role
from maillage.core.workflows import IMPORT_JOB

ACCOUNT_PURPOSE = _("To let you sign in, recognize you and write to you.")
declare(
    "core.User",
    fields=["email", "first_name", "last_name"],
    purpose=ACCOUNT_PURPOSE,
    seen_by=_("you, coordination staff and administrators"),
    kept=_("while the account is open; it is anonymized after a long period without sign-in"),
)
NOTIFICATIONS_PURPOSE = _("To tell you what concerns you on the platform.")
declare(
    "core.Notification",
    fields=["subject", "body"],
    purpose=NOTIFICATIONS_PURPOSE,
    seen_by=_("you alone"),
    kept=_("while the account is open"),
)
PREFERENCES_PURPOSE = _("To write to you how and in the language you chose.")
declare(
    "core.NotificationPreference",
    fields=["email_delivery", "language"],
    purpose=PREFERENCES_PURPOSE,
    seen_by=_("you alone"),
    kept=_("while the account is open"),
)
IMPORTS_PURPOSE = _("To check and apply a file you imported, and to show you its report.")
declare(
    "core.ImportJob",
    fields=["file_name", "text"],
    purpose=IMPORTS_PURPOSE,
    seen_by=_("you alone (the person who uploaded the file)"),
    kept=_("the file's content until it is imported or abandoned; its report after that"),
)
INVITATIONS_PURPOSE = _("To invite you to open an account with a role, and to follow up.")
declare(
    "core.PlatformInvitation",
    fields=["email", "subject_repr"],
    purpose=INVITATIONS_PURPOSE,
    seen_by=_("coordination staff and administrators"),
    kept=_("as long as the history of invitations is kept"),
)
declare(
    "core.AuditEvent",
    fields=["target_repr", "payload"],
    purpose=_(
        "The collective's history of what was done on the platform, by whom and when, which "
        "may name the people concerned."
    ),
    seen_by=_("those who may see the record the event concerns"),
    kept=_("as long as the record it concerns; names are replaced on anonymization"),
)


def _date(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value is not None else None


def export_core(account: User) -> list[Section]:
    preference = NotificationPreference.objects.filter(user=account).first()
    delivery = EmailDelivery(preference.email_delivery) if preference else EmailDelivery.IMMEDIATE
    # Without a choice, the e-mails are written in the platform's language: say which.
    chosen = preference.language if preference else settings.LANGUAGE_CODE
    language = str(dict(settings.LANGUAGES).get(chosen, chosen))
    sections = [
        Section(
            key="core.account",
            title=_("Your account"),
            purpose=ACCOUNT_PURPOSE,
            rows=[
                Row(
                    {
                        gettext("E-mail address"): account.email,
                        gettext("First name"): account.first_name,
                        gettext("Last name"): account.last_name,
                        gettext("Role"): str(Role(account.role).label),
                        gettext("Account active"): account.is_active,
                        gettext("Joined"): _date(account.date_joined),
                        gettext("Last sign-in"): _date(account.last_login),
                    },
                    correct_url=reverse("account_email"),
                )
            ],
        ),
        Section(
            key="core.notification_preferences",
            title=_("Notification preferences"),
            purpose=PREFERENCES_PURPOSE,
            rows=[
                Row(
                    {
                        gettext("Notification e-mails"): str(delivery.label),
                        gettext("Language of the e-mails"): language,
                    },
                    correct_url=reverse("core:notification_preferences"),
                )
            ],
        ),
    ]
    held = Held(
        account,
        notifications=Notification.objects.filter(recipient=account).values_list(
            "subject", "body", "created_at", "read_at"
        ),
        invitations=PlatformInvitation.objects.filter(email__in=addresses_of(account)).values_list(
            "email", "role", "subject_repr", "created_at", "expires_at", "accepted_at", "revoked_at"
        ),
        imports=ImportJob.objects.filter(uploaded_by=account).values_list(
            "file_name", "kind", "state", "total_rows", "created_at", "finished_at"
        ),
    )
    states = dict(IMPORT_JOB.choices)
    sections += [
        Section(
            key="core.notifications",
            title=_("Notifications received"),
            purpose=NOTIFICATIONS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("Subject"): subject,
                            gettext("Message"): body,
                            gettext("Received"): _date(created),
                            gettext("Read"): _date(read),
                        }
                    )
                    for subject, body, created, read in held["notifications"]
                ],
                "notifications",
            ),
        ),
        Section(
            key="core.platform_invitations",
            title=_("Invitations to the platform sent to you"),
            purpose=INVITATIONS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("E-mail address"): email,
                            gettext("Role granted"): str(Role(role).label),
                            gettext("For"): subject,
                            gettext("Sent"): _date(created),
                            gettext("Expires"): _date(expires),
                            gettext("Accepted"): _date(accepted),
                            gettext("Withdrawn"): _date(revoked),
                        }
                    )
                    for email, role, subject, created, expires, accepted, revoked in held[
                        "invitations"
                    ]
                ],
                "invitations",
            ),
        ),
        Section(
            key="core.imports",
            title=_("Files you imported"),
            purpose=IMPORTS_PURPOSE,
            rows=held.lazy(
                lambda: [
                    Row(
                        {
                            gettext("File"): file_name,
                            gettext("Kind"): kind,
                            gettext("State"): str(states.get(state, state)),
                            gettext("Rows"): rows,
                            gettext("Uploaded"): _date(created),
                            gettext("Finished"): _date(finished),
                        }
                    )
                    for file_name, kind, state, rows, created, finished in held["imports"]
                ],
                "imports",
            ),
        ),
    ]
    return sections


def anonymize_core(
    *, account: User, pseudonym: str, actor: Actor, remove_texts: bool = False
) -> None:
    """Core's records other than the account itself (which the privacy app anonymizes): the
    invitations sent to its addresses lose them (a pending one is withdrawn: nobody could accept
    it), its imports lose the file's name and content, its notifications (they served it alone)
    are deleted, and the history of the account stops naming it."""
    now = timezone.now()
    addresses = addresses_of(account)
    invitations = PlatformInvitation.objects.filter(email__in=addresses)
    invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    invitations.update(email="")
    ImportJob.objects.filter(uploaded_by=account).update(
        file_name=Concat(Value("import-"), Cast("pk", output_field=models.CharField())),
        text="",
    )
    Notification.objects.filter(recipient=account).delete()
    rename_in_history(
        AuditEvent.objects.filter(
            Q(target_type__app_label="core", target_type__model="user", target_id=str(account.pk))
        ),
        [account.get_full_name(), *addresses],
        pseudonym,
    )


register_export("core", export_core)
register_anonymizer("core", anonymize_core)
