"""Receivers that keep the planning app in step with the apps below it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from maillage.decisions.models import Decision
from maillage.decisions.signals import decision_taken
from maillage.planning.services.adoption import decision_adopt


@receiver(decision_taken, dispatch_uid="planning.decision_taken")
def adopt_what_was_consented(sender: Any, decision: Decision, **kwargs: Any) -> None:
    """A decision just taken: the plan or objectives its process carried are adopted."""
    decision_adopt(decision)
