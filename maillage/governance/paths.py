"""Paths of the governance pages, for links in notifications, e-mails and the iCal feed.

The pages come with their own issue; until a page exists its path is "" (no link). The names
the pages are expected to use: `governance:circle_detail` (slug), `governance:workstream_detail`
(slug), `governance:policy_detail` (pk), `governance:invitation_accept` (token).
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse


def page_url(name: str, **kwargs: Any) -> str:
    """The path of the governance page `name`, or "" while that page does not exist."""
    try:
        return reverse(f"governance:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
