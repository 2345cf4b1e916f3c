"""Template tags of the public site: breadcrumbs, menu, feeds, glossary links."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from maillage.core import cache
from maillage.site import selectors

register = template.Library()


# The two tags below hand the request on: `{% pageurl %}` then reads the site's root paths once
# per request (Wagtail keeps them on it) instead of asking the cache for each link.


@register.simple_tag(takes_context=True)
def site_breadcrumbs(context: dict[str, Any], page: Page) -> str:
    """The page's ancestors from the home page of its language, kept rendered per page and host
    until a page changes (`selectors.PAGES_CACHE`); one query when built."""
    request = context.get("request")

    def render() -> str:
        ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))
        return render_to_string(
            "site/includes/breadcrumbs.html",
            {"ancestors": ancestors, "page": page, "request": request},
        )

    # The links are relative to the site the request is for: its host is part of the key.
    host = request.get_host() if request is not None else ""
    html = cache.fragment(
        selectors.PAGES_CACHE,
        visibility="public",
        filters=["breadcrumbs", page.pk, host],
        render=render,
    )
    return mark_safe(html)  # rendered by the template engine, which escapes


@register.inclusion_tag("site/includes/menu.html", takes_context=True)
def site_menu(context: dict[str, Any], page: Page) -> dict[str, Any]:
    """The sections right under the home page of the page's language (cached)."""
    return {
        "pages": selectors.menu_pages(page.locale),
        "current": page,
        "request": context.get("request"),
    }


@register.inclusion_tag("site/includes/feed_links.html", takes_context=True)
def site_feed_links(context: dict[str, Any]) -> dict[str, Any]:
    """`<link rel="alternate">` to the news feeds of the page's language (cached)."""
    page = context.get("page")
    base = selectors.news_index_url(page.locale, context.get("request")) if page else ""
    if not base:
        return {"feeds": []}
    return {
        "feeds": [
            {"type": "application/rss+xml", "title": _("News (RSS)"), "url": f"{base}rss/"},
            {"type": "application/atom+xml", "title": _("News (Atom)"), "url": f"{base}atom/"},
        ]
    }


@register.simple_tag
def term_links(terms: Any, page: Page | None = None) -> list[selectors.TermLink]:
    """Chosen glossary terms in the page's language, each linked to its anchor."""
    return selectors.term_links(list(terms), page.locale if page is not None else None)


@register.filter
def html_lang(language_code: str) -> str:
    return selectors.html_lang(language_code or "")


@register.simple_tag(takes_context=True)
def absolute_page_url(context: dict[str, Any], page: Page) -> str:
    return selectors.absolute_url(page, context.get("request"))
