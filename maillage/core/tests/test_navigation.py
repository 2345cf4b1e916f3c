"""The navigation registry, and core's templates and modules naming no app above core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from maillage.core import navigation
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role

CORE = Path(apps.get_app_config("core").path)


def main_menu(html: str) -> list[str]:
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<li><a [^>]*>([^<]*)</a></li>", nav)


# -- the registry ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_layout_renders_with_only_cores_own_entries():
    request = RequestFactory().get("/confidentialite/")
    request.user = user_with_role(Role.ADMIN)
    with navigation.override(), translation.override(settings.LANGUAGE_CODE):
        apps.get_app_config("core").register_navigation()
        html = render_to_string("base.html", request=request)
    assert main_menu(html) == ["Comptes et accès"]
    assert '<a href="/gestion-des-acces/">Comptes et accès</a>' in html
    # Without a registered home entry, the brand link falls back to the root.
    assert '<a class="brand" href="/">' in html
    assert html.count('rel="stylesheet"') == 1


@pytest.mark.django_db
def test_layout_renders_an_empty_menu_for_a_visitor_when_nothing_is_registered():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with navigation.override(), translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("base.html", request=request)
    assert main_menu(html) == []
    # Nor a search box: no app answers searches.
    assert 'role="search"' not in html


@pytest.mark.django_db
def test_the_header_search_box_goes_to_the_registered_page_and_keeps_its_words_there():
    def header(path: str) -> str:
        request = RequestFactory().get(path, {"q": "  cercle\x00 habitation "})
        request.user = AnonymousUser()
        html = render_to_string("base.html", request=request)
        return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]

    with navigation.override(), translation.override(settings.LANGUAGE_CODE):
        navigation.register_search("core:my_space")
        on_it, elsewhere = header("/mon-espace/"), header("/notifications/")
    for html in (on_it, elsewhere):
        assert 'role="search" method="get" action="/mon-espace/"' in html
        assert 'aria-label="Recherche dans tout le site"' in html
        assert '<label for="header-search-q" class="visually-hidden">' in html
        assert '<button type="submit">Rechercher</button>' in html
    # The words typed, without control characters, on the search page only.
    assert 'name="q" value="cercle habitation"' in on_it
    assert 'name="q" value=""' in elsewhere


def test_entries_are_sorted_filtered_and_marked_current():
    def never(user: object) -> bool:
        return False

    request = RequestFactory().get("/notifications/3/lue/")
    request.user = AnonymousUser()
    with navigation.override() as registry, translation.override(settings.LANGUAGE_CODE):
        navigation.register_menu_item(
            key="b", label="Notifications", url_name="core:notifications", order=2
        )
        navigation.register_menu_item(
            key="a", label="My space", url_name="core:my_space", order=1, active_prefix=False
        )
        navigation.register_menu_item(
            key="c", label="Hidden", url_name="core:my_space", visible=never
        )
        navigation.register_menu_item(
            key="d", label="Audit", url_name="core:my_space", visible="core.view_audit"
        )
        navigation.register_stylesheet("core/x.css")
        navigation.register_stylesheet("core/x.css")
        links = navigation.Navigation(request).main_menu
        assert registry.stylesheets == ["core/x.css"]
    assert [(link.label, link.url, link.current) for link in links] == [
        ("My space", "/mon-espace/", False),
        ("Notifications", "/notifications/", True),
    ]


def test_urls_follow_the_request_language_and_home_is_current_on_itself_only():
    with navigation.override():
        navigation.register_menu_item(
            key=navigation.HOME, label="Home", url_name="core:my_space", active_prefix=False
        )
        with translation.override("en"):
            request = RequestFactory().get("/en/my-space/")
            request.user = AnonymousUser()
            nav = navigation.Navigation(request)
            assert nav.home_url == "/en/my-space/"
            assert nav.main_menu[0].current
            request = RequestFactory().get("/en/my-space/plus-loin/")
            request.user = AnonymousUser()
            assert not navigation.Navigation(request).main_menu[0].current


def test_account_links_are_for_people_logged_in():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with navigation.override():
        navigation.register_account_link(key="n", label="Mine", url_name="core:notifications")
        assert navigation.Navigation(request).account_links == []


# -- core names no app above it -------------------------------------------------------------------


def upper_apps() -> list[str]:
    """The platform's apps above core, in `INSTALLED_APPS` (bottom-up) order."""
    installed = list(settings.INSTALLED_APPS)
    above = installed[installed.index("maillage.core") + 1 :]
    return [name for name in above if name.startswith("maillage.")]


def url_views() -> dict[str, str]:
    """Every named URL of the project (with its namespaces) → the module of its view."""
    found: dict[str, str] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif pattern.name:
                found.setdefault(prefix + pattern.name, pattern.callback.__module__)

    walk(get_resolver().url_patterns, "")
    return found


def forbidden_reason(name: str, views: dict[str, str]) -> str | None:
    """Why core may not name the URL `name`, or None when it may (its own, allauth's, Django's)."""
    if name.startswith("wagtail"):
        return "a Wagtail URL"
    if name not in views:
        return "no such URL"
    namespace = name.split(":", 1)[0] if ":" in name else ""
    for app in upper_apps():
        label = apps.get_app_config(app.rsplit(".", 1)[1]).label
        if namespace == label or views[name] == app or views[name].startswith(app + "."):
            return f"a URL of {app}"
    if views[name].startswith("wagtail"):
        return "a URL served by Wagtail"
    return None


TEMPLATE_URL = re.compile(r"""\{%\s*url\s+['"]([^'"]+)['"]""")
PYTHON_URL = re.compile(
    r"""(?:\b(?:reverse|reverse_lazy|redirect|resolve_url)\(\s*|"""
    r"""\b(?:url_name|pattern_name|viewname)\s*=\s*)["']([^"'/]+)["']"""
)
ROLES = "|".join(Role.values)
ROLE_COMPARISON = re.compile(
    rf"""\.role\b\s*(?:==|!=|\bin\b|\bnot\s+in\b)|(?:==|!=)\s*['"](?:{ROLES})['"]"""
    rf"""|['"](?:{ROLES})['"]\s*(?:==|!=|\bin\b)"""
)


def core_templates() -> list[Path]:
    return sorted((CORE / "templates").rglob("*.html"))


def core_modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "tests" not in p.relative_to(CORE).parts)


def test_the_scan_sees_the_upper_apps_and_their_urls():
    views = url_views()
    assert upper_apps()[:2] == ["maillage.privacy", "maillage.territories"]
    assert forbidden_reason("territories:index", views)
    assert forbidden_reason("home", views)
    assert forbidden_reason("wagtailadmin_home", views)
    assert forbidden_reason("core:my_space", views) is None
    assert forbidden_reason("privacy:policy", views)
    assert forbidden_reason("admin:index", views) is None
    assert forbidden_reason("account_login", views) is None
    assert forbidden_reason("mfa_index", views) is None
    assert len(core_templates()) > 5


def test_core_templates_and_modules_name_no_url_above_core():
    views = url_views()
    problems = []
    for path in core_templates():
        for name in TEMPLATE_URL.findall(path.read_text()):
            if reason := forbidden_reason(name, views):
                problems.append(f"{path.relative_to(CORE)}: {name} ({reason})")
    for path in core_modules():
        for name in PYTHON_URL.findall(path.read_text()):
            if reason := forbidden_reason(name, views):
                problems.append(f"{path.relative_to(CORE)}: {name} ({reason})")
    assert problems == []


def test_core_templates_compare_no_role_strings():
    problems = [
        f"{path.relative_to(CORE)}: {match.group(0)}"
        for path in core_templates()
        for match in ROLE_COMPARISON.finditer(path.read_text())
    ]
    assert problems == []
    assert ROLE_COMPARISON.search("{% if user.role == 'staff' %}")
    assert ROLE_COMPARISON.search("{% if 'admin' == user.role %}")
