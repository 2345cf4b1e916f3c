from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from maillage.core.audit import verb_label
from maillage.core.selectors import history_for

register = template.Library()


@register.inclusion_tag("core/_history.html", takes_context=True)
def history(context: dict[str, Any], target: models.Model) -> dict[str, Any]:
    """The audit history of `target`, as a list of who did what and when."""
    return {"events": list(history_for(target)), "request": context.get("request")}


@register.filter
def verb(value: str) -> str:
    return verb_label(value)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (pagination keeps filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return str(params.urlencode())
