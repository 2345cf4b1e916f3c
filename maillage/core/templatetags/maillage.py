from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from maillage.core import cache, text
from maillage.core.audit import history_namespaces, verb_label
from maillage.core.dates import long_date
from maillage.core.permissions import has_perm
from maillage.core.selectors import history_for

register = template.Library()

CONTENT_LANG = "fr-CA"  # the language of what people write in the platform
CONTENT_TAGS = ("span", "div")  # phrasing content, or paragraphs (`linebreaks`)


def content_lang() -> str:
    """The `lang` that content written by people (names, purposes, policies…, all in French)
    needs on the current page: "fr-CA" on an English page, "" on a French one, whose own `lang`
    already covers it (WCAG 2.2 SC 3.1.2, language of parts)."""
    return "" if (get_language() or "fr").startswith("fr") else CONTENT_LANG


@register.filter
def fr(value: object, tag: str = "span") -> SafeString:
    """`value`, written in French, escaped and marked `lang="fr-CA"` when the page is not in
    French, so that assistive technologies read it with French pronunciation (WCAG 2.2 SC 3.1.2).

    Put it last: `{{ circle.purpose|linebreaksbr|fr }}`. Text in paragraphs (`linebreaks`) takes
    a `<div>` instead of a `<span>`: `{{ policy.text|linebreaks|fr:"div" }}`."""
    if tag not in CONTENT_TAGS:
        raise ValueError(f"fr: unknown element {tag!r}, expected one of {CONTENT_TAGS}")
    if value is None or str(value) == "":
        return SafeString("")
    lang = content_lang()
    if not lang:
        return format_html("{}", value)
    return format_html('<{} lang="{}">{}</{}>', tag, lang, value, tag)


@register.simple_tag(takes_context=True)
def history(context: dict[str, Any], target: models.Model) -> SafeString:
    """The audit history of `target`, as a list of who did what and when. Everyone who may read
    it reads the same: it is kept rendered per object and language until the next audit event
    (`core.audit.history_namespaces`)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)

    def render() -> str:
        events = list(history_for(target, viewer=viewer))
        return render_to_string("core/_history.html", {"events": events}, request=request)

    if viewer is None or not has_perm(viewer, "core.view_audit", target):
        return mark_safe(render())  # the template escapes what it shows
    kept = cache.fragment(
        history_namespaces(target._meta.app_label),
        visibility="audit",
        filters=["history", target._meta.label, target.pk],
        render=render,
    )
    return mark_safe(kept)  # rendered by the template, which escapes what it shows


@register.filter(is_safe=True)
def elide(value: str) -> str:
    """French elisions in a sentence built around names: `{% filter elide %}…{% endfilter %}`."""
    return text.elide(value)


@register.filter(expects_localtime=True)
def frdate(value: Any, format: str = "DATE_FORMAT") -> str:
    """Django's `date` filter for the formats that write a day ("DATE_FORMAT",
    "DATETIME_FORMAT"…), writing "1er août" for the first of the month in French; English
    unchanged. `{{ policy.review_date|frdate }}`, `{{ event.start|frdate:"DATETIME_FORMAT" }}`."""
    if value in (None, ""):
        return ""
    try:
        return long_date(value, format)
    except (AttributeError, TypeError):
        return ""  # not a date: shown as nothing, like `date`


@register.filter
def verb(value: str) -> str:
    return verb_label(value)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (pagination keeps filters).

    A page whose list is kept rendered gives `page_query`, the filters its kept copy depends
    on: its links must not carry whatever else the first reader's address held."""
    kept = context.get("page_query")
    params = QueryDict(kept, mutable=True) if kept is not None else context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return str(params.urlencode())


@register.filter
def bound_values(form: Any) -> str:
    """What a bound form was given, field by field (a key for its kept rendering)."""
    if not getattr(form, "is_bound", False):
        return ""
    return "&".join(f"{name}={form.data.getlist(name)}" for name in form.fields)


# What must never be shared between two requests: a form's CSRF token, a script's CSP nonce.
_PER_REQUEST = ('name="csrfmiddlewaretoken"', " nonce=")


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, namespace: Any, parts: list[Any]) -> None:
        self.nodelist = nodelist
        self.namespace = namespace
        self.parts = parts

    def render(self, context: template.Context) -> str:
        namespace = self.namespace.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        html = cache.fragment(
            namespace,
            visibility="template",
            filters=["fragment", *parts],
            render=lambda: self.nodelist.render(context),
            # Markup that belongs to this request only is shown, never kept.
            keep=lambda html: not any(marker in html for marker in _PER_REQUEST),
        )
        return mark_safe(html)  # rendered by the template engine, which escapes


@register.tag
def cachedfragment(parser: template.base.Parser, token: template.base.Token) -> CachedFragmentNode:
    """`{% cachedfragment "namespace" part… %}…{% endcachedfragment %}`: the enclosed markup kept
    in the versioned cache (`core.cache`) of `namespace` until its next bump, per language and
    per value of the parts. The parts must name everything that makes two viewers see different
    markup (the object, what the viewer may see); the markup must read nothing a bump of the
    namespace does not cover. Markup holding a CSRF token or a CSP nonce is never kept."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a namespace and at least one part naming what it shows"
        )
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
