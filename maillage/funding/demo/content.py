"""The funding demo's content: a fund like the region's FQIS envelope, a past call whose projects
were funded and an open call with applications under way. Every organization and project is
fictional; amounts are of the order the region really manages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FUND: dict[str, Any] = {
    "slug": "fqis-2024-2029",
    "name": "Fonds québécois d'initiatives sociales 2024-2029 (démo)",
    "funder": "Ministère de l'Emploi et de la Solidarité sociale",
    "description": (
        "Enveloppe régionale de l'Alliance pour la solidarité de la Capitale-Nationale, "
        "administrée par le Collectif. Les ententes se terminent au plus tard le 31 mars 2029."
    ),
    "start_date": dt.date(2024, 4, 1),
    "end_date": dt.date(2029, 3, 31),
    "total": Decimal("4200000.00"),
}

# Each fiscal year: the yearly amount split among the territories by population, with a part kept
# for regional projects.
YEARLY_AMOUNT = Decimal("840000.00")
REGIONAL_PART = Decimal("10")  # per cent, kept on the region's envelope (stream "regional")
DEMO_YEARS = (2025, 2026)

COMMITTEE: dict[str, Any] = {
    "slug": "comite-analyse-fqis",
    "name": "Comité d'analyse des projets",
    "purpose": (
        "Analyser les projets déposés aux appels du fonds régional et recommander ceux à "
        "soutenir, sans conflit d'intérêts."
    ),
}

CRITERIA = [
    ("Participation des personnes en situation de pauvreté", "30", 5),
    ("Ancrage dans la communauté", "25", 5),
    ("Mobilisation des acteurs locaux", "20", 5),
    ("Effets attendus et suivi", "15", 5),
    ("Réalisme du budget", "10", 5),
]

SECTIONS = [
    (
        "besoins",
        "Besoins du milieu",
        "Quels besoins le projet vise-t-il? Sur quoi s'appuie ce constat?",
        True,
    ),
    (
        "participation",
        "Participation des personnes",
        "Comment les personnes concernées participent-elles à chaque étape du projet?",
        True,
    ),
    (
        "partenaires",
        "Partenaires mobilisés",
        "Quels acteurs du milieu s'engagent, et comment?",
        False,
    ),
    (
        "resultats",
        "Résultats attendus",
        "Quels changements attendez-vous, et comment les suivrez-vous?",
        False,
    ),
]

REQUIRED_ATTACHMENTS = [
    ("Résolution du conseil d'administration", "Autorisant le dépôt de la demande."),
    ("Derniers états financiers", ""),
]


@dataclass(frozen=True)
class DemoProject:
    organization: str  # name of a demo organization (network demo)
    title: str
    summary: str
    territory: str  # official code
    stream: str
    amount: Decimal
    answers: dict[str, str] = field(default_factory=dict)
    strategies: tuple[str, ...] = ()


PAST_CALL: dict[str, Any] = {
    "slug": "appel-2025-2026",
    "title": "Appel de projets 2025-2026 (démo)",
    "summary": "Projets locaux et régionaux de lutte contre la pauvreté et l'exclusion sociale.",
    "opens_on": dt.date(2025, 4, 15),
    "closes_at": dt.datetime(2025, 6, 13, 16, 0),
    "decisions_expected_on": dt.date(2025, 9, 30),
    "year": 2025,
}

OPEN_CALL: dict[str, Any] = {
    "slug": "appel-2026-2027",
    "title": "Appel de projets 2026-2027 (démo)",
    "summary": (
        "Projets qui incluent les personnes en situation de pauvreté à toutes les étapes, "
        "enracinés dans leur communauté."
    ),
    "year": 2026,
}

FUNDED = [
    DemoProject(
        "Cuisine collective des Bâtisseurs (fictif)",
        "Cuisiner ensemble à La Malbaie",
        "Des ateliers de cuisine collective animés avec les familles, et un groupe d'achat.",
        "2415",
        "local",
        Decimal("14800.00"),
        {
            "besoins": "Hausse de 40 % des demandes de dépannage alimentaire en deux ans.",
            "participation": "Les familles choisissent les menus et animent les ateliers.",
        },
        ("action-communautaire",),
    ),
    DemoProject(
        "Carrefour des Aînés de la Côte (fictif)",
        "Rompre l'isolement sur la Côte-de-Beaupré",
        "Un réseau de visites d'amitié et de transport accompagné pour les aînés isolés.",
        "2421",
        "local",
        Decimal("29750.00"),
        {
            "besoins": "Un aîné sur quatre vit seul dans les villages de la Côte.",
            "participation": "Un comité d'aînés oriente le projet et recrute les bénévoles.",
        },
        ("action-communautaire", "concertation-intersectorielle"),
    ),
    DemoProject(
        "Table de concertation Charlevoix Solidaire (fictif)",
        "Transport solidaire dans Charlevoix",
        "Un service de covoiturage solidaire entre les deux MRC de Charlevoix.",
        "03",
        "regional",
        Decimal("60000.00"),
        {
            "besoins": "Sans voiture, se rendre aux services prend une journée.",
            "participation": "Des usagers siègent au comité de pilotage.",
        },
        ("developpement-des-communautes",),
    ),
]

DECLINED = [
    DemoProject(
        "Ville de Bourg-aux-Hérons (fictif)",
        "Parc intergénérationnel",
        "Aménager un parc avec des modules pour tous les âges.",
        "2434",
        "local",
        Decimal("40000.00"),
        {
            "besoins": "Peu d'espaces de rencontre au cœur du village.",
            "participation": "Une consultation publique sur l'aménagement.",
        },
    ),
]

OPEN_APPLICATIONS = [
    # (project, submitted)
    (
        DemoProject(
            "Groupe d'entraide Plein Soleil (fictif)",
            "Droits et revenus : un comptoir d'accompagnement",
            "Accompagner les personnes dans leurs démarches de revenu et de logement.",
            "2423",
            "local",
            Decimal("35000.00"),
            {
                "besoins": "Beaucoup de personnes ne réclament pas les prestations auxquelles "
                "elles ont droit.",
                "participation": "Des personnes accompagnées deviennent pairs aidants.",
            },
            ("action-sociale-influence-citoyenne",),
        ),
        True,
    ),
    (
        DemoProject(
            "Logis Pont-Levis (fictif)",
            "Premiers logements, premiers pas",
            "Soutenir les jeunes adultes qui s'installent dans leur premier logement.",
            "2434",
            "local",
            Decimal("27500.00"),
            {
                "besoins": "Les jeunes de Portneuf quittent la région faute de logement.",
                "participation": "Des jeunes locataires conçoivent les ateliers avec nous.",
            },
            ("action-communautaire",),
        ),
        True,
    ),
    (
        DemoProject(
            "Table de concertation Charlevoix Solidaire (fictif)",
            "Épiceries solidaires mobiles",
            "Une épicerie mobile à prix solidaire dans les villages sans commerce.",
            "2416",
            "local",
            Decimal("12500.00"),
            {"besoins": "Cinq villages n'ont plus d'épicerie."},
        ),
        False,
    ),
]
