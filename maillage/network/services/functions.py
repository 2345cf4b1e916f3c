"""The functions people hold in organizations."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import require
from maillage.core.versions import lock
from maillage.network.models import Function, Organization, Person
from maillage.network.services._common import end_on
from maillage.network.verbs import NetworkVerb


@transaction.atomic
def function_add(
    *,
    actor: Actor,
    person: Person,
    organization: Organization,
    title: str,
    start_date: date | None = None,
) -> Function:
    require(actor, "network.manage")
    function = Function(
        person=person, organization=organization, title=title.strip(), start_date=start_date
    )
    return audit.audited_save(
        actor=actor,
        instance=function,
        verb=NetworkVerb.FUNCTION_ADDED,
        target=person,
        payload=lambda f: {"function": f.pk, "organization": organization.name, "title": f.title},
    )


@transaction.atomic
def function_end(*, actor: Actor, function: Function, end_date: date | None = None) -> Function:
    require(actor, "network.manage")
    lock(function)
    if function.end_date is not None:
        raise ValidationError({"end_date": _("This function has already ended.")})
    return end_on(actor=actor, tie=function, end_date=end_date)
