"""Receivers that keep the funding app in step with the apps below it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from maillage.decisions.models import Decision
from maillage.decisions.signals import decision_taken
from maillage.funding.services.recommendations import decision_apply


@receiver(decision_taken, dispatch_uid="funding.decision_taken")
def apply_recommendation(sender: Any, decision: Decision, **kwargs: Any) -> None:
    """A decision just taken: when it consents to a review committee's recommendation, each
    application's result is set and the money of the accepted ones committed."""
    decision_apply(decision)
