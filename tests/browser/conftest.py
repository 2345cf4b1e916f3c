"""Browser tests: Debian's Chromium driven by Playwright, axe-core run on every page visited."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: install Debian's `chromium` package (.ci/run does).")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # alongside it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """On SQLite, the test database is a file. In memory, the live server's threads share one
    cache with the test, and a page polling while another writes fails at once ("database table
    is locked") instead of waiting its turn as WAL and the busy timeout let it do in a file."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("browser-db")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(scope="session")
def plain_http() -> Iterator[None]:
    """The live server speaks plain HTTP: no HTTPS redirect, HSTS or secure-only cookies.

    Set before the server starts, since the security middleware reads them once."""
    from django.conf import settings

    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
    ]
    saved = {name: getattr(settings, name) for name in names}
    for name in names:
        setattr(settings, name, 0 if name == "SECURE_HSTS_SECONDS" else False)
    yield
    for name, value in saved.items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def live_server(plain_http: None, live_server: Any) -> Any:
    return live_server


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


class AxeChecker:
    """Runs axe-core on each page a test visits and keeps the violations."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.reports: list[str] = []
        self.visited: list[str] = []

    def check(self, page: Page) -> None:
        results = self.axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        self.visited.append(page.url)
        if results.violations_count:
            self.reports.append(f"{page.url}\n{results.generate_report()}")


@pytest.fixture
def axe() -> Iterator[AxeChecker]:
    checker = AxeChecker()
    yield checker
    assert checker.visited, "the test visited no page with axe"
    assert not checker.reports, "\n\n".join(checker.reports)
