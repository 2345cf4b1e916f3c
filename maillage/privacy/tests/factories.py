"""Factories of the privacy app."""

from __future__ import annotations

from maillage.core.permissions import SYSTEM
from maillage.privacy.models import PolicyVersion
from maillage.privacy.services.policy import policy_publish


def publish(text_fr: str, text_en: str = "", changes_fr: str = "") -> PolicyVersion:
    """A new version of the policy, published by the platform."""
    if PolicyVersion.objects.exists() and not changes_fr:
        changes_fr = "Changements."
    return policy_publish(actor=SYSTEM, text_fr=text_fr, text_en=text_en, changes_fr=changes_fr)
