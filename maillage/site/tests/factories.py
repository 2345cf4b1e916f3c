"""Pages of the public site for tests: created under the home page that `migrate` provides."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone
from wagtail.models import Locale, Page

from maillage.site.models import (
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    StandardPage,
)
from maillage.site.services import home_pages_ensure

_numbers = itertools.count(1)


def locale(code: str = "fr-ca") -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def home(code: str = "fr-ca") -> HomePage:
    french = home_pages_ensure()
    if code == "fr-ca":
        return french
    return french.get_translation(locale(code)).specific


def publish(page: Page, parent: Page | None = None) -> Any:
    (parent or home()).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def translate(page: Page, code: str = "en", **fields: Any) -> Any:
    translation = page.copy_for_translation(locale(code)).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def standard_page(parent: Page | None = None, **fields: Any) -> StandardPage:
    n = next(_numbers)
    fields.setdefault("title", f"Page témoin {n}")
    fields.setdefault("slug", f"page-temoin-{n}")
    return publish(StandardPage(**fields), parent)  # type: ignore[no-any-return]


def news_index(parent: Page | None = None, **fields: Any) -> NewsIndexPage:
    fields.setdefault("title", "Nouvelles")
    fields.setdefault("slug", f"nouvelles-{next(_numbers)}")
    return publish(NewsIndexPage(**fields), parent)  # type: ignore[no-any-return]


def news_article(index: NewsIndexPage, **fields: Any) -> NewsArticlePage:
    n = next(_numbers)
    fields.setdefault("title", f"Nouvelle {n}")
    fields.setdefault("slug", f"nouvelle-{n}")
    fields.setdefault("intro", f"Résumé de la nouvelle {n}.")
    return publish(NewsArticlePage(**fields), index)  # type: ignore[no-any-return]


def event_index(parent: Page | None = None, **fields: Any) -> EventIndexPage:
    fields.setdefault("title", "Événements")
    fields.setdefault("slug", f"evenements-{next(_numbers)}")
    return publish(EventIndexPage(**fields), parent)  # type: ignore[no-any-return]


def event(index: EventIndexPage, **fields: Any) -> EventPage:
    n = next(_numbers)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    fields.setdefault("title", f"Rencontre {n}")
    fields.setdefault("slug", f"rencontre-{n}")
    fields.setdefault("start", start)
    fields.setdefault("end", start + datetime.timedelta(hours=3))
    return publish(EventPage(**fields), index)  # type: ignore[no-any-return]


def glossary_term(code: str = "fr-ca", **fields: Any) -> GlossaryTerm:
    n = next(_numbers)
    fields.setdefault("term", f"Terme {n}")
    fields.setdefault("slug", f"terme-{n}")
    fields.setdefault("definition", f"<p>Définition {n}.</p>")
    return GlossaryTerm.objects.create(locale=locale(code), **fields)


def glossary_page(parent: Page | None = None, **fields: Any) -> GlossaryPage:
    fields.setdefault("title", "Glossaire")
    fields.setdefault("slug", "glossaire")
    return publish(GlossaryPage(**fields), parent)  # type: ignore[no-any-return]
