"""Demo content of the public site, in French with a short English version of each page.

Written for Maillage from the collective's public facts (its history from the regional committee
of the Alliances pour la solidarité to the collective, its territory, its collaboration model, its
strategies); the news article and the event are fictional. Called by `manage.py load_demo` after
the other apps; a second run creates nothing new and changes nothing an editor changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search import index

from maillage.core.permissions import SYSTEM
from maillage.site import services
from maillage.site.models import (
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    SectionIndexPage,
    StandardPage,
)

FRENCH = "fr-ca"
ENGLISH = "en"


def p(*paragraphs: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": "".join(f"<p>{x}</p>" for x in paragraphs)}


def ul(*items: str) -> dict[str, Any]:
    return {
        "type": "paragraph",
        "value": "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>",
    }


def h(text: str, level: str = "h2") -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def live(source: str) -> dict[str, Any]:
    return {"type": "live", "value": {"source": source, "heading": ""}}


def callout(title: str, *paragraphs: str) -> dict[str, Any]:
    return {
        "type": "callout",
        "value": {"title": title, "text": "".join(f"<p>{x}</p>" for x in paragraphs)},
    }


def terms(*slugs: str) -> dict[str, Any]:
    # Replaced by the terms' ids when the page is created.
    return {"type": "terms", "value": {"heading": "", "terms": list(slugs)}}


def fr_term(slug: str, text: str) -> str:
    return f'<a href="/glossaire/#{slug}">{text}</a>'


def en_term(slug: str, text: str) -> str:
    return f'<a href="/en/glossary/#{slug}">{text}</a>'


# The glossary: (French slug, French term, French definition, English slug, term, definition)


@dataclass(frozen=True)
class Term:
    slug_fr: str
    term_fr: str
    definition_fr: str
    slug_en: str
    term_en: str
    definition_en: str


TERMS = [
    Term(
        "developpement-social",
        "Développement social",
        "L'ensemble des gestes qu'une société pose pour que chaque personne puisse se réaliser, "
        "prendre part à la vie collective et exercer les droits sociaux reconnus par les chartes "
        "québécoise et canadienne. Il vise une amélioration durable des conditions de vie au sein "
        "des communautés, en misant sur la concertation, l'équité, la solidarité, "
        "l'intersectorialité, l'intersectionnalité et l'innovation.",
        "social-development",
        "Social development",
        "Everything a society does so that each person can flourish, take part in community life "
        "and exercise the social rights recognized by the Québec and Canadian charters, for a "
        "lasting improvement of living conditions.",
    ),
    Term(
        "concertation-intersectorielle",
        "Concertation intersectorielle",
        "Des organisations de secteurs différents (communautaire, municipal, philanthropique, "
        "réseaux publics…) qui unissent leurs forces devant des situations complexes : elles "
        "partagent leur expertise, bâtissent ensemble des solutions et mènent des actions "
        "collectives dans un souci de bien-être commun. Le Collectif en est une.",
        "intersectoral-concertation",
        "Intersectoral concertation",
        "Organizations from different sectors joining forces on complex situations: they pool "
        "their expertise, build solutions together and act collectively. The collective is one.",
    ),
    Term(
        "action-communautaire",
        "Action communautaire",
        "Une action collective portée par des valeurs de solidarité, de démocratie, d'équité et "
        "d'autonomie. Elle prend forme dans des organismes issus de leur milieu, qui répondent à "
        "des besoins exprimés par les personnes concernées et font une large place à la "
        "participation citoyenne et à la délibération.",
        "community-action",
        "Community action",
        "Collective action grounded in solidarity, democracy, equity and autonomy, carried by "
        "community organizations that answer needs voiced by the people concerned.",
    ),
    Term(
        "developpement-des-communautes",
        "Développement des communautés",
        "Une démarche de coopération volontaire entre les résidents et les institutions d'un "
        "milieu, structurée sur un territoire donné, pour améliorer les conditions et la qualité "
        "de vie. Son orientation vient des communautés elles-mêmes et des acteurs qui les "
        "composent, par une participation démocratique.",
        "community-development",
        "Community development",
        "Voluntary cooperation between the residents and institutions of a place to improve "
        "living conditions, steered democratically by the communities themselves.",
    ),
    Term(
        "action-sociale-influence-citoyenne",
        "Action sociale et influence citoyenne",
        "La mobilisation d'organisations de la société civile ou de groupes de citoyennes et de "
        "citoyens qui défendent des droits individuels et collectifs pour obtenir des mesures, "
        "des règlements et des politiques publiques favorables aux personnes en situation de "
        "pauvreté ou d'exclusion.",
        "social-action-citizen-influence",
        "Social action and citizen influence",
        "Civil-society organizations and citizens' groups defending rights to obtain public "
        "measures and policies that improve the lives of people facing poverty or exclusion.",
    ),
    Term(
        "cercle",
        "Cercle",
        "Un espace de travail du Collectif, doté d'une raison d'être, d'un domaine et de "
        "redevabilités, qui prend ses décisions par consentement.",
        "circle",
        "Circle",
        "A working body of the collective with a purpose, a domain and accountabilities; it "
        "decides by consent.",
    ),
    Term(
        "chantier",
        "Chantier",
        "Un groupe de travail temporaire, mandaté par un ou plusieurs cercles, ouvert aux "
        "acteurs externes et doté d'une date de fin.",
        "workstream",
        "Workstream",
        "A temporary working group, mandated by one or more circles, open to external actors "
        "and with an end date.",
    ),
    Term(
        "palier",
        "Palier",
        "Le niveau auquel on agit : local, supralocal (MRC), régional ou national.",
        "level",
        "Level",
        "The scale at which one acts: local, supralocal (MRC), regional or national.",
    ),
]


# The pages: French first, then the short English version.


@dataclass
class DemoPage:
    model: type[Page]
    slug_fr: str
    title_fr: str
    intro_fr: str
    body_fr: list[dict[str, Any]]
    slug_en: str
    title_en: str
    intro_en: str
    body_en: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)
    children: list[DemoPage] = field(default_factory=list)


HOME_FR = (
    "Le Collectif pour l'inclusion et le développement social dans la Capitale-Nationale",
    "Des partenaires de tous les secteurs qui agissent ensemble contre la pauvreté et "
    "l'exclusion sociale, de Portneuf à Charlevoix.",
)
HOME_EN = (
    "The collective for inclusion and social development in the Capitale-Nationale",
    "Partners from every sector acting together against poverty and social exclusion, from "
    "Portneuf to Charlevoix.",
)
HOME_BODY_FR = [
    p(
        "Organismes communautaires, municipalités, réseau de la santé et des services sociaux, "
        "milieux scolaire, économique et philanthropique, citoyennes et citoyens : le Collectif "
        "réunit celles et ceux qui veulent améliorer durablement les conditions de vie dans la "
        f"région. Il pratique le {fr_term('developpement-social', 'développement social')} et "
        "administre, pour la région, le Fonds québécois d'initiatives sociales.",
    ),
    live("territory"),
]
HOME_BODY_EN = [
    p(
        "Community organizations, municipalities, health and social services, schools, business "
        "and philanthropy, and citizens: the collective brings together those who want lasting "
        f"improvements in the region's living conditions through "
        f"{en_term('social-development', 'social development')}.",
    ),
    live("territory"),
]

STRATEGY_PAGES = [
    DemoPage(
        StandardPage,
        "concertation-intersectorielle",
        "La concertation intersectorielle",
        "Agir ensemble, d'un secteur à l'autre, sur des situations que personne ne règle seul.",
        [
            p(
                "La pauvreté touche le revenu, le logement, la santé, l'éducation et les liens "
                "sociaux à la fois. Aucun secteur ne peut y répondre seul : la concertation "
                "intersectorielle met autour de la même table des organisations qui, "
                "autrement, travailleraient chacune de leur côté.",
                "Au Collectif, les partenaires mettent en commun ce qu'ils savent, décident "
                "ensemble des priorités régionales et portent des actions collectives. Le "
                "Collectif est lui-même une concertation intersectorielle.",
            ),
            terms("concertation-intersectorielle"),
        ],
        "intersectoral-concertation",
        "Intersectoral concertation",
        "Acting together across sectors on situations no one can solve alone.",
        [
            p(
                "Poverty touches income, housing, health, education and social ties at once. "
                "Intersectoral concertation brings organizations from every sector to the same "
                "table; the collective itself is one."
            ),
            terms("concertation-intersectorielle"),
        ],
    ),
    DemoPage(
        StandardPage,
        "action-communautaire",
        "L'action communautaire",
        "Des organismes nés de leur milieu, qui répondent aux besoins exprimés par les personnes.",
        [
            p(
                "Les organismes communautaires sont souvent la première porte à laquelle on "
                "frappe. Ils naissent d'un besoin partagé par des personnes qui vivent une "
                "situation semblable, et ils fonctionnent de façon démocratique.",
                "Le Collectif soutient leur rôle, relaie leur connaissance du terrain et les "
                "associe à ses décisions.",
            ),
            terms("action-communautaire"),
        ],
        "community-action",
        "Community action",
        "Organizations born in their community, answering the needs people voice.",
        [
            p(
                "Community organizations are often the first door people knock on. The "
                "collective supports them and involves them in its decisions."
            ),
            terms("action-communautaire"),
        ],
    ),
    DemoPage(
        StandardPage,
        "developpement-des-communautes",
        "Le développement des communautés",
        "Des résidents et des institutions qui coopèrent pour améliorer la vie de leur milieu.",
        [
            p(
                "Dans un quartier, une municipalité ou une MRC, les résidents et les "
                "institutions peuvent choisir ensemble ce qu'ils veulent changer et s'organiser "
                "pour y arriver. L'orientation vient de la communauté elle-même.",
                "Le Collectif appuie ces démarches locales et les relie entre elles, d'un "
                f"{fr_term('palier', 'palier')} à l'autre.",
            ),
            terms("developpement-des-communautes"),
        ],
        "community-development",
        "Community development",
        "Residents and institutions cooperating to improve life where they live.",
        [
            p(
                "Residents and institutions choose together what they want to change. The "
                "collective supports these local efforts and connects them across levels."
            ),
            terms("developpement-des-communautes"),
        ],
    ),
    DemoPage(
        StandardPage,
        "action-sociale-influence-citoyenne",
        "L'action sociale et l'influence citoyenne",
        "Faire entendre la voix des personnes concernées jusque dans les politiques publiques.",
        [
            p(
                "Certaines solutions dépendent de lois, de règlements ou de programmes publics. "
                "L'action sociale mobilise la société civile et les citoyennes et citoyens pour "
                "défendre des droits et obtenir ces changements.",
                "Le Collectif fait une place à l'influence citoyenne dans son propre "
                "fonctionnement : une idée venue de la population est acheminée au bon cercle, "
                "qui en décide et rend compte de ce qu'il en a fait.",
            ),
            terms("action-sociale-influence-citoyenne"),
        ],
        "social-action-citizen-influence",
        "Social action and citizen influence",
        "Bringing the voice of the people concerned into public policy.",
        [
            p(
                "Social action mobilizes civil society and citizens to defend rights and obtain "
                "better public measures. Citizens' ideas are routed to the right circle, which "
                "reports on what it did with them."
            ),
            terms("action-sociale-influence-citoyenne"),
        ],
    ),
]

PAGES = [
    DemoPage(
        StandardPage,
        "qui-sommes-nous",
        "Qui sommes-nous",
        "D'un comité régional chargé d'un fonds à un acteur collectif : notre histoire, de "
        "2018 à aujourd'hui.",
        [
            h("Un mandat régional, en 2018"),
            p(
                "En 2018, le gouvernement du Québec lance son Plan d'action gouvernemental pour "
                "l'inclusion économique et la participation sociale (PAGIEPS), qui compte "
                "43 mesures pour renforcer le filet social. L'une d'elles, la mesure 11, "
                "prolonge les Alliances pour la solidarité.",
                "Dans la Capitale-Nationale, la Communauté métropolitaine de Québec reçoit le "
                "mandat de la déployer. Il faut une gouvernance régionale pour administrer le "
                "Fonds québécois d'initiatives sociales (FQIS) : une vingtaine d'organisations "
                "de divers secteurs acceptent d'y prendre part et forment le Comité régional "
                "des Alliances pour la solidarité.",
            ),
            h("Un plan de travail, de 2018 à 2023"),
            p(
                "Le Comité régional se donne un plan de travail régional pour 2018-2023, avec "
                "ses objectifs et ses priorités. Les partenaires constatent vite que le travail "
                "commun renforce leur mobilisation, et ils souhaitent aller plus loin que la "
                "seule gestion d'un fonds : mieux s'ancrer dans chaque territoire et mieux "
                f"relier les {fr_term('palier', 'paliers')} local, régional et national.",
            ),
            h("Un nouveau modèle, à partir de 2020"),
            p(
                "À l'automne 2020, accompagnés par Communagir, les partenaires entreprennent de "
                "concevoir un modèle de collaboration plus souple et plus ouvert aux autres "
                "acteurs du territoire. Ils mènent en parallèle une réflexion sur leur vision à "
                "long terme, les enjeux de la région et ses besoins.",
                "La transition vers ce modèle s'amorce en juin 2021. Au fil des mois suivants, "
                "le Comité régional devient le Collectif pour l'inclusion et le développement "
                "social dans la Capitale-Nationale (Collectif IDS-CN).",
            ),
            live("partners"),
        ],
        "who-we-are",
        "Who we are",
        "From a regional committee managing a fund to a collective actor: our history since 2018.",
        [
            p(
                "In 2018, Québec's government action plan for economic inclusion and social "
                "participation (PAGIEPS) extended the Alliances pour la solidarité. In the "
                "Capitale-Nationale, about twenty organizations from several sectors formed the "
                "regional committee that administered the Fonds québécois d'initiatives sociales "
                "(FQIS), with a regional work plan for 2018–2023.",
                "From the fall of 2020, supported by Communagir, the partners designed a more "
                "open collaboration model. The transition began in June 2021, and the committee "
                "became the Collectif pour l'inclusion et le développement social dans la "
                "Capitale-Nationale (Collectif IDS-CN).",
            ),
            live("partners"),
        ],
    ),
    DemoPage(
        StandardPage,
        "notre-territoire",
        "Notre territoire",
        "Une région diversifiée, de Portneuf à Charlevoix, où la pauvreté prend plusieurs visages.",
        [
            p(
                "La pauvreté ne se résume pas à un revenu. Elle se vit dans la famille, le "
                "quartier, la MRC et la région, avec une intensité et une durée qui varient "
                "d'une personne à l'autre. C'est pourquoi les secteurs communautaire, "
                "municipal, de la santé, de l'éducation, de l'économie et de la philanthropie "
                "sont tous appelés à agir.",
                "La Capitale-Nationale réunit des milieux très différents : une agglomération "
                "urbaine, des banlieues, des villages et de grands territoires ruraux. Les "
                "chiffres ci-dessous, tirés directement de la plateforme, montrent cette "
                "diversité ; planifier nos interventions exige d'en tenir compte.",
            ),
            live("territory"),
        ],
        "our-territory",
        "Our territory",
        "A diverse region, from Portneuf to Charlevoix, where poverty has many faces.",
        [
            p(
                "The Capitale-Nationale brings together an urban agglomeration, suburbs, "
                "villages and large rural areas. The figures below come straight from the "
                "platform and show how different its territories are."
            ),
            live("territory"),
        ],
    ),
    DemoPage(
        StandardPage,
        "modele-de-collaboration",
        "Notre modèle de collaboration",
        "Des cercles et des chantiers ouverts, qui multiplient les collaborations.",
        [
            p(
                "Notre modèle emprunte à la sociocratie, à l'holacratie, à la démocratie "
                "ouverte, à l'approche des systèmes ouverts et à la gestion en réseau. Il se "
                f"compose de {fr_term('cercle', 'cercles')} et de "
                f"{fr_term('chantier', 'chantiers')}, et il reste attentif à tout ce qui "
                "gravite autour de lui.",
            ),
            h("Une collaboration qui…"),
            ul(
                "accueille les acteurs externes et s'ouvre à eux ;",
                "cultive des espaces collectifs ;",
                "repose sur l'engagement et la mobilisation des partenaires ;",
                "tient compte des dynamiques de chaque territoire, des paliers et des "
                "organisations ;",
                "combine des stratégies variées pour améliorer les conditions de vie ;",
                "fait une place à l'influence citoyenne ;",
                "se dote des ressources humaines nécessaires à son bon fonctionnement.",
            ),
            live("structure"),
        ],
        "collaboration-model",
        "Our collaboration model",
        "Open circles and workstreams that multiply collaborations.",
        [
            p(
                "Our model draws on sociocracy, holacracy, open democracy, open systems and "
                f"network management. It is made of {en_term('circle', 'circles')} and "
                f"{en_term('workstream', 'workstreams')}, open to external actors and to "
                "citizen influence."
            ),
            live("structure"),
        ],
    ),
    DemoPage(
        StandardPage,
        "developpement-social",
        "Le développement social",
        "Permettre à chaque personne de s'épanouir et de participer pleinement à la vie de sa "
        "communauté.",
        [
            p(
                "Pour nous, le développement social regroupe les actions et les mesures qui "
                "permettent à chaque personne de se réaliser, de participer à la vie sociale "
                "et d'exercer ses droits sociaux, tels que les reconnaissent les chartes "
                "québécoise et canadienne des droits et libertés.",
                "Il vise des changements durables dans la qualité et les conditions de vie, "
                "au sein même des communautés.",
            ),
            callout(
                "Nos façons de faire",
                "La concertation, la recherche constante de l'équité, la solidarité sociale, "
                "l'intersectorialité, l'intersectionnalité et l'ouverture à l'innovation.",
            ),
            terms("developpement-social", "concertation-intersectorielle"),
        ],
        "social-development",
        "Social development",
        "Enabling each person to flourish and take full part in community life.",
        [
            p(
                "Social development gathers the actions and measures that let each person "
                "flourish, take part in social life and exercise their social rights, for "
                "lasting change in living conditions."
            ),
            terms("developpement-social"),
        ],
    ),
    DemoPage(
        SectionIndexPage,
        "nos-strategies",
        "Nos quatre stratégies",
        "Lutter collectivement contre la pauvreté et l'exclusion sociale, par quatre voies "
        "complémentaires.",
        [
            p(
                "Pour avoir plus d'effet et mieux répondre aux besoins des personnes en "
                "situation de pauvreté ou d'exclusion, ou qui risquent de l'être, nous "
                "combinons quatre stratégies."
            )
        ],
        "our-strategies",
        "Our four strategies",
        "Fighting poverty and social exclusion together, in four complementary ways.",
        [
            p(
                "To achieve more and better meet the needs of people facing poverty or "
                "exclusion, we combine four strategies."
            )
        ],
        children=STRATEGY_PAGES,
    ),
]


def _body(blocks: list[dict[str, Any]], term_ids: dict[str, int]) -> list[dict[str, Any]]:
    result = []
    for block in blocks:
        if block["type"] == "terms":
            value = dict(block["value"])
            value["terms"] = [term_ids[slug] for slug in value["terms"] if slug in term_ids]
            block = {"type": "terms", "value": value}
        result.append(block)
    return result


@transaction.atomic
def load(*, stdout: Any) -> None:
    french = Locale.objects.get_or_create(language_code=FRENCH)[0]
    english = Locale.objects.get_or_create(language_code=ENGLISH)[0]
    created: list[Page] = []
    home = _home(french, english, created)
    term_ids = _glossary(french, english)
    for demo in PAGES:
        _page(home, demo, english, term_ids, created)
    _glossary_page(home, english, created)
    _news(home, english, created)
    _events(home, english, created)
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
            body=_body(demo.body_fr, term_ids[FRENCH]),
            search_description=demo.intro_fr,
            show_in_menus=parent.depth == 2,
            **demo.extra,
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
            "body": _body(demo.body_en, term_ids[FRENCH]),
            "search_description": demo.intro_en,
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


def _glossary_page(home: Page, english: Locale, created: list[Page]) -> None:
    page = home.get_children().filter(slug="glossaire").first()
    if page is None:
        page = GlossaryPage(
            title="Glossaire",
            slug="glossaire",
            intro="Les mots que nous employons, et ce que nous voulons dire par eux.",
            search_description="Les mots du développement social et de notre modèle de "
            "collaboration.",
            show_in_menus=True,
        )
        home.add_child(instance=page)
        _publish(page, created)
    _translate(
        page.specific,
        english,
        {
            "title": "Glossary",
            "slug": "glossary",
            "intro": "The words we use, and what we mean by them.",
            "search_description": "The words of social development and of our model.",
        },
        created,
    )


def _news(home: Page, english: Locale, created: list[Page]) -> None:
    index_page = home.get_children().filter(slug="nouvelles").first()
    if index_page is None:
        index_page = NewsIndexPage(
            title="Nouvelles",
            slug="nouvelles",
            intro="Ce qui se passe au Collectif et chez ses partenaires.",
            search_description="Les nouvelles du Collectif.",
            show_in_menus=True,
        )
        home.add_child(instance=index_page)
        _publish(index_page, created)
    _translate(
        index_page.specific,
        english,
        {
            "title": "News",
            "slug": "news",
            "intro": "What is happening at the collective and among its partners.",
            "search_description": "News of the collective.",
        },
        created,
    )
    article = index_page.get_children().filter(slug="un-site-public-relie-a-la-plateforme").first()
    if article is None:
        article = NewsArticlePage(
            title="Un site public relié à notre plateforme",
            slug="un-site-public-relie-a-la-plateforme",
            date=datetime.date(2026, 9, 15),
            intro="Notre territoire, nos partenaires et nos cercles s'affichent désormais tels "
            "qu'ils sont dans la plateforme du Collectif.",
            search_description="Le Collectif met en ligne son site public.",
            body=[
                p(
                    "Le Collectif met en ligne son site public. Les pages sur notre territoire "
                    "et notre modèle de collaboration présentent des données tirées directement "
                    "de la plateforme : elles restent à jour sans qu'on ait à les retoucher.",
                    "Cette nouvelle est fictive : elle sert à la démonstration.",
                )
            ],
        )
        index_page.add_child(instance=article)
        _publish(article, created)
    _translate(
        article.specific,
        english,
        {
            "title": "A public site connected to our platform",
            "slug": "a-public-site-connected-to-our-platform",
            "intro": "Our territory, partners and circles now appear as they are in the "
            "collective's platform.",
            "search_description": "The collective launches its public site.",
            "body": [
                p(
                    "Pages about our territory and collaboration model now show data straight "
                    "from the platform. This news item is fictional, for the demonstration."
                )
            ],
        },
        created,
    )


def _events(home: Page, english: Locale, created: list[Page]) -> None:
    index_page = home.get_children().filter(slug="evenements").first()
    if index_page is None:
        index_page = EventIndexPage(
            title="Événements",
            slug="evenements",
            intro="Rencontres, forums et activités ouvertes aux partenaires et au public.",
            search_description="Les événements du Collectif.",
            show_in_menus=True,
        )
        home.add_child(instance=index_page)
        _publish(index_page, created)
    _translate(
        index_page.specific,
        english,
        {
            "title": "Events",
            "slug": "events",
            "intro": "Meetings, forums and activities open to partners and the public.",
            "search_description": "Events of the collective.",
        },
        created,
    )
    event = index_page.get_children().filter(slug="forum-regional-developpement-social").first()
    if event is None:
        day = timezone.localdate() + datetime.timedelta(days=45)
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        event = EventPage(
            title="Forum régional sur le développement social",
            slug="forum-regional-developpement-social",
            start=start,
            end=start + datetime.timedelta(hours=7),
            place="Salle communautaire des Bâtisseurs (fictive), La Malbaie",
            online_url="https://forum.exemple.org/en-ligne",
            registration_url="https://forum.exemple.org/inscription",
            intro="Une journée pour faire le point sur nos chantiers et choisir ensemble les "
            "priorités de l'année.",
            search_description="Forum régional du Collectif, sur place et en ligne.",
            body=[
                p(
                    "Partenaires, citoyennes et citoyens sont invités à une journée d'échanges "
                    "sur les chantiers en cours. L'événement est fictif : il sert à la "
                    "démonstration."
                )
            ],
        )
        index_page.add_child(instance=event)
        _publish(event, created)
    _translate(
        event.specific,
        english,
        {
            "title": "Regional forum on social development",
            "slug": "regional-forum-social-development",
            "intro": "A day to review our workstreams and choose the year's priorities together.",
            "search_description": "The collective's regional forum, on site and online.",
            "body": [
                p(
                    "Partners and citizens are invited to a day of discussion (in French) on "
                    "the current workstreams. This event is fictional, for the demonstration."
                )
            ],
        },
        created,
    )
