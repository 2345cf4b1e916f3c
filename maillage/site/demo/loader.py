"""Creates the demo's pages from `content.py`, `glossary.py` and `news.py`, in French and English.

Idempotent: a page found by its slug is left as it is, so a second run creates nothing new and
changes nothing an editor changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search import index

from maillage.core.permissions import SYSTEM
from maillage.site import services
from maillage.site.demo.content import (
    HOME_BODY_EN,
    HOME_BODY_FR,
    HOME_EN,
    HOME_FR,
    PAGES,
    DemoPage,
)
from maillage.site.demo.glossary import GLOSSARY_PAGE, TERMS
from maillage.site.demo.news import EVENTS_PAGE, NEWS_PAGE
from maillage.site.models import GlossaryTerm, HomePage

FRENCH = "fr-ca"
ENGLISH = "en"

# The pages under the home page, in the order of the menu.
SITE = [*PAGES, GLOSSARY_PAGE, NEWS_PAGE, EVENTS_PAGE]


def _body(blocks: list[dict[str, Any]] | None, term_ids: dict[str, int]) -> dict[str, Any]:
    """The `body` field of a page that has one, its glossary blocks naming the terms' ids."""
    if blocks is None:
        return {}
    result = []
    for block in blocks:
        if block["type"] == "terms":
            value = dict(block["value"])
            value["terms"] = [term_ids[slug] for slug in value["terms"] if slug in term_ids]
            block = {"type": "terms", "value": value}
        result.append(block)
    return {"body": result}


@transaction.atomic
def load(*, stdout: Any) -> None:
    french = Locale.objects.get_or_create(language_code=FRENCH)[0]
    english = Locale.objects.get_or_create(language_code=ENGLISH)[0]
    created: list[Page] = []
    home = _home(french, english, created)
    term_ids = _glossary(french, english)
    for demo in SITE:
        _page(home, demo, english, term_ids, created)
    services.editors_sync_all(actor=SYSTEM)
    # The search index is kept up to date by background tasks; the demo indexes its pages now.
    for page in created:
        index.insert_or_update_object(page)
    stdout.write(
        _("Public site: %(pages)d pages in French and English (%(new)d new).")
        % {
            "pages": Page.objects.filter(depth__gt=1).live().count(),
            "new": len(created),
        }
    )


def _publish(page: Page, created: list[Page]) -> Page:
    page.save_revision().publish()
    created.append(page)
    return page


def _translate(page: Page, english: Locale, fields: dict[str, Any], created: list[Page]) -> Page:
    existing = page.get_translation_or_none(english)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(english).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    return _publish(translation, created)


def _home(french: Locale, english: Locale, created: list[Page]) -> HomePage:
    """The home pages exist since `migrate`; the demo gives them their text, once."""
    home = services.home_pages_ensure()
    if not home.body:
        home.title, home.intro = HOME_FR
        home.body = HOME_BODY_FR
        home.seo_title = "Collectif IDS-CN"
        home.search_description = HOME_FR[1]
        _publish(home, created)
    translation = home.get_translation(english).specific
    if not translation.body:
        translation.title, translation.intro = HOME_EN
        translation.body = HOME_BODY_EN
        translation.slug = "home"
        translation.seo_title = "Collectif IDS-CN"
        translation.search_description = HOME_EN[1]
        _publish(translation, created)
    return home


def _page(
    parent: Page,
    demo: DemoPage,
    english: Locale,
    term_ids: dict[str, dict[str, int]],
    created: list[Page],
) -> Page:
    page = parent.get_children().filter(slug=demo.slug_fr).first()
    if page is None:
        page = demo.model(
            title=demo.title_fr,
            slug=demo.slug_fr,
            intro=demo.intro_fr,
            search_description=demo.description_fr or demo.intro_fr,
            show_in_menus=parent.depth == 2,
            **_body(demo.body_fr, term_ids[FRENCH]),
            **demo.extra,
            **(demo.computed() if demo.computed else {}),
        )
        parent.add_child(instance=page)
        _publish(page, created)
    page = page.specific
    _translate(
        page,
        english,
        {
            "title": demo.title_en,
            "slug": demo.slug_en,
            "intro": demo.intro_en,
            "search_description": demo.description_en or demo.intro_en,
            **_body(demo.body_en, term_ids[FRENCH]),
        },
        created,
    )
    for child in demo.children:
        _page(page, child, english, term_ids, created)
    return page


def _glossary(french: Locale, english: Locale) -> dict[str, dict[str, int]]:
    ids: dict[str, dict[str, int]] = {FRENCH: {}, ENGLISH: {}}
    for demo in TERMS:
        term = GlossaryTerm.objects.filter(locale=french, slug=demo.slug_fr).first()
        if term is None:
            term = GlossaryTerm.objects.create(
                locale=french,
                term=demo.term_fr,
                slug=demo.slug_fr,
                definition=f"<p>{demo.definition_fr}</p>",
            )
        translation = term.get_translation_or_none(english)
        if translation is None:
            translation = term.copy_for_translation(english)
            translation.term = demo.term_en
            translation.slug = demo.slug_en
            translation.definition = f"<p>{demo.definition_en}</p>"
            translation.save()
        ids[FRENCH][demo.slug_fr] = term.pk
        ids[ENGLISH][demo.slug_fr] = translation.pk
    return ids
