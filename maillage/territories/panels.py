"""Sections that apps higher up add to a territory's page.

An app that depends on territories (network: "organizations serving this territory") registers a
callable in its `AppConfig.ready()`:

    from maillage.territories import panels

    def organizations_panel(territory, request):
        return {"template": "network/_territory_panel.html",
                "context": {"organizations": selectors.organizations_serving(territory)}}

    panels.register(organizations_panel)

A panel receives the territory and the request and returns a dict with `template` and `context`,
or None to show nothing. It must run a fixed number of queries, whatever the territory's size
(the page's query budget is tested at two data sizes). Panels appear in registration order.

A panel the same for every visitor names a `cache` namespace (`core.cache`) that every change of
what it shows bumps, and gives its `context` as a function: the rendered panel is then kept per
territory and language, and its queries run only when the namespace changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NotRequired, TypedDict

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from maillage.core import cache
from maillage.territories.models import Territory


class Panel(TypedDict):
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    cache: NotRequired[str]  # a `core.cache` namespace: the panel is public and kept


# Any mapping with the keys of Panel will do (a plain dict, or a Panel).
PanelCallable = Callable[[Territory, HttpRequest], Mapping[str, Any] | Panel | None]

_PANELS: list[PanelCallable] = []


def register(panel: PanelCallable) -> PanelCallable:
    """Add a panel (once, even if registered again); usable as a decorator."""
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def unregister(panel: PanelCallable) -> None:
    if panel in _PANELS:
        _PANELS.remove(panel)


def registered() -> tuple[PanelCallable, ...]:
    return tuple(_PANELS)


def render_panels(territory: Territory, request: HttpRequest) -> list[SafeString]:
    """The HTML of every panel, each rendered with its context plus `territory`."""
    sections = []
    for panel in _PANELS:
        result = panel(territory, request)
        if not result:
            continue

        def render(result: Mapping[str, Any] = result) -> str:
            given = result["context"]
            context = {"territory": territory, **(given() if callable(given) else given)}
            return render_to_string(result["template"], context, request=request)

        namespace = result.get("cache")
        html = (
            cache.fragment(
                namespace,
                visibility="public",
                filters=["territory-panel", result["template"], territory.pk],
                render=render,
            )
            if namespace
            else render()
        )
        # Templates escape their variables: the rendered HTML is safe to insert as is.
        sections.append(mark_safe(html))
    return sections
