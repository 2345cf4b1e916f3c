"""What the generated-input walk (`tests/test_generated_input.py`) needs: the forms of a page as
the browser sees them, and for each field the values a careless or hostile visitor might send.

The forms are read from the rendered HTML, not from the form classes, so that any form of any app
(its hidden fields, the choices it offers that day) is covered without naming it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# A bounded, reproducible budget for `make test`: the explicit examples of `form_examples` and a
# few generated ones per form. `MAILLAGE_WALK_EXAMPLES=200 make test` (or pytest on
# tests/test_generated_input.py) generates more, and shrinks what fails, to hunt locally.
EXAMPLES = int(os.environ.get("MAILLAGE_WALK_EXAMPLES", "0") or 0)
settings.register_profile(
    "walk",
    max_examples=EXAMPLES or 3,
    derandomize=True,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate, *((Phase.shrink,) if EXAMPLES else ())),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.differing_executors,
    ],
)
WALK = settings.get_profile("walk")

HUGE = "9" * 30  # a 30-digit number: past any integer column
# What people paste or forge: full-text operators, NUL, markup, numbers out of any range, dates
# that do not exist, right-to-left override, very long text.
NASTY = [
    '"',
    "'",
    "\x00",
    "%00",
    ">",
    "*",
    "(",
    "-",
    "NEAR(a b)",
    '"unterminated',
    "<script>alert(1)</script>",
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "1.5",
    "1e400",
    "NaN",
    "2024-02-30",
    "99999-12-31",
    " ",
    "é" * 300,
    "x" * 5000,
    "\u202egnp.exe",
    "🧪 ✓",
    "../../etc/passwd",
    "[]",
]
nasty = st.sampled_from(NASTY)
junk = st.one_of(nasty, st.text(max_size=200))


@dataclass
class FormField:
    name: str
    kind: str  # the input type, or "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)  # selects, radios, checkboxes
    chosen: list[str] = field(default_factory=list)  # the options selected or checked
    multiple: bool = False

    def rendered(self) -> Any:
        """What a browser sends for the field as the page renders it (None: nothing)."""
        if not self.options:
            return self.value
        if self.multiple:
            return self.chosen
        if self.kind == "select":
            return (self.chosen or self.options)[0]
        return self.chosen[0] if self.chosen else None


@dataclass
class HtmlForm:
    method: str
    action: str  # absolute path, with its query string if any
    fields: dict[str, FormField] = field(default_factory=dict)

    def signature(self) -> tuple[str, str, tuple[str, ...]]:
        """Two forms with the same signature are the same form (the search in every header)."""
        return self.method, urlsplit(self.action).path, tuple(sorted(self.fields))

    def add(self, name: str, kind: str, value: str = "", *, option: bool = False) -> None:
        known = self.fields.get(name)
        if known is None:
            known = self.fields[name] = FormField(name, kind, value)
        if option:
            known.options.append(value)
            # Several checkboxes of one name are a multiple choice.
            known.multiple = known.multiple or (kind == "checkbox" and len(known.options) > 1)


class FormParser(HTMLParser):
    """The forms of a page (their method, action, and fields with what they hold or offer),
    and its links with a query string."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: FormField | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            self._link(a["href"])
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            parts = urlsplit(action)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            self._form = HtmlForm((a.get("method") or "get").lower(), path)
            self.forms.append(self._form)
            return
        form, name = self._form, a.get("name", "")
        if form is None or "disabled" in a:
            return
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                form.add(name, kind, a.get("value", "on"), option=True)
                if "checked" in a:
                    form.fields[name].chosen.append(a.get("value", "on"))
            elif kind not in ("submit", "image", "reset", "button"):
                form.add(name, kind, a.get("value", ""))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            form.add(name, "submit", a.get("value", ""))
        elif tag == "select" and name:
            form.add(name, "select")
            self._select = form.fields[name]
            self._select.multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.chosen.append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def _link(self, href: str) -> None:
        """A link with a query string (a filter, a page, `?parent=`) is a GET form too."""
        parts = urlsplit(urljoin(self.page_url, href))
        if parts.netloc in ("", "testserver"):
            link = HtmlForm("get", parts.path)
            for key, value in parse_qsl(parts.query, keep_blank_values=True):
                link.add(key, "text", value)
            self.forms.append(link)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form.add(name, "textarea", "".join(text))
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[HtmlForm]:
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("envoi.csv", content, content_type="text/csv")


def form_examples(form: HtmlForm) -> list[dict[str, Any]]:
    """The submissions every walk sends, whatever is generated: the form as rendered, then every
    field at once with full-text syntax or with NUL, and every choice or number out of range."""
    rendered = {name: f.rendered() for name, f in form.fields.items()}
    rendered = {name: value for name, value in rendered.items() if value is not None}
    examples = [rendered]
    for text, choice in (('"a" OR (b*', HUGE), ("\x00", "-" + HUGE)):
        nasty: dict[str, Any] = {}
        for name, f in form.fields.items():
            if name == "csrfmiddlewaretoken" or f.kind == "file":
                nasty[name] = rendered.get(name, "")
            elif f.options or f.kind in ("number", "date"):
                nasty[name] = [choice] if f.multiple else choice
            else:
                nasty[name] = text
        examples.append(nasty)
    return examples


def value_strategy(f: FormField) -> st.SearchStrategy[Any]:
    """What may be sent for one field: first what the page holds or offers (so a form's first
    example is the form sent as rendered), then anything else, or nothing at all."""
    if f.name == "csrfmiddlewaretoken":
        return st.just(f.value)
    absent = st.none()
    if f.kind == "file":
        text = st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass"))
        return st.one_of(absent, st.one_of(st.binary(max_size=400), text).map(_upload))
    if f.options:
        one = st.one_of(st.sampled_from(f.options), junk)
        if f.multiple:
            return st.lists(one, max_size=4)
        return st.one_of(one, absent)
    typed = {
        "date": st.dates().map(lambda d: d.isoformat()),
        "number": st.integers().map(str),
        "email": st.emails(),
    }.get(f.kind, st.text(max_size=60))
    return st.one_of(st.just(f.value), typed, junk, absent)


def form_strategy(form: HtmlForm) -> st.SearchStrategy[dict[str, Any]]:
    """A whole submission: one value (or none) for each field."""
    fields = {name: value_strategy(f) for name, f in form.fields.items()}
    return st.fixed_dictionaries(fields).map(
        lambda values: {name: value for name, value in values.items() if value is not None}
    )
