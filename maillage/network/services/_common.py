"""What the network services share: slugs, changes between two snapshots, today."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import slugify


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
