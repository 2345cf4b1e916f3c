"""HTMX on server-rendered pages: every page works without it; with it, a view answers a
fragment of the same template (a `{% partialdef %}`) instead of the whole page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    """An HTMX request for a fragment (a history restore needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """`template`, or its partial `partial` (`template#partial`) for an HTMX request."""
    return f"{template}#{partial}" if is_htmx(request) else template


def render_page_or_fragment(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or its partial `partial` for an HTMX request. The same URL answers both,
    so the response varies on `HX-Request` for caches to tell them apart."""
    # The page's template shows some parts only around a fragment (`htmx`): an HTMX request.
    context = {**context, "htmx": is_htmx(request)}
    response = render(request, template_for(request, template, partial), context)
    patch_vary_headers(response, ["HX-Request"])
    return response
