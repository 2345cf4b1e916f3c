"""The layout's menus and stylesheets, filled by the apps.

Core sits below every other app, so its layout (`base.html`) must not name their pages. Instead each
app registers, in its `AppConfig.ready()`, the entries it adds to the main menu, to the account
menu and to the footer (the privacy policy), and its stylesheet; `base.html` loops over what the
current request may see (the `navigation` variable of `context_processors.platform`). A new app
then appears in the menu without a change to core, and `core/tests/test_navigation.py` keeps
core's templates free of upper apps' URL names.

The search box of the header works the same way: the app that answers searches registers its
page with `register_search(url_name)`; without one, the header has no box.

One key is fixed: `HOME`. The entry registered under it (by the public site, which serves the home
page) is also the target of the brand link and of the error pages' "back to the home page"; `/`
stands in when no app registers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Required, TypedDict, Unpack

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from maillage.core.actors import Viewer
from maillage.core.formtools import query_text
from maillage.core.panels import Panels
from maillage.core.permissions import has_perm

HOME = "home"

# Who sees an entry: everyone (None), holders of a permission (its name, checked with
# `permissions.has_perm`), or those a predicate accepts (`rules` predicates qualify).
Visibility = Callable[[Any], bool] | str | None


@dataclass(frozen=True)
class Entry:
    """A registered link: a URL name, reversed per request in the request's language."""

    key: str
    label: Promise | str
    url_name: str
    order: int = 0
    visible: Visibility = None
    # True: current on every page under the URL (a section); False: on that very page only.
    active_prefix: bool = True

    def is_visible(self, user: Viewer) -> bool:
        if self.visible is None:
            return True
        if isinstance(self.visible, str):
            return has_perm(user, self.visible)
        return bool(self.visible(user))


@dataclass(frozen=True)
class Link:
    """An entry resolved for one request, as the layout renders it."""

    key: str
    label: str
    url: str
    current: bool


@dataclass
class Registry:
    menu: dict[str, Entry] = field(default_factory=dict)
    account: dict[str, Entry] = field(default_factory=dict)
    footer: dict[str, Entry] = field(default_factory=dict)
    stylesheets: list[str] = field(default_factory=list)
    search: str | None = None  # the URL name of the search page


_registry = Registry()

# Notes an app adds at the foot of the pages it concerns, whatever app serves them (the privacy
# app names the impact assessments covering the part of the platform a staff page belongs to):
# panels whose subject is the request. Each reads in a fixed number of queries, for whom it shows.
PAGE_NOTES: Panels[HttpRequest] = Panels("request")


class EntryFields(TypedDict, total=False):
    """What an app says of an entry it registers (see `Entry`)."""

    key: Required[str]
    label: Required[Promise | str]
    url_name: Required[str]
    order: int
    visible: Visibility
    active_prefix: bool


def register_menu_item(**fields: Unpack[EntryFields]) -> None:
    """Add (or replace, by `key`) an entry of the main menu; entries are sorted by `order`."""
    _registry.menu[fields["key"]] = Entry(**fields)


def register_account_link(**fields: Unpack[EntryFields]) -> None:
    """Add (or replace, by `key`) a link of the account menu, shown to people who are logged in,
    after their notifications."""
    _registry.account[fields["key"]] = Entry(**fields)


def register_footer_link(**fields: Unpack[EntryFields]) -> None:
    """Add (or replace, by `key`) a link of every page's footer (the privacy policy)."""
    _registry.footer[fields["key"]] = Entry(**fields)


def register_stylesheet(path: str) -> None:
    """Link the static file `path` from every page, after core's own stylesheet.

    Every page gets every app's stylesheet because pages show other apps' fragments (the site's
    live blocks, a territory's panels); registration follows `INSTALLED_APPS`, so an upper app's
    rules come later in the cascade than those of the apps below it."""
    if path not in _registry.stylesheets:
        _registry.stylesheets.append(path)


def register_search(url_name: str) -> None:
    """The page the header's search box sends its words to (`?q=`)."""
    _registry.search = url_name


@contextmanager
def override(registry: Registry | None = None) -> Iterator[Registry]:
    """Replace the registry (an empty one by default) until the block ends; for tests."""
    global _registry
    saved, _registry = _registry, registry if registry is not None else Registry()
    try:
        yield _registry
    finally:
        _registry = saved


class Navigation:
    """What the layout shows to one request, resolved on first use: an HTMX fragment, which
    renders no layout, costs nothing."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.registry = _registry

    @property
    def user(self) -> Any:
        return getattr(self.request, "user", None) or AnonymousUser()

    def _links(self, entries: dict[str, Entry]) -> list[Link]:
        path = self.request.path
        links = []
        for entry in sorted(entries.values(), key=lambda entry: entry.order):
            if not entry.is_visible(self.user):
                continue
            url = reverse(entry.url_name)
            current = path.startswith(url) if entry.active_prefix else path == url
            links.append(Link(entry.key, str(entry.label), url, current))
        return links

    @cached_property
    def main_menu(self) -> list[Link]:
        return self._links(self.registry.menu)

    @cached_property
    def account_links(self) -> list[Link]:
        if not self.user.is_authenticated:
            return []
        return self._links(self.registry.account)

    @cached_property
    def footer_links(self) -> list[Link]:
        return self._links(self.registry.footer)

    @cached_property
    def home_url(self) -> str:
        home = self.registry.menu.get(HOME)
        return reverse(home.url_name) if home is not None else "/"

    @cached_property
    def search_url(self) -> str:
        """Where the header's search box goes; empty when no app answers searches."""
        return reverse(self.registry.search) if self.registry.search else ""

    @cached_property
    def search_query(self) -> str:
        """The words searched, on the search page itself, so that its box keeps them."""
        if not self.search_url or self.request.path != self.search_url:
            return ""
        return query_text(self.request.GET, "q")

    @cached_property
    def page_notes(self) -> list[SafeString]:
        return PAGE_NOTES.render(self.request, self.request)

    @cached_property
    def stylesheets(self) -> list[str]:
        return [static(path) for path in self.registry.stylesheets]
