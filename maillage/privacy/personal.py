"""What the privacy app holds about a person, for core's registry (`core.personal`): their
requests, consents and acceptances of the policy in "my data", and the retention of inactive
accounts; the person in charge's own records are in `personal_officer`, imported here so that one
module registers the app's part."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.personal import (
    Expired,
    RetentionRule,
    Row,
    Section,
    declare,
    exempt,
    register_export,
    register_retention,
)
from maillage.core.roles import Role
from maillage.privacy import personal_officer  # noqa: F401 (registrations)
from maillage.privacy.models.mydata import COPY_DAYS

# Inactive accounts are anonymized three years after their last login.
INACTIVE_PERIOD = timedelta(days=3 * 365)


def export_requests(account: User) -> Iterable[Section]:
    from maillage.privacy.models import Request
    from maillage.privacy.workflows import REQUEST

    rows = [
        Row(
            {
                _("Number"): item.pk,
                _("Kind"): item.get_kind_display(),
                _("Message"): item.message,
                _("Also remove the texts I wrote"): item.remove_texts,
                _("Status"): str(REQUEST.label(item.status)),
                _("Received"): item.received_at,
                _("Due"): item.due_at,
                _("Answered"): item.completed_at,
                _("Reason of the refusal"): item.refusal_reason,
            }
        )
        for item in Request.objects.filter(account=account).order_by("received_at", "pk")
    ]
    return [
        Section(
            key="privacy.requests",
            title=gettext_lazy("My requests about my personal information"),
            purpose=gettext_lazy(
                "To answer your requests within the legal deadline and to show that we did."
            ),
            rows=rows,
        )
    ]


def export_consents(account: User) -> Iterable[Section]:
    """Every answer the person gave, kept with its date and the policy they were told (a
    withdrawal does not erase the consent before it), and each version of the policy accepted."""
    from django.urls import reverse

    from maillage.privacy.models import Consent, PolicyAcceptance

    change = reverse("privacy:consents")
    consents = Consent.objects.filter(account=account).select_related("policy_version")
    accepted = PolicyAcceptance.objects.filter(account=account).select_related("version")
    return [
        Section(
            key="privacy.consents",
            title=gettext_lazy("My consents"),
            purpose=gettext_lazy(
                "To do only what you agreed to, and to show when you agreed or withdrew."
            ),
            rows=[
                Row(
                    {
                        _("Purpose"): item.get_purpose_display(),
                        _("Given"): item.given,
                        _("Date"): item.at,
                        _("Policy version"): (
                            item.policy_version.number if item.policy_version else None
                        ),
                    },
                    correct_url=change,
                )
                for item in consents.order_by("at", "pk")
            ],
        ),
        Section(
            key="privacy.policy_acceptances",
            title=gettext_lazy("Privacy policy versions you accepted"),
            purpose=gettext_lazy("To know which version of the policy you were told about."),
            rows=[
                Row({_("Version"): item.version.number, _("Accepted on"): item.accepted_at})
                for item in accepted.order_by("accepted_at", "pk")
            ],
        ),
    ]


def _inactive(now: datetime) -> Any:
    from maillage.privacy.models import Officer
    from maillage.privacy.services.anonymization import ANONYMOUS_DOMAIN

    cutoff = now - INACTIVE_PERIOD
    officer = Officer.objects.order_by("-created_at", "-pk").values_list("account_id", flat=True)
    accounts = (
        User.objects.filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        # Never the staff's nor the administrators' accounts, nor the person in charge's.
        .exclude(role__in=[Role.STAFF, Role.ADMIN])
        .exclude(is_superuser=True)
        .exclude(is_staff=True)
        .exclude(email__endswith="@" + ANONYMOUS_DOMAIN)
    )
    first = officer.first()
    if first is not None:
        accounts = accounts.exclude(pk=first)
    return accounts.order_by("pk")


def expired_accounts(now: datetime) -> list[Expired]:
    return [
        Expired(pk, _("Account no. %(number)s") % {"number": pk})
        for pk in _inactive(now).values_list("pk", flat=True)
    ]


def remove_accounts(pks: Iterable[Any], actor: Actor) -> int:
    """Anonymize exactly the accounts among `pks` that are still expired now (one may have
    logged in since the list was made)."""
    from django.utils import timezone

    from maillage.privacy.services.anonymization import account_anonymize

    count = 0
    for account in _inactive(timezone.now()).filter(pk__in=list(pks)):
        account_anonymize(actor=actor, account=account, remove_texts=False)
        count += 1
    return count


declare(
    "privacy.Request",
    fields=["message", "refusal_reason"],
    purpose=gettext_lazy("To answer a person's request about their personal information."),
    seen_by=gettext_lazy(
        "the person, the person in charge of personal information, the administrators and the "
        "coordination staff"
    ),
    kept=gettext_lazy("while the account exists; under a pseudonym once it is anonymized"),
)
# The registers describe incidents and the people they affected, for the person in charge.
declare(
    "privacy.Incident",
    fields=["nature", "information", "people_description", "risk_reasoning", "measures"],
    purpose=gettext_lazy(
        "To keep the register of confidentiality incidents the law requires, and to notify the "
        "people affected."
    ),
    seen_by=gettext_lazy("the person in charge of personal information and administrators"),
    kept=gettext_lazy("as long as the law requires the register to be kept"),
)
exempt(
    "privacy.Assessment",
    fields=["findings", "measures"],
    reason=gettext_lazy("What an assessment found about a project, not about a person."),
)
exempt(
    "privacy.PolicyVersion",
    fields=["text_fr", "text_en", "changes_fr", "changes_en"],
    reason=gettext_lazy("The collective's privacy policy, published for everyone."),
)

register_export("privacy.requests", export_requests)
register_export("privacy.consents", export_consents)


def expired_copies(now: datetime) -> list[Expired]:
    from maillage.privacy.services.mydata import expired_copies as past

    return [
        Expired(pk, _("Copy of my data no. %(number)s") % {"number": pk})
        for pk in past(now).order_by("pk").values_list("pk", flat=True)
    ]


def remove_copies(pks: Iterable[Any], actor: Actor) -> int:
    from maillage.privacy.services.mydata import data_copies_remove

    return data_copies_remove(pks=pks)


register_retention(
    RetentionRule(
        key="privacy.data_copies",
        label=gettext_lazy("Copies of my data"),
        period=timedelta(days=COPY_DAYS),
        since=gettext_lazy("the copy was made"),
        action=gettext_lazy("deleted"),
        expired=expired_copies,
        remove=remove_copies,
    )
)
register_retention(
    RetentionRule(
        key="privacy.inactive_accounts",
        label=gettext_lazy("Inactive accounts"),
        period=INACTIVE_PERIOD,
        since=gettext_lazy("the last login"),
        action=gettext_lazy("anonymized"),
        expired=expired_accounts,
        remove=remove_accounts,
    )
)
