"""The staff's privacy area: one page linking every register and queue of the privacy app.

Each subject of the app (the registers, the requests' queue, the person in charge, the policy)
adds its link with `register_area_link` in `PrivacyConfig.ready()`, so that the page names no
subject's URL itself and a subject added later appears there without a change to the page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.personal import Text


@dataclass(frozen=True)
class AreaLink:
    """A link of the area: a URL name (reversed in the request's language), what it holds, who
    may follow it (a permission name)."""

    key: str
    label: Text
    url_name: str
    description: Text = ""
    order: int = 0
    permission: str = "privacy.view_area"


@dataclass(frozen=True)
class ShownLink:
    label: str
    url: str
    description: str


LINKS: dict[str, AreaLink] = {}


def register_area_link(link: AreaLink) -> None:
    """Add (or replace, by `key`) a link of the area."""
    LINKS[link.key] = link


def area_links(viewer: Viewer) -> list[ShownLink]:
    """The area's links `viewer` may follow, by order."""
    return [
        ShownLink(str(link.label), reverse(link.url_name), str(link.description))
        for link in sorted(LINKS.values(), key=lambda link: (link.order, link.key))
        if has_perm(viewer, link.permission)
    ]
