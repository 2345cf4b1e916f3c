"""Every read the public site's pages need, each in a fixed number of queries.

Pages are public once published: the selectors return live, public pages only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search.query import And, Or, PlainText

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.search import Group, Hit, Preview, variants
from maillage.core.search import terms as search_terms
from maillage.decisions import selectors as decisions_selectors
from maillage.governance import selectors as governance_selectors
from maillage.network import selectors as network_selectors
from maillage.participation.selectors import search as participation_search
from maillage.privacy.models import Purpose
from maillage.privacy.selectors.consents import consenting_accounts
from maillage.site.models import (
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    NewsArticlePage,
    NewsIndexPage,
    Newsletter,
)

NEWS_PER_PAGE = 10

# The site's chrome (menu, language versions, feed links, the home page's news and events) read
# the same pages on every request: kept in the versioned cache, which any change of a page, its
# view restrictions, a site or a locale bumps (`receivers.connect`).
PAGES_CACHE = "site.pages"


def _host(request: HttpRequest | None) -> str:
    # A page's URL is relative on its own site and absolute on another: it depends on the host.
    return request.get_host() if request is not None else ""


def html_lang(language_code: str) -> str:
    """The `lang` attribute of a language code of the settings ("fr-ca" → "fr-CA")."""
    if "-" in language_code:
        base, region = language_code.split("-", 1)
        return f"{base}-{region.upper()}"
    return language_code


def active_locale() -> Locale | None:
    """The Wagtail locale of the active language (kept until the locales change)."""

    def read() -> Locale | None:
        try:
            return Locale.get_active()
        except (LookupError, Locale.DoesNotExist):
            return None

    return cache.fragment(PAGES_CACHE, visibility="public", filters=["locale"], render=read)


def public_pages() -> PageQuerySet:
    """Live pages outside the private sections: Wagtail's `live().public()`, with the sections
    kept until a page or a restriction changes instead of read on every call."""
    sections = cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["private_sections"],
        render=lambda: list(
            PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("pk")
        ),
    )
    private = Q()
    for path, depth in sections:
        private |= Q(path__startswith=path, depth__gte=depth)
    pages: PageQuerySet = Page.objects.live()
    return pages.exclude(private) if private else pages


# Language versions


def alternate_urls(page: Page, request: HttpRequest | None = None) -> dict[str, str]:
    """The URL of `page` in each language of the site: its own translation when published, else
    the closest translated ancestor (at worst, that language's home page). Cached; else two
    queries."""
    return cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["alternates", page.pk, _host(request)],
        render=lambda: _alternate_urls(page, request),
    )


def _alternate_urls(page: Page, request: HttpRequest | None) -> dict[str, str]:
    languages = [code for code, _name in settings.LANGUAGES]
    ancestors = list(
        Page.objects.ancestor_of(page, inclusive=True)
        .filter(depth__gt=1)
        .values_list("translation_key", flat=True)
    )
    # Deepest first: the page itself, then its parent, …
    order = {key: position for position, key in enumerate(reversed(ancestors))}
    candidates = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=order)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale__language_code", "depth", "path")
    )
    best: dict[str, tuple[int, Page]] = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        rank = order[candidate.translation_key]
        if code not in best or rank < best[code][0]:
            best[code] = (rank, candidate)
    urls: dict[str, str] = {}
    for code in languages:
        if code == page.locale.language_code:
            urls[code] = page.get_url(request) or "/"
        elif code in best:
            urls[code] = best[code][1].get_url(request) or "/"
    return urls


# News and events


def news_articles(locale: Locale) -> Any:  # a Wagtail PageQuerySet (untyped)
    return (
        NewsArticlePage.objects.live()
        .public()
        .filter(locale=locale)
        .defer_streamfields()
        .order_by("-date", "-first_published_at", "-pk")
    )


def latest_news(locale: Locale, *, limit: int = 3) -> list[NewsArticlePage]:
    """The latest articles of a language (cached; else one query)."""
    return cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["latest_news", locale.pk, limit],
        render=lambda: list(news_articles(locale)[:limit]),
    )


def news_page(index_page: NewsIndexPage, number: Any) -> PaginatorPage[NewsArticlePage]:
    articles = news_articles(index_page.locale).child_of(index_page)
    return Paginator(articles, NEWS_PER_PAGE).get_page(number)


def news_for_feed(index_page: NewsIndexPage, *, limit: int = 20) -> list[NewsArticlePage]:
    return list(news_articles(index_page.locale).child_of(index_page)[:limit])


def _events(locale: Locale) -> Any:  # a Wagtail PageQuerySet (untyped)
    return EventPage.objects.live().public().filter(locale=locale).defer_streamfields()


def upcoming_events(locale: Locale, *, limit: int = 3) -> list[EventPage]:
    """The next events of a language, and those begun in the last twelve hours (cached for the
    current hour; else one query)."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)

    def read() -> list[EventPage]:
        since = hour - timedelta(hours=12)
        return list(_events(locale).filter(start__gte=since).order_by("start", "pk")[:limit])

    return cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["upcoming_events", locale.pk, limit, hour.isoformat()],
        render=read,
    )


def events_of(index_page: EventIndexPage, *, past_limit: int = 20) -> tuple[list[EventPage], ...]:
    """Upcoming events (soonest first), then the latest past ones. Two queries."""
    now = timezone.now()
    children = _events(index_page.locale).child_of(index_page)
    upcoming = list(children.filter(start__gte=now).order_by("start", "pk"))
    past = list(children.filter(start__lt=now).order_by("-start", "-pk")[:past_limit])
    return upcoming, past


# The event index's iCal feed: the events of the last three months and of the coming year.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 366


def events_for_feed(index_page: EventIndexPage) -> list[EventPage]:
    """The events of an index's iCal feed, within its window, soonest first. One query."""
    now = timezone.now()
    return list(
        _events(index_page.locale)
        .child_of(index_page)
        .filter(
            start__gte=now - timedelta(days=FEED_DAYS_BACK),
            start__lte=now + timedelta(days=FEED_DAYS_AHEAD),
        )
        .order_by("start", "pk")
    )


# Sections


def section_children(page: Page) -> list[Page]:
    return list(page.get_children().live().public().specific().order_by("path"))


def menu_pages(locale: Locale | None) -> list[Page]:
    """The pages right under the home page of the active language, for the site's menu (cached;
    else two queries)."""
    return cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["menu", locale.pk if locale is not None else ""],
        render=lambda: _menu_pages(locale),
    )


def _menu_pages(locale: Locale | None) -> list[Page]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    root = site.root_page
    if locale is not None and root.locale_id != locale.pk:
        root = root.get_translation_or_none(locale) or root
    return list(root.get_children().live().public().in_menu().order_by("path"))


# Glossary


@dataclass(frozen=True)
class TermLink:
    term: GlossaryTerm
    url: str
    original: GlossaryTerm | None = None  # the term in the site's first language, when different


def glossary_url(locale: Locale) -> str:
    """The glossary page of a language (its own, else the first one found)."""
    pages = GlossaryPage.objects.live().public().select_related("locale")
    page = pages.filter(locale=locale).first() or pages.first()
    return page.get_url() if page is not None else ""


def glossary_terms(locale: Locale) -> list[TermLink]:
    """Every term of a language with its anchor, and the French term beside an English one."""
    terms = list(GlossaryTerm.objects.filter(locale=locale).order_by("term"))
    originals: dict[Any, GlossaryTerm] = {}
    if locale.language_code != settings.LANGUAGE_CODE:
        originals = {
            t.translation_key: t
            for t in GlossaryTerm.objects.filter(
                translation_key__in=[t.translation_key for t in terms],
                locale__language_code=settings.LANGUAGE_CODE,
            )
        }
    return [
        TermLink(term=t, url=f"#{t.slug}", original=originals.get(t.translation_key)) for t in terms
    ]


def term_links(terms: Iterable[GlossaryTerm], locale: Locale | None = None) -> list[TermLink]:
    """Chosen terms in the language of the page, each linked to its anchor in the glossary.
    Three queries, whatever the number of terms."""
    chosen = [t for t in terms if t is not None]
    if not chosen:
        return []
    locale = locale or active_locale()
    if locale is None:
        return [TermLink(term=t, url="") for t in chosen]
    localized = {
        t.translation_key: t
        for t in GlossaryTerm.objects.filter(
            translation_key__in=[t.translation_key for t in chosen], locale=locale
        )
    }
    base = glossary_url(locale)
    links = []
    for term in chosen:
        shown = localized.get(term.translation_key, term)
        links.append(TermLink(term=shown, url=f"{base}#{shown.slug}" if base else ""))
    return links


def current_language_is_default() -> bool:
    return (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE


# Search


def search_pages(query: str) -> Any:
    """Published, public pages of the active language holding every word of `query` (Wagtail's
    search), in either number ("chantier" finds "chantiers"); whatever else was typed is left
    out, so any text is searched, never parsed. Accents are ignored on SQLite by FTS5, on
    PostgreSQL by the `maillage_french` configuration (see `core.search`)."""
    words = search_terms(query)
    if not words:
        return Page.objects.none()
    pages = public_pages().filter(depth__gt=1)
    locale = active_locale()
    if locale is not None:
        pages = pages.filter(locale=locale)
    # Each word in any of its numbers: FTS5 compares whole words, PostgreSQL stems them.
    stemmed = connection.vendor == "postgresql"
    wanted = And(
        [Or([PlainText(form) for form in variants(word, stemmed=stemmed)]) for word in words]
    )
    # The results show a title and a lead: never the pages' bodies.
    return (
        pages.defer_streamfields()
        .specific()
        .order_by("depth", "path")
        .search(wanted, order_by_relevance=False)
    )


def _page_hit(page: Page) -> Hit:
    description = getattr(page, "meta_description", None)
    return Hit(
        title=page.title,
        url=page.get_url() or "",
        snippet=description() if callable(description) else page.search_description,
    )


def search(*, viewer: Viewer, query: str) -> list[Group]:
    """One search: the site's pages, then what the platform's apps let the viewer find (circles,
    workstreams, policies, decisions, organizations, people, consultations, proposals), each a
    `Group` read only when shown."""
    if not search_terms(query):
        return []
    return [
        Group(kind="pages", label=_("Pages of the site"), rows=search_pages(query), hit=_page_hit),
        *governance_selectors.search(viewer=viewer, query=query),
        *decisions_selectors.search(viewer=viewer, query=query),
        *network_selectors.search(viewer=viewer, query=query),
        *participation_search.search(viewer=viewer, query=query),
    ]


# The first results of each kind for one query, kept until a row they may show changes (the
# models in `apps.SiteConfig.ready`) or a page of the site does (`PAGES_CACHE`).
SEARCH_CACHE = "site.search"


def search_visibility(viewer: Viewer) -> str:
    """What decides which results `viewer` finds (see each app's `search`): the policies, the
    people, and the decisions they may read (`register_reader`'s key; its groups kept per
    account). Circles, workstreams, organizations and the site's public pages are the same for
    everyone."""
    groups = decisions_selectors.kept_group_ids(viewer)
    return "policies:{}/people:{}/decisions:{}".format(
        int(has_perm(viewer, "governance.view_circle")),
        int(has_perm(viewer, "network.view_people")),
        decisions_selectors.register_reader(viewer, groups).key,
    )


def search_previews(*, viewer: Viewer, query: str, limit: int) -> list[Preview]:
    """The first `limit` hits and the total of each kind of result that has some, kept per query,
    language, day (a person's current functions) and what the viewer may see: a query found kept
    reads nothing from the database, one that is not reads one query per kind."""

    def read() -> list[Preview]:
        previews = [group.preview(limit) for group in search(viewer=viewer, query=query)]
        return [preview for preview in previews if preview.total]

    return cache.fragment(
        (SEARCH_CACHE, PAGES_CACHE),
        visibility=search_visibility(viewer),
        filters=[query, limit, timezone.localdate()],
        render=read,
    )


@dataclass(frozen=True)
class KindPage:
    """One page of the results of one kind: plain values, so that it may be kept."""

    kind: str
    label: Any
    hits: list[Hit]
    number: int
    count: int

    def page(self, per_page: int) -> PaginatorPage[Hit]:
        """As a paginator's page, for the templates (`core/_pagination.html`)."""
        # Only the count matters to the paginator: the hits are already this page's.
        counted: Paginator[Any] = Paginator(cast(Any, range(self.count)), per_page)
        return PaginatorPage(self.hits, self.number, counted)


def search_kind_page(
    *, viewer: Viewer, query: str, kind: str, number: str | None, per_page: int
) -> KindPage | None:
    """A page of the results of one `kind` (None for a kind the viewer has none of), kept like
    the previews: per query, kind, page, language, day and what the viewer may see."""
    # A page number, as the paginator reads it (any other text is the first page; an absurdly
    # long one too, which `int` would refuse).
    asked = int(number) if number and number.isdigit() and len(number) <= 9 else 1

    def read() -> KindPage | None:
        group = next((g for g in search(viewer=viewer, query=query) if g.kind == kind), None)
        if group is None:
            return None
        found = group.page(asked, per_page)
        return KindPage(kind, group.label, list(found), found.number, found.paginator.count)

    return cache.fragment(
        (SEARCH_CACHE, PAGES_CACHE),
        visibility=search_visibility(viewer),
        filters=["kind", query, kind, asked, per_page, timezone.localdate()],
        render=read,
    )


def news_index(locale: Locale) -> NewsIndexPage | None:
    return NewsIndexPage.objects.live().public().filter(locale=locale).order_by("path").first()


def news_index_url(locale: Locale, request: HttpRequest | None = None) -> str:
    """The URL of a language's news page, "" when it has none (cached; else one query)."""

    def read() -> str:
        index = news_index(locale)
        return (index.get_url(request) or "") if index is not None else ""

    return cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["news_index", locale.pk, _host(request)],
        render=read,
    )


def absolute_url(page: Page, request: HttpRequest | None) -> str:
    """The page's full URL, on the host the request came to (else the site's own host)."""
    if request is not None:
        url = page.get_url(request)
        if url:
            return request.build_absolute_uri(url)
    return page.get_full_url() or ""


# The newsletter


def newsletter_recipients() -> QuerySet[User]:
    """The active accounts whose consent to receive the newsletter is in force."""
    return User.objects.filter(
        is_active=True, pk__in=consenting_accounts(Purpose.NEWSLETTER)
    ).order_by("pk")


def newsletters() -> QuerySet[Newsletter]:
    return Newsletter.objects.select_related("created_by").order_by("-created_at", "-pk")


def newsletter_from_latest_news(locale: Locale) -> dict[str, str]:
    """A newsletter drafted from the latest news of a language: its title, and each article's
    title, introduction and address."""
    articles = list(news_articles(locale)[:5])
    if not articles:
        return {}
    lines = []
    for article in articles:
        lines += [article.title, getattr(article, "intro", "") or "", article.full_url or "", ""]
    return {"subject": articles[0].title, "body": "\n".join(lines).strip()}
