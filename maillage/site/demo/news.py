"""The news and the events of the demo, each index with one item; both items are fictional."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from maillage.site.demo.content import DemoPage, p
from maillage.site.models import EventIndexPage, EventPage, NewsArticlePage, NewsIndexPage

NEWS_PAGE = DemoPage(
    NewsIndexPage,
    "nouvelles",
    "Nouvelles",
    "Ce qui se passe au Collectif et chez ses partenaires.",
    None,
    "news",
    "News",
    "What is happening at the collective and among its partners.",
    None,
    description_fr="Les nouvelles du Collectif.",
    description_en="News of the collective.",
    children=[
        DemoPage(
            NewsArticlePage,
            "un-site-public-relie-a-la-plateforme",
            "Un site public relié à notre plateforme",
            "Notre territoire, nos partenaires et nos cercles s'affichent désormais tels "
            "qu'ils sont dans la plateforme du Collectif.",
            [
                p(
                    "Le Collectif met en ligne son site public. Les pages sur notre territoire "
                    "et notre modèle de collaboration présentent des données tirées directement "
                    "de la plateforme : elles restent à jour sans qu'on ait à les retoucher.",
                    "Cette nouvelle est fictive : elle sert à la démonstration.",
                )
            ],
            "a-public-site-connected-to-our-platform",
            "A public site connected to our platform",
            "Our territory, partners and circles now appear as they are in the "
            "collective's platform.",
            [
                p(
                    "Pages about our territory and collaboration model now show data straight "
                    "from the platform. This news item is fictional, for the demonstration."
                )
            ],
            extra={"date": datetime.date(2026, 9, 15)},
            description_fr="Le Collectif met en ligne son site public.",
            description_en="The collective launches its public site.",
        )
    ],
)


def _forum_dates() -> dict[str, Any]:
    day = timezone.localdate() + datetime.timedelta(days=45)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return {"start": start, "end": start + datetime.timedelta(hours=7)}


EVENTS_PAGE = DemoPage(
    EventIndexPage,
    "evenements",
    "Événements",
    "Rencontres, forums et activités ouvertes aux partenaires et au public.",
    None,
    "events",
    "Events",
    "Meetings, forums and activities open to partners and the public.",
    None,
    description_fr="Les événements du Collectif.",
    description_en="Events of the collective.",
    children=[
        DemoPage(
            EventPage,
            "forum-regional-developpement-social",
            "Forum régional sur le développement social",
            "Une journée pour faire le point sur nos chantiers et choisir ensemble les "
            "priorités de l'année.",
            [
                p(
                    "Partenaires, citoyennes et citoyens sont invités à une journée d'échanges "
                    "sur les chantiers en cours. L'événement est fictif : il sert à la "
                    "démonstration."
                )
            ],
            "regional-forum-social-development",
            "Regional forum on social development",
            "A day to review our workstreams and choose the year's priorities together.",
            [
                p(
                    "Partners and citizens are invited to a day of discussion (in French) on "
                    "the current workstreams. This event is fictional, for the demonstration."
                )
            ],
            extra={
                "place": "Salle communautaire des Bâtisseurs (fictive), La Malbaie",
                "online_url": "https://forum.exemple.org/en-ligne",
                "registration_url": "https://forum.exemple.org/inscription",
            },
            description_fr="Forum régional du Collectif, sur place et en ligne.",
            description_en="The collective's regional forum, on site and online.",
            computed=_forum_dates,
        )
    ],
)
