"""Following a flow as a browser would, with Django's test client: links found in pages and
e-mails, forms posted with the values the page gives them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.core.mail import EmailMessage
from django.http import HttpResponse
from django.test import Client


class _Forms(HTMLParser):
    """The POST forms of a page: action and prefilled values, as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self.forms.append((found.get("action") or "", {}))
        elif tag == "input" and self.forms and found.get("name"):
            kind = found.get("type")
            if kind in ("submit",) or (kind in ("checkbox", "radio") and "checked" not in found):
                return
            self.forms[-1][1][str(found["name"])] = found.get("value") or (
                "on" if kind == "checkbox" else ""
            )


def submit(
    browser: Client,
    page: HttpResponse,
    data: dict[str, Any] | None = None,
    *,
    containing: str = "",
    **kwargs: Any,
) -> Any:
    """Post the page's form (the first whose action contains `containing`) like a browser: its
    hidden and text fields, its checked boxes, then `data` over them."""
    parser = _Forms()
    parser.feed(page.text)
    here = page.request["PATH_INFO"]
    action, values = next((a or here, v) for a, v in parser.forms if containing in (a or here))
    return browser.post(action, {**values, **(data or {})}, **kwargs)


def href(pattern: str, page: HttpResponse) -> str:
    """The link of `page` that `pattern` (with one group) finds."""
    found = re.search(pattern, page.text)
    assert found is not None, pattern
    return found[1]


def link_in(message: EmailMessage, pattern: str) -> str:
    """The path of the one link of `message` that `pattern` finds (on the test server)."""
    [link] = re.findall(pattern, str(message.body))
    return str(link).split("testserver", 1)[1]
