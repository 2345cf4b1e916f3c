"""Sections that apps higher up add to a territory's page (`core.panels`).

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

from django.http import HttpRequest
from django.utils.safestring import SafeString

from maillage.core.panels import Panel, PanelCallable, Panels
from maillage.territories.models import Territory

__all__ = ["TERRITORY_PANELS", "Panel", "register", "registered", "render_panels", "unregister"]

TERRITORY_PANELS: Panels[Territory] = Panels("territory")


def register(panel: PanelCallable[Territory]) -> PanelCallable[Territory]:
    """Add a panel (once, even if registered again); usable as a decorator."""
    return TERRITORY_PANELS.register(panel)


def unregister(panel: PanelCallable[Territory]) -> None:
    TERRITORY_PANELS.unregister(panel)


def registered() -> tuple[PanelCallable[Territory], ...]:
    return TERRITORY_PANELS.registered()


def render_panels(territory: Territory, request: HttpRequest) -> list[SafeString]:
    """The HTML of every panel, each rendered with its context plus `territory`."""
    return TERRITORY_PANELS.render(territory, request)
