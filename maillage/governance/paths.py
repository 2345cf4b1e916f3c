"""Paths of the governance pages, for links in notifications, e-mails and the iCal feed, which are
built where no request is at hand."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from maillage.governance.models import Circle, Workstream


def page_url(name: str, **kwargs: Any) -> str:
    """The path of the governance page `name`. A mistyped name raises `NoReverseMatch`: a link
    that silently became empty would go unnoticed."""
    return reverse(f"governance:{name}", kwargs=kwargs or None)


def group_url(group: Circle | Workstream) -> str:
    """The page of a circle or a workstream."""
    if isinstance(group, Circle):
        return page_url("circle_detail", slug=group.slug)
    return page_url("workstream_detail", slug=group.slug)
