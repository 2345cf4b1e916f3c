"""Template tags of the public site: breadcrumbs, menu, feeds, glossary links."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page

from maillage.site import selectors

register = template.Library()


@register.inclusion_tag("site/includes/breadcrumbs.html")
def site_breadcrumbs(page: Page) -> dict[str, Any]:
    """The page's ancestors from the home page of its language. One query."""
    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("site/includes/menu.html")
def site_menu(page: Page) -> dict[str, Any]:
    """The sections right under the home page of the page's language (cached)."""
    return {"pages": selectors.menu_pages(page.locale), "current": page}


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
