"""Publishing the privacy policy, and an account's acceptance of it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from maillage.core.audit import record
from maillage.core.models import User
from maillage.core.permissions import Actor, require
from maillage.privacy.models import PolicyAcceptance, PolicyVersion
from maillage.privacy.verbs import PolicyVerb


@transaction.atomic
def policy_publish(
    *,
    actor: Actor,
    text_fr: str,
    text_en: str = "",
    changes_fr: str = "",
    changes_en: str = "",
) -> PolicyVersion:
    """Publish the next version; it is in force at once."""
    require(actor, "privacy.publish_policy")
    if not text_fr.strip():
        raise ValidationError({"text_fr": _("The policy needs its French text.")})
    # Read under the transaction: two publications at once cannot take the same number (the
    # unique constraint refuses the second).
    last = PolicyVersion.objects.aggregate(last=Max("number"))["last"] or 0
    if last and not changes_fr.strip():
        raise ValidationError(
            {"changes_fr": _("Say what changed since version %(number)d.") % {"number": last}}
        )
    version = PolicyVersion.objects.create(
        number=last + 1,
        text_fr=text_fr.strip(),
        text_en=text_en.strip(),
        changes_fr=changes_fr.strip(),
        changes_en=changes_en.strip(),
        published_by=actor if isinstance(actor, User) else None,
    )
    record(actor=actor, verb=PolicyVerb.PUBLISHED, target=version, payload={"number": last + 1})
    return version


@transaction.atomic
def policy_accept(*, actor: User, version: PolicyVersion) -> PolicyAcceptance:
    """`actor` accepts `version` (the one in force when they read it); accepting it again
    changes nothing."""
    acceptance, created = PolicyAcceptance.objects.get_or_create(account=actor, version=version)
    if created:
        record(
            actor=actor,
            verb=PolicyVerb.ACCEPTED,
            target=version,
            payload={"number": version.number},
        )
    return acceptance
