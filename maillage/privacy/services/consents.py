"""An account's consent per purpose, given or withdrawn, kept as a history."""

from __future__ import annotations

from django.db import transaction

from maillage.core.audit import record
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.privacy.models import Consent, PolicyVersion, Purpose
from maillage.privacy.verbs import ConsentVerb


@transaction.atomic
def consent_set(*, actor: User, account: User, purpose: Purpose | str, given: bool) -> Consent:
    """Record `account`'s answer for `purpose`; only the account itself answers. An answer equal
    to the one in force writes nothing (the history keeps the changes)."""
    require(actor, "privacy.change_consent", account)
    purpose = Purpose(purpose)
    current = (
        Consent.objects.filter(account=account, purpose=purpose).order_by("-at", "-pk").first()
    )
    if current is not None and current.given == given:
        return current
    consent = Consent.objects.create(
        account=account,
        purpose=purpose,
        given=given,
        policy_version=PolicyVersion.objects.order_by("-number").first(),
    )
    record(
        actor=actor,
        verb=ConsentVerb.GIVEN if given else ConsentVerb.WITHDRAWN,
        target=account,
        payload={"purpose": purpose.value, "given": given},
    )
    return consent


@transaction.atomic
def consents_set(*, actor: User, account: User, answers: dict[str, bool]) -> list[Consent]:
    """Several answers at once (the consents page): all recorded, or none."""
    return [
        consent_set(actor=actor, account=account, purpose=purpose, given=given)
        for purpose, given in answers.items()
    ]
