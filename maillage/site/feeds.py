"""RSS 2.0 and Atom feeds of a news index (Django's syndication framework)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from maillage.site import selectors
from maillage.site.models import NewsArticlePage, NewsIndexPage


class NewsFeed(Feed):  # type: ignore[type-arg]
    def __init__(self, index_page: NewsIndexPage) -> None:
        super().__init__()
        self.index_page = index_page

    def __call__(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index_page.seo_title or self.index_page.title

    def link(self) -> str:
        return self.index_page.get_url(self.request) or "/"

    def description(self) -> str:
        return self.index_page.meta_description()

    def items(self) -> list[NewsArticlePage]:
        return selectors.news_for_feed(self.index_page)

    def item_title(self, item: NewsArticlePage) -> str:
        return item.title

    def item_description(self, item: NewsArticlePage) -> str:
        return item.meta_description()

    def item_link(self, item: NewsArticlePage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: NewsArticlePage) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item: NewsArticlePage) -> datetime | None:
        return item.last_published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
