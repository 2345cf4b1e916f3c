"""Receivers that keep the meetings app in step with the apps below it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from maillage.decisions.models import Decision
from maillage.decisions.signals import decision_taken
from maillage.meetings import services


@receiver(decision_taken, dispatch_uid="meetings.decision_taken")
def note_meeting_of_decision(sender: Any, decision: Decision, **kwargs: Any) -> None:
    """A decision just taken: the meeting it was taken in, if any, and that meeting's quorum."""
    services.decision_meeting_sync(decision)
