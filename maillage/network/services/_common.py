"""What the network services share: the labels of their audit verbs, slugs, changes between two
snapshots, today."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from maillage.core import audit

# Every services module imports this one, so the labels are registered with any of them.
audit.register_verbs(
    {
        "organization.created": gettext_lazy("organization created"),
        "organization.updated": gettext_lazy("organization updated"),
        "organization.status_changed": gettext_lazy("status in the collective changed"),
        "person.created": gettext_lazy("person created"),
        "person.updated": gettext_lazy("person updated"),
        "person.account_linked": gettext_lazy("account linked"),
        "function.added": gettext_lazy("function added"),
        "function.ended": gettext_lazy("function ended"),
        "seat.assigned": gettext_lazy("seat assigned"),
        "seat.updated": gettext_lazy("seat updated"),
        "seat.ended": gettext_lazy("seat ended"),
        "network.imported": gettext_lazy("network imported from a CSV file"),
    }
)


def unique_slug(model: type[models.Model], text: str, *, instance_pk: int | None = None) -> str:
    base = slugify(text)[:200] or "x"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


def today() -> date:
    return timezone.localdate()
