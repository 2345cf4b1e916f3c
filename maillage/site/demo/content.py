"""The pages of the demo: blocks, then each page in French with its short English version.

Pure data: `loader.py` creates the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page

from maillage.site.models import SectionIndexPage, StandardPage


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


# The pages: French first, then the short English version.


@dataclass
class DemoPage:
    model: type[Page]
    slug_fr: str
    title_fr: str
    intro_fr: str
    body_fr: list[dict[str, Any]] | None  # None: a page without a body (an index, the glossary)
    slug_en: str
    title_en: str
    intro_en: str
    body_en: list[dict[str, Any]] | None
    extra: dict[str, Any] = field(default_factory=dict)
    children: list[DemoPage] = field(default_factory=list)
    # The search engines' description; the intro when empty.
    description_fr: str = ""
    description_en: str = ""
    # Fields worked out when the page is created (an event's dates follow the day of loading).
    computed: Callable[[], dict[str, Any]] | None = None


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
            live("strategy:concertation-intersectorielle"),
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
            live("strategy:concertation-intersectorielle"),
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
            live("strategy:action-communautaire"),
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
            live("strategy:action-communautaire"),
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
            live("strategy:developpement-des-communautes"),
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
            live("strategy:developpement-des-communautes"),
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
            live("strategy:action-sociale-influence-citoyenne"),
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
            live("strategy:action-sociale-influence-citoyenne"),
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
