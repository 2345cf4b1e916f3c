"""Policies of circles and their versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.versions import lock
from maillage.governance.models import Circle, Policy, PolicyStatus, PolicyVersion
from maillage.governance.services._common import _iso, _refuse_archived, _require, _today, _user
from maillage.governance.verbs import GovernanceVerb


@dataclass
class PolicyData:
    title: str
    text: str
    review_date: date | None = None
    adopted_on: date | None = None  # at adoption only; today by default


def _policy_check(title: str, text: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the policy a title.")
    if not text.strip():
        errors["text"] = _("Write the text of the policy.")
    if errors:
        raise ValidationError(errors)


def _keep_version(actor: Actor, policy: Policy, note: str = "") -> Policy:
    """Earlier texts are kept: each adopted or amended text is a numbered version."""
    PolicyVersion.objects.create(
        policy=policy,
        number=policy.version,
        title=policy.title,
        text=policy.text,
        review_date=policy.review_date,
        note=note.strip()[:500],
        created_by=_user(actor),
    )
    return policy


@transaction.atomic
def policy_adopt(*, actor: Actor, circle: Circle, data: PolicyData) -> Policy:
    """Adopt a new policy of `circle`; its text is kept as version 1."""
    _require(actor, "governance.amend_policies", circle)
    _refuse_archived(circle, _("This circle is archived."))
    _policy_check(data.title, data.text)
    policy = Policy(
        circle=circle,
        title=data.title.strip(),
        text=data.text.strip(),
        adopted_on=data.adopted_on or _today(),
        review_date=data.review_date,
    )
    audit.audited_save(
        actor=actor,
        instance=policy,
        verb=GovernanceVerb.POLICY_ADOPTED,
        payload=lambda p: {
            "circle": circle.slug,
            "title": p.title,
            "adopted_on": p.adopted_on.isoformat(),
            "review_date": _iso(p.review_date),
        },
    )
    return _keep_version(actor, policy)


@transaction.atomic
def policy_amend(
    *,
    actor: Actor,
    policy: Policy,
    data: PolicyData,
    note: str = "",
    version: str | None = None,
) -> Policy:
    """Amend a policy: the new text becomes the next version, earlier ones are kept. A policy
    under review that is amended is active again. Refused when the policy changed since
    `version` (`StaleVersion`), the form's version (not the text's number)."""
    _require(actor, "governance.amend_policies", policy)
    lock(policy, version=version)
    if policy.status == PolicyStatus.RETIRED:
        raise ValidationError(_("A retired policy cannot be amended; adopt a new one."))
    _policy_check(data.title, data.text)
    before = {
        "title": policy.title,
        "text": policy.text,
        "review_date": _iso(policy.review_date),
    }
    after = {
        "title": data.title.strip(),
        "text": data.text.strip(),
        "review_date": _iso(data.review_date),
    }
    changes = audit.changes(before, after)
    if not changes:
        return policy
    policy.title = data.title.strip()
    policy.text = data.text.strip()
    policy.review_date = data.review_date
    policy.version += 1
    previous_status = policy.status
    policy.status = PolicyStatus.ACTIVE
    payload = {"version": policy.version, "changed": sorted(changes), "note": note.strip()}
    if previous_status != policy.status:
        payload["status"] = [previous_status, policy.status]
    audit.audited_save(
        actor=actor, instance=policy, verb=GovernanceVerb.POLICY_AMENDED, payload=payload
    )
    return _keep_version(actor, policy, note)


@transaction.atomic
def policy_set_status(
    *,
    actor: Actor,
    policy: Policy,
    status: str,
    review_date: date | None = None,
    note: str = "",
    version: str | None = None,
) -> Policy:
    """Put a policy under review, renew it (active again, with a new review date) or retire it.
    Retiring is final. Refused when the policy changed since `version` (`StaleVersion`)."""
    _require(actor, "governance.amend_policies", policy)
    lock(policy, version=version)
    if status not in PolicyStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if policy.status == PolicyStatus.RETIRED:
        raise ValidationError(_("A retired policy stays retired; adopt a new one."))
    review = review_date if review_date is not None else policy.review_date
    if policy.status == status and policy.review_date == review:
        return policy
    return audit.audited_set(
        actor=actor,
        instance=policy,
        verb=GovernanceVerb.POLICY_STATUS_CHANGED,
        values={"status": status, "review_date": review},
        validate=True,
        payload={
            "from": policy.status,
            "to": status,
            "review_date": [_iso(policy.review_date), _iso(review)],
            "note": note.strip(),
        },
    )


def policy_retire(*, actor: Actor, policy: Policy, note: str = "") -> Policy:
    return policy_set_status(actor=actor, policy=policy, status=PolicyStatus.RETIRED, note=note)
