"""The functions people hold in organizations."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import require
from maillage.network.models import Function, Organization, Person
from maillage.network.services._common import today
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
    function.full_clean()
    function.save()
    audit.record(
        actor=actor,
        verb=NetworkVerb.FUNCTION_ADDED,
        target=person,
        payload={
            "function": function.pk,
            "organization": organization.name,
            "title": function.title,
        },
    )
    return function


@transaction.atomic
def function_end(*, actor: Actor, function: Function, end_date: date | None = None) -> Function:
    require(actor, "network.manage")
    if function.end_date is not None:
        raise ValidationError({"end_date": _("This function has already ended.")})
    function.end_date = end_date or today()
    function.full_clean()
    function.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        verb=NetworkVerb.FUNCTION_ENDED,
        target=function.person,
        payload={
            "function": function.pk,
            "title": function.title,
            "end_date": function.end_date.isoformat(),
        },
    )
    return function
