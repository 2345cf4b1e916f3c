"""HTMX on server-rendered pages: every page works without it; with it, a view answers a
fragment of the same template (a `{% partialdef %}`) instead of the whole page."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """An HTMX request for a fragment (a history restore needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """`template`, or its partial `partial` (`template#partial`) for an HTMX request."""
    return f"{template}#{partial}" if is_htmx(request) else template
