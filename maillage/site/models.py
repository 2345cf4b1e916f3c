"""The pages of the public site (Wagtail) and the glossary's terms.

Every page type shares `SitePage`: meta description, Open Graph image, and the URL of the same page
in the other language (the language switch of the base template and the `hreflang` links use it).
Pages hold data and invariants only; what a page lists comes from `selectors.py`. Each page type
is drawn by Wagtail's default template, `site/<page_type>.html` (`HomePage`: `site/home_page.html`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from maillage.site.blocks import RICH_TEXT_FEATURES, BodyBlock


class SitePage(Page):
    """What every page of the site has: a lead, an optional sharing image, alternates."""

    intro = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in lists of pages."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks (Open Graph)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Sharing")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def meta_description(self) -> str:
        return self.search_description or self.intro

    def get_view_restrictions(self) -> Any:
        # A page served from `routes` comes with its branch's restrictions, kept with it.
        kept = getattr(self, "_kept_view_restrictions", None)
        return kept if kept is not None else super().get_view_restrictions()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from maillage.site import selectors

        context = super().get_context(request, *args, **kwargs)
        # The base template's language switch reads the alternates from the request.
        request.alternate_urls = selectors.alternate_urls(self, request)  # type: ignore[attr-defined]
        context["alternate_urls"] = request.alternate_urls  # type: ignore[attr-defined]
        context.update(self.page_context(request))
        return context

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        """What the page's template lists besides the page itself (read from `selectors`)."""
        return {}


class BodyPage(SitePage):
    """A page whose content is its lead and a stream of blocks."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True


class RoutableSitePage(RoutablePageMixin, SitePage):
    """A page with addresses below its own (feeds, iCal); its own address serves the page."""

    class Meta:
        abstract = True

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        return self.serve(request)


class HomePage(BodyPage):
    """The root of each language's tree: a presentation, the latest news and upcoming events."""

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        from maillage.site import selectors

        return {
            "latest_news": selectors.latest_news(self.locale, limit=3),
            "upcoming_events": selectors.upcoming_events(self.locale, limit=3),
        }


class StandardPage(BodyPage):
    """A page of text and blocks (who we are, our territory, our strategies, …)."""

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SectionIndexPage(BodyPage):
    """A section: its text, then the list of its pages."""

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        from maillage.site import selectors

        return {"children": selectors.section_children(self)}


class NewsIndexPage(RoutableSitePage):
    """The news: articles newest first, with RSS and Atom feeds."""

    subpage_types = ["site.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        from maillage.site import selectors

        return {"articles": selectors.news_page(self, request.GET.get("page"))}

    @path("rss/")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from maillage.site.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("atom/")
    def atom(self, request: HttpRequest) -> HttpResponse:
        from maillage.site.feeds import AtomNewsFeed

        return AtomNewsFeed(self)(request)


class NewsArticlePage(SitePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]
    parent_page_types = ["site.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class EventIndexPage(RoutableSitePage):
    """Events: upcoming first, then past ones; an iCal feed of all of them."""

    subpage_types = ["site.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        from maillage.site import selectors

        upcoming, past = selectors.events_of(self)
        return {"upcoming": upcoming, "past": past}

    @path("ical/")
    def ical(self, request: HttpRequest) -> HttpResponse:
        from maillage.site import ical, selectors

        events = selectors.events_for_feed(self)
        return ical.response(events, request=request, filename="calendrier.ics")


class EventPage(RoutableSitePage):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Name and address, if any.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("place"),
        index.SearchField("body"),
    ]
    parent_page_types = ["site.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="site_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.end is not None and self.start is not None and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def is_past(self) -> bool:
        end: datetime = self.end or self.start
        return end < timezone.now()

    @path("ical/")
    def ical(self, request: HttpRequest) -> HttpResponse:
        from maillage.site import ical

        return ical.response([self], request=request, filename=f"{self.slug}.ics")


class GlossaryPage(SitePage):
    """The glossary: every term of its language, each with an anchor other pages link to."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("glossary")
        verbose_name_plural = _("glossaries")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        from maillage.site import selectors

        return {"terms": selectors.glossary_terms(self.locale)}


@register_snippet
class GlossaryTerm(TranslatableMixin, models.Model):
    """A term of the glossary (social development, intersectoral concertation, …).

    Its anchor on the glossary page is its slug: `/glossaire/#developpement-social` in French,
    `/en/glossary/#social-development` in English, so any page may link to it.
    """

    term = models.CharField(_("term"), max_length=120)
    slug = models.SlugField(
        _("anchor"),
        max_length=120,
        help_text=_("The end of the term's address on the glossary page (after #)."),
    )
    definition = RichTextField(_("definition"), features=RICH_TEXT_FEATURES)
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where the definition comes from.")
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("source"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="site_glossary_term_unique_slug",
                violation_error_message=_("Another term of this language has this anchor."),
            )
        ]

    def __str__(self) -> str:
        return self.term


class Newsletter(models.Model):
    """A newsletter composed by the staff and sent by e-mail to the accounts that consent to
    receive it (`privacy`'s "newsletter" purpose), read at the moment of sending."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    created_by = models.ForeignKey(
        "core.User",
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
