"""What each account consented to. Other apps filter on `consenting_accounts(purpose)`, so that
a consent withdrawn is honoured by their next read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from maillage.core.models import User
from maillage.privacy.models import EXPLANATIONS, Consent, Purpose


def _latest(queryset: QuerySet[Consent]) -> QuerySet[Consent]:
    """The records no later record of the same account and purpose replaced."""
    later = Consent.objects.filter(account=OuterRef("account"), purpose=OuterRef("purpose")).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))
    )
    return queryset.exclude(Exists(later))


def consenting_accounts(purpose: Purpose | str) -> QuerySet[Consent, Any]:
    """The ids of the accounts whose consent to `purpose` is in force, as a subquery:
    `…filter(user_id__in=consenting_accounts(Purpose.NEWSLETTER))`. No record: not given."""
    return _latest(Consent.objects.filter(purpose=purpose)).filter(given=True).values("account_id")


def has_consent(account: User | None, purpose: Purpose | str) -> bool:
    if account is None or not account.pk:
        return False
    latest = Consent.objects.filter(account=account, purpose=purpose).order_by("-at", "-pk")
    given = latest.values_list("given", flat=True).first()
    return bool(given)


@dataclass(frozen=True)
class ConsentState:
    purpose: Purpose
    explanation: str
    given: bool
    since: Consent | None  # the record in force, None when the account never answered


def consents_of(account: User) -> list[ConsentState]:
    """Every purpose with the account's answer in force, in one query."""
    latest: dict[str, Consent] = {}
    for consent in Consent.objects.filter(account=account).order_by("at", "pk"):
        latest[consent.purpose] = consent
    return [
        ConsentState(
            purpose=purpose,
            explanation=str(EXPLANATIONS[purpose]),
            given=bool(latest.get(purpose) and latest[purpose].given),
            since=latest.get(purpose),
        )
        for purpose in Purpose
    ]
