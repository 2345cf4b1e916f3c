"""What the portrait knows of the indicators it is usually given (the keys of the region's
reference files): their English label and unit, a short definition in both languages and whether
a rising value is good news. The import applies it to an indicator it creates; a key it does not
know is created from the file alone (its French label and unit), neutral."""

from __future__ import annotations

from dataclasses import dataclass

from maillage.portrait.models import Direction


@dataclass(frozen=True)
class Known:
    label_en: str
    unit_en: str
    definition_fr: str
    definition_en: str
    direction: Direction
    position: int
    # The French unit as it should read, when the files write it otherwise ("km2").
    unit_fr: str = ""


_LOW_INCOME_FR = (
    "Part des personnes vivant sous la mesure de faible revenu après impôt (MFR-ApI) : un revenu "
    "familial après impôt, ajusté à la taille du ménage, inférieur à la moitié de la médiane "
    "canadienne."
)
_LOW_INCOME_EN = (
    "Share of people living below the low-income measure after tax (LIM-AT): an after-tax "
    "household income, adjusted for household size, under half the Canadian median."
)

CATALOGUE: dict[str, Known] = {
    "population": Known(
        "Population (census)",
        "people",
        "Nombre de personnes recensées sur le territoire l'année du recensement.",
        "Number of people counted in the territory in the census year.",
        Direction.NEUTRAL,
        10,
    ),
    "pop_change_2016_2021_pct": Known(
        "Population change 2016-2021 (%)",
        "%",
        "Variation en pourcentage de la population entre les recensements de 2016 et de 2021.",
        "Percentage change of the population between the 2016 and 2021 censuses.",
        Direction.NEUTRAL,
        20,
    ),
    "land_area_km2": Known(
        "Land area (km²)",
        "km²",
        "Superficie des terres du territoire, plans d'eau exclus.",
        "Land area of the territory, bodies of water excluded.",
        Direction.NEUTRAL,
        30,
        unit_fr="km²",
    ),
    "pop_density_per_km2": Known(
        "Population density (people/km²)",
        "people/km²",
        "Nombre d'habitants par kilomètre carré de superficie des terres.",
        "Number of inhabitants per square kilometre of land area.",
        Direction.NEUTRAL,
        40,
        unit_fr="hab./km²",
    ),
    "median_age": Known(
        "Median age (years)",
        "years",
        "Âge qui partage la population en deux groupes d'effectif égal.",
        "Age that divides the population into two groups of equal size.",
        Direction.NEUTRAL,
        50,
    ),
    "share_65plus_pct": Known(
        "Share of the population aged 65 and over (%)",
        "%",
        "Part de la population âgée de 65 ans et plus.",
        "Share of the population aged 65 and over.",
        Direction.NEUTRAL,
        60,
    ),
    "median_household_total_income": Known(
        "Median total household income (current $)",
        "$",
        "Revenu total médian des ménages privés, avant impôt, en dollars courants.",
        "Median total income of private households, before tax, in current dollars.",
        Direction.HIGHER_IS_BETTER,
        100,
    ),
    "median_total_income_individuals_15plus": Known(
        "Median total income of individuals aged 15 and over ($)",
        "$",
        "Revenu total médian, avant impôt, des personnes de 15 ans et plus des ménages privés.",
        "Median total income, before tax, of people aged 15 and over in private households.",
        Direction.HIGHER_IS_BETTER,
        110,
    ),
    "median_aftertax_income_individuals_15plus": Known(
        "Median after-tax income of individuals aged 15 and over ($)",
        "$",
        "Revenu médian après impôt des personnes de 15 ans et plus des ménages privés.",
        "Median after-tax income of people aged 15 and over in private households.",
        Direction.HIGHER_IS_BETTER,
        120,
    ),
    "median_employment_income_25_64": Known(
        "Median employment income of workers aged 25 to 64 ($)",
        "$",
        "Revenu d'emploi médian des travailleurs de 25 à 64 ans, établi à partir des données "
        "fiscales.",
        "Median employment income of workers aged 25 to 64, drawn from tax data.",
        Direction.HIGHER_IS_BETTER,
        130,
    ),
    "disposable_income_per_capita": Known(
        "Disposable income per capita (current $)",
        "$",
        "Revenu dont disposent les ménages pour consommer ou épargner, après impôts et "
        "transferts, divisé par la population.",
        "Income households have left to spend or save, after taxes and transfers, divided by "
        "the population.",
        Direction.HIGHER_IS_BETTER,
        140,
    ),
    "economic_vitality_index": Known(
        "Economic vitality index",
        "index",
        "Indice combinant le marché du travail, le revenu et la démographie; une valeur négative "
        "place le territoire sous la plupart des territoires québécois.",
        "Index combining the labour market, income and demography; a negative value places the "
        "territory below most territories of Québec.",
        Direction.HIGHER_IS_BETTER,
        150,
    ),
    "low_income_lim_at_pct": Known(
        "Low-income rate, LIM-AT, people in private households (%)",
        "%",
        _LOW_INCOME_FR,
        _LOW_INCOME_EN,
        Direction.HIGHER_IS_WORSE,
        200,
    ),
    "low_income_lim_at_households_pct": Known(
        "Share of private households with low income, LIM-AT (%)",
        "%",
        "Part des ménages privés dont le revenu après impôt est sous la mesure de faible revenu "
        "(MFR-ApI).",
        "Share of private households whose after-tax income is below the low-income measure "
        "(LIM-AT).",
        Direction.HIGHER_IS_WORSE,
        210,
    ),
    "low_income_lim_at_0_17_pct": Known(
        "Low-income rate, LIM-AT, aged 0 to 17 (%)",
        "%",
        _LOW_INCOME_FR + " Enfants et jeunes de 0 à 17 ans.",
        _LOW_INCOME_EN + " Children and youth aged 0 to 17.",
        Direction.HIGHER_IS_WORSE,
        220,
    ),
    "low_income_lim_at_65plus_pct": Known(
        "Low-income rate, people aged 65 and over, census (%)",
        "%",
        _LOW_INCOME_FR + " Personnes de 65 ans et plus.",
        _LOW_INCOME_EN + " People aged 65 and over.",
        Direction.HIGHER_IS_WORSE,
        230,
    ),
    "low_income_lim_at_lone_parent_pct": Known(
        "Low-income rate, LIM-AT, people in lone-parent families (%)",
        "%",
        _LOW_INCOME_FR + " Personnes des familles économiques monoparentales.",
        _LOW_INCOME_EN + " People in lone-parent economic families.",
        Direction.HIGHER_IS_WORSE,
        240,
    ),
    "social_deprivation_q5_share_pct": Known(
        "Share of the population in the most socially deprived quintile (%)",
        "%",
        "Part de la population qui vit dans les secteurs du cinquième le plus défavorisé sur le "
        "plan social (personnes seules, familles monoparentales, séparations), selon l'indice de "
        "défavorisation matérielle et sociale.",
        "Share of the population living in the areas of the most socially deprived fifth (people "
        "living alone, lone-parent families, separations), by the material and social "
        "deprivation index.",
        Direction.HIGHER_IS_WORSE,
        250,
    ),
}

# The key of the indicator a territory's panel shows first, when it has a value.
KEY_FIGURES = ("population", "median_household_total_income", "low_income_lim_at_pct")


def known(key: str) -> Known | None:
    return CATALOGUE.get(key)
