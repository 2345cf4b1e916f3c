"""Sections that apps higher up add to a page of an app below them.

An app cannot name the apps above it, yet some of its pages are where their information belongs:
a territory's page lists the organizations serving it (network), a person's page their roles
(governance), My space everything that concerns the person logged in. Such a page declares one
`Panels` registry; an app above it registers, in its `AppConfig.ready()`, a callable that receives
the page's subject and the request:

    from maillage.territories.panels import TERRITORY_PANELS

    def organizations_panel(territory, request):
        return {"template": "network/_territory_panel.html",
                "context": {"organizations": selectors.organizations_serving(territory)}}

    TERRITORY_PANELS.register(organizations_panel)

It returns a `Panel` (a template and its context; an optional `order` moves it for this request)
or None to show nothing. A panel reads through its app's selectors, already filtered for
`request.user`, and runs a fixed number of queries whatever the data (pages keep their query
count at two data sizes). Panels appear by `order`, then in registration order.

A panel the same for every visitor names a `cache` namespace (`core.cache`) that every change of
what it shows bumps, and gives its `context` as a function: the rendered panel is then kept per
subject and language, and its queries run only when the namespace changed. A panel the same for
everyone it shows to, but for a detail (a button only some may use), names that detail in `vary`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NotRequired, TypedDict

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from maillage.core import cache


class Panel(TypedDict):
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    # Where the panel goes for this request, instead of its registered order.
    order: NotRequired[int]
    # A `core.cache` namespace: the panel is the same for everyone, and kept until a bump.
    cache: NotRequired[str]
    # With `cache`, what else the panel depends on for this request (a link only some may see):
    # one kept copy for each.
    vary: NotRequired[tuple[object, ...]]


# Any mapping with the keys of Panel will do (a plain dict, or a Panel).
type PanelCallable[S] = Callable[[S, HttpRequest], Mapping[str, Any] | Panel | None]


class Panels[S]:
    """The registry of one page's panels. `subject` names the page's object in each panel's
    template context (`territory`, `person`…)."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        # Insertion order is the registration order; the value is the panel's default order.
        self._panels: dict[PanelCallable[S], int] = {}

    def register(self, panel: PanelCallable[S], *, order: int = 0) -> PanelCallable[S]:
        """Add a panel (once, even if registered again); returns it, to be usable as a
        decorator."""
        if panel not in self._panels:
            self._panels[panel] = order
        return panel

    def unregister(self, panel: PanelCallable[S]) -> None:
        self._panels.pop(panel, None)

    def registered(self) -> tuple[PanelCallable[S], ...]:
        return tuple(self._panels)

    def results(self, subject: S, request: HttpRequest) -> list[Mapping[str, Any]]:
        """What each panel returns for `subject`, in page order, those showing nothing left out."""
        found = []
        for index, (panel, order) in enumerate(self._panels.items()):
            result = panel(subject, request)
            if result:
                found.append((result.get("order", order), index, result))
        return [result for _order, _index, result in sorted(found, key=lambda f: f[:2])]

    def render(self, subject: S, request: HttpRequest) -> list[SafeString]:
        """The HTML of every panel, each rendered with its context plus the subject."""
        # Templates escape their variables: the rendered HTML is safe to insert as is.
        return [
            mark_safe(self._html(result, subject, request))
            for result in self.results(subject, request)
        ]

    def _html(self, result: Mapping[str, Any], subject: S, request: HttpRequest) -> str:
        def render() -> str:
            given = result["context"]
            context = given() if callable(given) else given
            return render_to_string(
                result["template"], {self.subject: subject, **context}, request=request
            )

        namespace = result.get("cache")
        if not namespace:
            return render()
        return cache.fragment(
            namespace,
            visibility="public",
            filters=[
                self.subject,
                result["template"],
                getattr(subject, "pk", subject),
                *result.get("vary", ()),
            ],
            render=render,
        )
