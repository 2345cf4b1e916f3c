"""Bad input never answers a server error.

The walk takes every URL pattern of the project from the resolver, fills its parameters with the
sample objects of the permission matrix (`tests/matrix.py`: every URL has a row there, so a new
app is walked with no code of its own), and requests each page its role may read. It reads every
form and every link with a query string of the page from the HTML, then sends each one generated
values (`tests/generated_input.py`: what the page offers, other options, quotes, NUL, markup,
30-digit ids, impossible dates…): the query string of a GET form or a link, the body of a POST
form. Any 5xx, or any exception, fails the test. Each page is also asked for with a 30-digit
`?page=` and a `?q=` of full-text syntax, and each URL with an integer in its path with a 30-digit
one.

Each form runs in a savepoint rolled back after it, so what one form writes (an archived circle)
does not hide another's page, and a database error cannot spoil the rest of the walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from maillage.core.roles import ANONYMOUS, Role
from maillage.core.tests.factories import user_with_role
from tests.generated_input import HUGE, WALK, HtmlForm, form_examples, form_strategy, forms_of
from tests.matrix import (
    ANY_OK,
    ANY_STATUS,
    LOGIN,
    make_samples,
    matrix,
    reverse_entry,
    walk_urls,
)

ROLES = [ANONYMOUS, *Role.values]

# Third-party back offices, reserved to administrators (and the site's editors): their own
# projects test their forms, and their hundreds of pages would multiply the walk's time. The
# permission matrix still requests every one of their URLs as every role.
BACK_OFFICES = {
    "administration/": "Django's admin site",
    "edition/": "Wagtail's editor of the public site",
}
# Forms the walk does not send, each with its reason.
NOT_SENT = {
    "account_logout": "ends the session the walk runs in",
}


class ServerError(AssertionError):
    pass


def walked_urls() -> dict[str, str]:
    """URL name → the route of every pattern the walk requests, back offices aside."""
    with translation.override(django_settings.LANGUAGE_CODE):
        routes = walk_urls(get_resolver().url_patterns)
        return {
            name: route for name, route, _p in routes if not route.startswith(tuple(BACK_OFFICES))
        }


def test_the_walk_covers_every_url_but_the_back_offices():
    walked = walked_urls()
    rows = matrix()
    assert set(walked) <= set(rows)
    skipped = set(rows) - set(walked)
    # Every URL outside the back offices is walked; the back offices are the only ones left out.
    assert all(name.startswith(("admin:", "wagtail")) or "edition/" in name for name in skipped)
    assert {"site:search", "network:organization_create", "account_signup"} <= set(walked)


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return None
    return match.view_name


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Walk:
    """One role's walk: its client, the forms found so far, and the failures."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.user = None if role == ANONYMOUS else user_with_role(role)
        self.client = Client()
        self.login()
        self.forms: dict[tuple[str, str, tuple[str, ...]], HtmlForm] = {}
        self.failures: list[str] = []
        self.requests = 0

    def login(self) -> None:
        if self.user is not None:
            self.client.force_login(self.user)

    def request(self, method: str, url: str, data: Any = None, htmx: bool = False) -> Any:
        """The response to one request; a server error or an exception raises ServerError."""
        self.requests += 1
        headers = {"HX-Request": "true"} if htmx else {}
        try:
            with transaction.atomic():  # a database error cannot abort the test's transaction
                response = getattr(self.client, method)(url, data, headers=headers)
        except Exception as error:
            raise ServerError(f"{method.upper()} {url}: {error!r} (sent {data!r})") from error
        if response.status_code >= 500:
            raise ServerError(f"{method.upper()} {url}: {response.status_code} (sent {data!r})")
        return response

    def check(self, method: str, url: str, data: Any = None) -> Any:
        try:
            return self.request(method, url, data)
        except ServerError as error:
            self.failures.append(f"{self.role}: {error}")
            return None

    def visit(self, url: str) -> None:
        """Request a page and keep its forms."""
        response = self.check("get", url)
        if response is None or response.status_code != 200:
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return  # an export, a feed
        # The query-string parameters lists share, even where no link names them yet.
        self.check("get", url.split("?", 1)[0], {"page": HUGE, "q": '"\x00'})
        for form in forms_of(response.content.decode(), url):
            if not form.action.startswith(tuple(f"/{prefix}" for prefix in BACK_OFFICES)):
                self.forms.setdefault(form.signature(), form)

    def probe_huge_ids(self, name: str, route: str, kwargs: dict[str, Any], query: str) -> None:
        """The page with a 30-digit number for each integer in its path: a 404, never a 500."""
        numbers = re.findall(r"<int:(\w+)>", route)
        if not numbers:
            return
        url = reverse_entry(name, {**kwargs, **dict.fromkeys(numbers, int(HUGE))})
        with _rolled_back():
            self.check("get", url + (f"?{query}" if query else ""))
            self.check("post", url, {})

    def send(self, form: HtmlForm) -> None:
        """Send the form generated values, a bounded number of times, inside a savepoint."""
        if _url_name(form.action) in NOT_SENT:
            return
        method = "post" if form.method == "post" else "get"

        def send(values: dict[str, Any], htmx: bool) -> None:
            self.request(method, form.action, values, htmx=htmx)

        run = given(values=form_strategy(form), htmx=st.booleans())(send)
        for values in form_examples(form):
            run = example(values=values, htmx=False)(run)
        run = WALK(run)

        try:
            with _rolled_back():
                run()
        except ServerError as error:
            self.failures.append(f"{self.role}: {error}")
        finally:
            self.login()  # a form may have changed the session (a new password, say)


# What the matrix expects a role to get when the page is theirs to read (for the others, the
# matrix itself checks the refusal), and when it is theirs to reach at all.
PAGE = {200, ANY_OK, ANY_STATUS}
REFUSED = {LOGIN, 403}


def walk(role: str, data: SimpleNamespace) -> Walk:
    rows = matrix()
    walker = Walk(role)
    for name, route in walked_urls().items():
        expect = rows[name]
        kwargs = expect.kwargs(data)
        url = reverse_entry(name, kwargs)
        if expect.statuses[role] in PAGE:
            walker.visit(url + (f"?{expect.query}" if expect.query else ""))
        if expect.statuses[role] not in REFUSED:
            walker.probe_huge_ids(name, route, kwargs, expect.query)
    for form in walker.forms.values():
        walker.send(form)
    return walker


@pytest.mark.parametrize("role", ROLES)
def test_no_generated_input_answers_a_server_error(role, db):
    walker = walk(role, make_samples())
    assert walker.forms, f"{role}: the walk found no form"
    assert not walker.failures, "\n".join(walker.failures)
