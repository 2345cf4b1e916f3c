"""Applications: who may read them and who acts for the applying organization."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from maillage.core.models import User
from maillage.funding.models import Application


def applicant_accounts(application: Application) -> QuerySet[User]:
    """The active accounts of the people acting for the applying organization (an open function,
    a seat held or substituted on), and the account that started the application."""
    today = timezone.localdate()
    org = application.organization_id
    open_function = Q(person__functions__end_date__isnull=True) | Q(
        person__functions__end_date__gte=today
    )
    by_function = Q(person__functions__organization_id=org) & open_function
    open_seat = Q(person__seats__end_date__isnull=True) | Q(person__seats__end_date__gte=today)
    by_seat = Q(person__seats__organization_id=org) & open_seat
    open_substitute = Q(person__substitute_seats__end_date__isnull=True) | Q(
        person__substitute_seats__end_date__gte=today
    )
    by_substitute = Q(person__substitute_seats__organization_id=org) & open_substitute
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk=application.created_by_id) | by_function | by_seat | by_substitute)
        .distinct()
        .order_by("pk")
    )
