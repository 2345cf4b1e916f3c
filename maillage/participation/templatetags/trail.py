"""`{% load trail %}`: an input's status as the public reads it."""

from __future__ import annotations

from django import template

from maillage.core.models import in_language
from maillage.participation import workflows

register = template.Library()


@register.filter
def public_status(status: str) -> str:
    """The public label of a status of the influence trail (`workflows.TRAIL`)."""
    return str(workflows.TRAIL.label(status, public=True))


@register.filter
def bilingual(obj: object, name: str) -> str:
    """`obj`'s `<name>_fr` or `<name>_en` in the active language (the French one when the
    English is blank)."""
    french = str(getattr(obj, f"{name}_fr", "") or "")
    return in_language(french, str(getattr(obj, f"{name}_en", "") or "") or french)
