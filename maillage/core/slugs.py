"""Readable, unique, stable addresses for records (`/gouvernance/cercles/habitation/`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify


def unique_slug(
    model: type[models.Model],
    text: str,
    *,
    instance_pk: int | None = None,
    reserved: Iterable[str] = (),
) -> str:
    """A slug of `text` not yet used by another `model` row (`habitation`, `habitation-2`…),
    nor one of the `reserved` words (the fixed paths beside the rows' own, such as `gestion`)."""
    base = slugify(text)[:200] or "x"
    others = model._default_manager.exclude(pk=instance_pk)
    reserved = set(reserved)
    # Usually free: the unique index answers at once, where a prefix search reads the whole
    # table (LIKE on SQLite), which made large imports slow down row after row.
    if base not in reserved and not others.filter(slug=base).exists():
        return base
    taken = reserved | set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
