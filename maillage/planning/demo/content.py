"""What the planning demo says (French and English)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoTarget:
    label_fr: str
    label_en: str
    baseline: str
    baseline_year: int
    goal: str
    by: dt.date
    # Read from the portrait: the indicator's key and the territory's code.
    indicator: str = ""
    territory: str = ""
    # Counted: the unit and the counts reached, by date.
    unit_fr: str = ""
    unit_en: str = ""
    updates: tuple[tuple[dt.date, str, str], ...] = ()


@dataclass(frozen=True)
class DemoAction:
    title_fr: str
    title_en: str
    carriers: tuple[str, ...]  # slugs of circles or workstreams
    status: str
    start: dt.date
    end: dt.date
    budget: str
    territories: tuple[str, ...] = ()  # codes
    strategies: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoObjective:
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    needs: tuple[int, ...]
    targets: tuple[DemoTarget, ...]
    actions: tuple[DemoAction, ...]
    # "adopted" through a consent decision, "submitted" before one, "" not yet.
    adoption: str = ""


@dataclass(frozen=True)
class DemoOrientation:
    title_fr: str
    title_en: str
    objectives: tuple[DemoObjective, ...]


@dataclass(frozen=True)
class DemoNeed:
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    territories: tuple[str, ...]
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class DemoPlan:
    slug: str
    title_fr: str
    title_en: str
    vision_fr: str
    vision_en: str
    needs: tuple[DemoNeed, ...]
    orientations: tuple[DemoOrientation, ...] = field(default=())


D = dt.date
COMMUNITY = ("action-communautaire", "developpement-des-communautes")
INFLUENCE = ("concertation-intersectorielle", "action-sociale-influence-citoyenne")


def _count(
    label_fr: str,
    label_en: str,
    unit_fr: str,
    unit_en: str,
    goal: str,
    *updates: tuple[D, str, str],
) -> DemoTarget:
    return DemoTarget(
        label_fr=label_fr,
        label_en=label_en,
        baseline="0",
        baseline_year=2024,
        goal=goal,
        by=D(2029, 3, 31),
        unit_fr=unit_fr,
        unit_en=unit_en,
        updates=updates,
    )


NEEDS = (
    DemoNeed(
        "Des revenus qui ne suffisent plus",
        "Incomes that no longer make ends meet",
        "Le coût de la vie grimpe plus vite que les revenus des ménages les moins nantis.",
        "The cost of living rises faster than the incomes of the least well-off households.",
        ("03", "24"),
        ("low_income_lim_at_households_pct", "median_household_total_income"),
    ),
    DemoNeed(
        "Des villages qui se vident",
        "Villages losing their people",
        "Dans Charlevoix, la population vieillit et les jeunes familles partent.",
        "In Charlevoix, the population ages and young families leave.",
        ("2415", "2416"),
        ("population", "economic_vitality_index"),
    ),
    DemoNeed(
        "Se loger sans s'appauvrir",
        "Housing without growing poorer",
        "Les logements abordables manquent, en ville comme en région.",
        "Affordable homes are lacking, in the city as in the countryside.",
        ("03", "24"),
        ("median_household_total_income",),
    ),
    DemoNeed(
        "Se déplacer sans auto",
        "Getting around without a car",
        "Hors de la ville, sans voiture, on reste chez soi.",
        "Outside the city, without a car, people stay home.",
        ("2415", "2416"),
        ("pop_density_per_km2",),
    ),
)

ORIENTATIONS = (
    DemoOrientation(
        "Réduire la pauvreté et les inégalités",
        "Reduce poverty and inequalities",
        (
            DemoObjective(
                "Faire reculer le faible revenu des ménages",
                "Reduce low income among households",
                "Agir avec les partenaires sur le revenu des ménages les plus pauvres.",
                "Act with the partners on the income of the poorest households.",
                (0,),
                (
                    DemoTarget(
                        "Ménages à faible revenu (MFR-ApI), Québec",
                        "Low-income households (LIM-AT), Québec",
                        "12.5",
                        2020,
                        "10.5",
                        D(2029, 12, 31),
                        indicator="low_income_lim_at_households_pct",
                        territory="24",
                    ),
                ),
                (
                    DemoAction(
                        "Cliniques d'impôts dans les quartiers",
                        "Tax clinics in the neighbourhoods",
                        ("securite-alimentaire",),
                        "in_progress",
                        D(2025, 2, 1),
                        D(2029, 4, 30),
                        "18000",
                        ("24",),
                        COMMUNITY,
                    ),
                ),
                adoption="adopted",
            ),
            DemoObjective(
                "Hausser le revenu disponible dans Charlevoix",
                "Raise disposable income in Charlevoix",
                "Soutenir l'emploi local et l'accès aux crédits d'impôt.",
                "Support local jobs and access to tax credits.",
                (0, 1),
                (
                    DemoTarget(
                        "Revenu disponible par habitant, Charlevoix-Est",
                        "Disposable income per capita, Charlevoix-Est",
                        "31934",
                        2021,
                        "37000",
                        D(2029, 12, 31),
                        indicator="disposable_income_per_capita",
                        territory="2415",
                    ),
                ),
                (
                    DemoAction(
                        "Guichet d'accès aux programmes",
                        "One-stop shop for programmes",
                        ("participation-sociale-charlevoix",),
                        "planned",
                        D(2026, 9, 1),
                        D(2028, 6, 30),
                        "25000",
                        ("2415", "2416"),
                        COMMUNITY,
                    ),
                ),
            ),
            DemoObjective(
                "Nourrir sans stigmatiser",
                "Feed people without stigma",
                "Des marchés solidaires et des cuisines collectives ouvertes à tous.",
                "Solidarity markets and community kitchens open to all.",
                (0,),
                (
                    _count(
                        "Marchés solidaires en activité",
                        "Solidarity markets running",
                        "marchés",
                        "markets",
                        "8",
                        (D(2024, 11, 1), "2", "Deux marchés ouverts à Limoilou et Vanier."),
                        (D(2025, 10, 1), "5", "Trois nouveaux marchés, dont un dans Charlevoix."),
                    ),
                ),
                (
                    DemoAction(
                        "Réseau des marchés solidaires",
                        "Network of solidarity markets",
                        ("securite-alimentaire",),
                        "in_progress",
                        D(2024, 6, 1),
                        D(2028, 12, 31),
                        "60000",
                        ("24", "2416"),
                        COMMUNITY,
                    ),
                    DemoAction(
                        "Cuisines collectives en milieu rural",
                        "Community kitchens in rural areas",
                        ("securite-alimentaire", "participation-sociale-charlevoix"),
                        "completed",
                        D(2024, 9, 1),
                        D(2025, 8, 31),
                        "15000",
                        ("2415",),
                        COMMUNITY,
                    ),
                ),
                adoption="adopted",
            ),
            DemoObjective(
                "Mieux rejoindre les personnes aînées isolées",
                "Reach isolated older people better",
                "Des visites d'amitié et des repas partagés.",
                "Friendly visits and shared meals.",
                (1,),
                (
                    _count(
                        "Aînés joints chaque année",
                        "Older people reached each year",
                        "personnes",
                        "people",
                        "400",
                        (D(2025, 6, 30), "180", "Bilan de la première année."),
                    ),
                ),
                (
                    DemoAction(
                        "Visites d'amitié",
                        "Friendly visits",
                        ("participation-sociale-charlevoix",),
                        "on_hold",
                        D(2025, 1, 15),
                        D(2027, 12, 31),
                        "9000",
                        ("2415", "2416"),
                        COMMUNITY,
                    ),
                ),
            ),
        ),
    ),
    DemoOrientation(
        "Habiter et se déplacer dignement",
        "Live and get around with dignity",
        (
            DemoObjective(
                "Accroître l'offre de logement abordable",
                "Increase the supply of affordable housing",
                "Accompagner les projets d'habitation communautaire.",
                "Support community housing projects.",
                (2,),
                (
                    _count(
                        "Logements communautaires mis en chantier",
                        "Community homes started",
                        "logements",
                        "homes",
                        "300",
                        (D(2025, 3, 31), "40", "Deux projets de coopérative démarrés."),
                        (D(2026, 3, 31), "95", "Un OBNL d'habitation pour aînés s'ajoute."),
                    ),
                ),
                (
                    DemoAction(
                        "Accompagnement des projets d'habitation",
                        "Support for housing projects",
                        ("habitation",),
                        "in_progress",
                        D(2024, 4, 1),
                        D(2029, 3, 31),
                        "120000",
                        ("03",),
                        COMMUNITY,
                    ),
                ),
                adoption="submitted",
            ),
            DemoObjective(
                "Protéger les locataires",
                "Protect tenants",
                "Informer les locataires de leurs droits et soutenir les comités.",
                "Inform tenants of their rights and support their committees.",
                (2,),
                (
                    _count(
                        "Comités de locataires soutenus",
                        "Tenants' committees supported",
                        "comités",
                        "committees",
                        "12",
                        (D(2025, 9, 1), "4", "Quatre comités actifs."),
                    ),
                ),
                (
                    DemoAction(
                        "Tournée d'information sur les droits",
                        "Rights information tour",
                        ("habitation", "influence-citoyenne"),
                        "planned",
                        D(2026, 10, 1),
                        D(2027, 5, 31),
                        "7500",
                        ("24",),
                        INFLUENCE,
                    ),
                ),
            ),
            DemoObjective(
                "Relier les villages par le transport collectif",
                "Link the villages by public transport",
                "Des trajets réguliers entre les villages et les services.",
                "Regular trips between the villages and the services.",
                (3,),
                (
                    _count(
                        "Trajets hebdomadaires offerts",
                        "Weekly trips offered",
                        "trajets",
                        "trips",
                        "60",
                        (D(2025, 5, 1), "18", "Lancement du service du samedi."),
                    ),
                ),
                (
                    DemoAction(
                        "Navette Charlevoix",
                        "Charlevoix shuttle",
                        ("transport-collectif-rural",),
                        "in_progress",
                        D(2025, 4, 1),
                        D(2028, 3, 31),
                        "85000",
                        ("2415", "2416"),
                        COMMUNITY,
                    ),
                ),
            ),
            DemoObjective(
                "Garder les familles dans Charlevoix",
                "Keep families in Charlevoix",
                "Des services de proximité qui donnent envie de rester.",
                "Local services that make people want to stay.",
                (1, 3),
                (
                    DemoTarget(
                        "Population de Charlevoix",
                        "Population of Charlevoix",
                        "13000",
                        2016,
                        "13500",
                        D(2029, 12, 31),
                        indicator="population",
                        territory="2416",
                    ),
                    DemoTarget(
                        "Indice de vitalité économique, Charlevoix-Est",
                        "Economic vitality index, Charlevoix-Est",
                        "-5",
                        2020,
                        "0",
                        D(2029, 12, 31),
                        indicator="economic_vitality_index",
                        territory="2415",
                    ),
                ),
                (
                    DemoAction(
                        "Portrait des besoins en logement",
                        "Portrait of housing needs",
                        ("portrait-besoins-logement",),
                        "completed",
                        D(2024, 5, 1),
                        D(2025, 2, 28),
                        "20000",
                        ("2415", "2416"),
                        COMMUNITY,
                    ),
                ),
            ),
        ),
    ),
    DemoOrientation(
        "Renforcer le pouvoir d'agir des citoyens",
        "Strengthen citizens' power to act",
        (
            DemoObjective(
                "Faire entendre la voix citoyenne",
                "Make citizens' voices heard",
                "Des consultations dont on connaît les suites.",
                "Consultations whose outcomes are known.",
                (0, 3),
                (
                    _count(
                        "Consultations avec un retour publié",
                        "Consultations with a published report back",
                        "consultations",
                        "consultations",
                        "10",
                        (D(2025, 12, 1), "3", "Trois retours publiés."),
                    ),
                ),
                (
                    DemoAction(
                        "Formation à la participation citoyenne",
                        "Training in citizen participation",
                        ("influence-citoyenne",),
                        "in_progress",
                        D(2025, 1, 1),
                        D(2027, 12, 31),
                        "14000",
                        ("03",),
                        INFLUENCE,
                    ),
                ),
            ),
            DemoObjective(
                "Soutenir la concertation locale",
                "Support local collaboration",
                "Des tables locales outillées dans chaque MRC.",
                "Local tables with the tools they need in each MRC.",
                (1,),
                (
                    _count(
                        "Tables locales accompagnées",
                        "Local tables supported",
                        "tables",
                        "tables",
                        "6",
                        (D(2025, 6, 1), "3", "Trois tables accompagnées."),
                    ),
                ),
                (
                    DemoAction(
                        "Accompagnement des tables locales",
                        "Support for local tables",
                        ("cercle-general",),
                        "in_progress",
                        D(2024, 9, 1),
                        D(2029, 3, 31),
                        "40000",
                        ("2415", "2416"),
                        INFLUENCE,
                    ),
                ),
            ),
            DemoObjective(
                "Partager les données du portrait",
                "Share the portrait's data",
                "Des données territoriales accessibles aux partenaires.",
                "Territorial data the partners can reach.",
                (0, 1, 2, 3),
                (
                    DemoTarget(
                        "Densité de population suivie, agglomération de Québec",
                        "Population density followed, Québec agglomeration",
                        "1000",
                        2016,
                        "1100",
                        D(2029, 12, 31),
                        indicator="pop_density_per_km2",
                        territory="2423",
                    ),
                    DemoTarget(
                        "Revenu médian d'emploi des 25-64 ans, Québec",
                        "Median employment income of people aged 25-64, Québec",
                        "50000",
                        2020,
                        "56000",
                        D(2029, 12, 31),
                        indicator="median_employment_income_25_64",
                        territory="24",
                    ),
                ),
                (
                    DemoAction(
                        "Ateliers de lecture du portrait",
                        "Workshops on reading the portrait",
                        ("portrait-besoins-logement", "cercle-general"),
                        "cancelled",
                        D(2025, 3, 1),
                        D(2025, 11, 30),
                        "5000",
                        ("03",),
                        INFLUENCE,
                    ),
                ),
            ),
            DemoObjective(
                "Faire connaître le collectif",
                "Make the collective known",
                "Que chaque partenaire sache ce que le collectif porte.",
                "Let every partner know what the collective carries.",
                (),
                (
                    _count(
                        "Organismes membres",
                        "Member organizations",
                        "organismes",
                        "organizations",
                        "80",
                        (D(2025, 1, 31), "52", "Bilan de l'assemblée générale."),
                    ),
                ),
                (
                    DemoAction(
                        "Tournée des partenaires",
                        "Partners' tour",
                        ("cercle-general",),
                        "planned",
                        D(2026, 9, 1),
                        D(2027, 6, 30),
                        "6000",
                        ("03",),
                        INFLUENCE,
                    ),
                ),
            ),
        ),
    ),
)

PLAN = DemoPlan(
    slug="plan-de-travail-2024-2029",
    title_fr="Plan de travail régional 2024-2029",
    title_en="Regional work plan 2024-2029",
    vision_fr=(
        "Une Capitale-Nationale où chaque personne, en ville comme dans Charlevoix, peut se "
        "loger, se nourrir, se déplacer et prendre part aux décisions qui la touchent."
    ),
    vision_en=(
        "A Capitale-Nationale where everyone, in the city as in Charlevoix, can find a home, "
        "eat, get around and take part in the decisions that affect them."
    ),
    needs=NEEDS,
    orientations=ORIENTATIONS,
)
