"""Factories of the privacy app's records (the registers')."""

from __future__ import annotations

import datetime as dt

import factory

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Assessment, Incident, Officer


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    occurred_on = dt.date(2026, 3, 2)
    discovered_on = dt.date(2026, 3, 4)
    nature = "Courriel envoyé au mauvais destinataire"
    information = "Nom et adresse courriel de membres"
    people_count = 12
    people_description = "Membres d'un chantier"
    serious_risk = False
    risk_reasoning = "Information peu sensible, destinataire connu qui a supprimé le message."


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    project = factory.Sequence(lambda n: f"Projet évalué {n}")
    assessed_on = dt.date(2026, 2, 1)
    findings = "Coordonnées des membres, vues par le personnel seulement."
    measures = "Accès limité au personnel."
    covers = factory.LazyFunction(lambda: ["network"])


def officer_account() -> User:
    """An account named the person in charge (a member of the collective: not staff, so that a
    test shows the registers follow the nomination, not the role)."""
    account = user_with_role(Role.MEMBER)
    Officer.objects.create(account=account, title="Responsable", contact_email="rp@example.org")
    return account
