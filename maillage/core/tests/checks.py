"""Assertions that the tests of several apps share."""

from __future__ import annotations

from typing import Any


def assert_seeded(model: Any, keys: list[str]) -> None:
    """The rows a migration seeds into `model` (sectors, strategies…) are these keys, in this
    order, each named in French and in English."""
    rows = list(model.objects.all())
    assert [row.key for row in rows] == keys
    unnamed = [row.key for row in rows if not (row.name_fr and row.name_en)]
    assert not unnamed, f"not named in both languages: {unnamed}"


def cache_directives(response: Any) -> set[str]:
    """The directives of a response's Cache-Control header, without their values."""
    header = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in header.split(",") if part.strip()}


def assert_private_no_store(response: Any) -> None:
    """No cache, shared or the browser's, may keep this response."""
    assert {"private", "no-store"} <= cache_directives(response), response.get("Cache-Control")
