"""Readable, unique, stable addresses for records (`/gouvernance/cercles/habitation/`)."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, instance_pk: int | None = None) -> str:
    """A slug of `text` not yet used by another `model` row (`habitation`, `habitation-2`…)."""
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
