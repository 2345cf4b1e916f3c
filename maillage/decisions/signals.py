"""Signals the decisions app sends, for the apps above it (which it never names)."""

from __future__ import annotations

from django.dispatch import Signal

# A process closed into a decision: `decision` (a `models.Decision`), sent inside the transaction
# that wrote it, once its structural changes are applied. The meetings app notes in which meeting
# it was taken and whether that meeting had its quorum (`services.decision_meeting_note`).
decision_taken = Signal()
