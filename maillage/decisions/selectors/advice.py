"""Who is asked for advice in an advice process: the people named and the current members of
the circles asked."""

from __future__ import annotations

from django.db.models import Q

from maillage.decisions.models import AdviceRequest, Process
from maillage.network.models import Person


def asked_people(process: Process) -> list[Person]:
    """The people asked, by name or as members of a circle asked, by name (two queries)."""
    requests = list(AdviceRequest.objects.filter(process=process).values_list("person", "circle"))
    people = [p for p, _c in requests if p]
    circles = [c for _p, c in requests if c]
    return list(
        Person.objects.filter(
            Q(pk__in=people)
            | Q(memberships__circle_id__in=circles, memberships__ended_at__isnull=True)
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
