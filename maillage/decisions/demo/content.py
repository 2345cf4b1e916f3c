"""What the decisions demo says: the register's decisions, the process under way, the election,
the advice process and the polls, in the collective's own words (fictional)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maillage.decisions.models import (
    Visibility,
)


@dataclass(frozen=True)
class DemoDecision:
    group: str  # a circle's or a workstream's slug
    title: str
    proposal: str
    rationale: str = ""
    visibility: str = Visibility.PUBLIC
    review_months: int | None = 12
    objection: str = ""  # a first consent round objected to this way, then an amended text
    amended: str = ""
    changes: tuple[dict[str, Any], ...] = ()  # governance changes applied once consented
    days_ago: int = 0  # when the decision was taken (its review date counts from then)


DECISIONS = (
    DemoDecision(
        "cercle-general",
        "Calendrier des rencontres 2027 du cercle général",
        "Le cercle général se réunit six fois en 2027, en alternance à Québec et dans "
        "Charlevoix, et une fois en ligne pendant l'été.",
        "Rapprocher les rencontres des partenaires hors de la ville de Québec.",
        days_ago=40,
    ),
    DemoDecision(
        "cercle-general",
        "Création du chantier « Mobilité des aînés »",
        "Le cercle général crée un chantier pour documenter les besoins de transport des "
        "personnes aînées dans les MRC rurales.",
        "Plusieurs partenaires ont signalé l'isolement des aînés sans voiture.",
        objection="Le mandat oublie les personnes handicapées, qui vivent le même isolement.",
        amended="Le cercle général crée un chantier pour documenter les besoins de transport des "
        "personnes aînées et des personnes handicapées dans les MRC rurales.",
        changes=(
            {
                "action": "workstream.create",
                "params": {
                    "name": "Mobilité des aînés",
                    "sponsors": ["cercle-general"],
                    "mandate": "Documenter les besoins de transport des personnes aînées et des "
                    "personnes handicapées dans les MRC rurales.",
                },
            },
        ),
        days_ago=250,
    ),
    DemoDecision(
        "securite-alimentaire",
        "Priorités du cercle pour l'hiver",
        "Le cercle concentre ses efforts de l'hiver sur les dépannages alimentaires en milieu "
        "rural et sur la récupération des invendus.",
        visibility=Visibility.INTERNAL,
        review_months=6,
        days_ago=170,
    ),
    DemoDecision(
        "habitation",
        "Appui aux projets de logement communautaire",
        "Le cercle appuie par une lettre commune tout projet de logement communautaire de la "
        "région qui en fait la demande et respecte la politique d'accueil.",
        "Une lettre commune pèse davantage que des appuis dispersés.",
        days_ago=520,
        review_months=24,
    ),
    DemoDecision(
        "influence-citoyenne",
        "Compte rendu public des consultations",
        "Chaque consultation citoyenne fait l'objet d'un compte rendu public dans les deux mois, "
        "qui dit ce que le collectif a fait des propositions reçues.",
        days_ago=610,
        review_months=24,
    ),
    DemoDecision(
        "transport-collectif-rural",
        "Portée du sondage sur les déplacements",
        "Le chantier limite son sondage aux MRC de Charlevoix et de Portneuf, faute de moyens "
        "pour couvrir toute la région cette année.",
        visibility=Visibility.INTERNAL,
        review_months=None,
        days_ago=95,
    ),
    *(
        # The register's two years: the collective's everyday decisions, by its circles and
        # workstreams; a few come up for review within weeks.
        DemoDecision(
            "cercle-general",
            "Plan de travail régional 2025-2027",
            "Le cercle général adopte le plan de travail régional 2025-2027 et ses trois "
            "priorités : l'accès au logement, la sécurité alimentaire et la mobilité en milieu "
            "rural. Chaque priorité est confiée à un cercle ou à un chantier qui en rend compte "
            "deux fois l'an.",
            "Le plan précédent venait à échéance; les partenaires ont retenu les priorités "
            "issues de la journée régionale de réflexion.",
            review_months=24,
            days_ago=715,
        ),
        DemoDecision(
            "cercle-general",
            "Répartition de l'enveloppe régionale du FQIS",
            "L'enveloppe régionale du Fonds québécois d'initiatives sociales est répartie entre "
            "les MRC selon le nombre de personnes à faible revenu, avec un plancher pour chaque "
            "MRC, de Portneuf à Charlevoix.",
            "Le plancher évite qu'une MRC peu peuplée reçoive une somme trop faible pour "
            "soutenir un projet.",
            days_ago=690,
            review_months=24,
        ),
        DemoDecision(
            "cercle-general",
            "Grille d'analyse des projets soumis au collectif",
            "Les projets soumis au collectif sont analysés avec une grille commune : besoins "
            "documentés, participation des personnes concernées, partenaires de plus d'un "
            "secteur et pérennité au-delà du financement.",
            "Rendre les recommandations de financement comparables et transparentes.",
            days_ago=600,
            review_months=24,
        ),
        DemoDecision(
            "cercle-general",
            "Frais de déplacement des personnes citoyennes",
            "Le collectif rembourse les frais de déplacement, de repas et de garde d'enfants des "
            "personnes citoyennes qui prennent part à ses rencontres, sur simple déclaration.",
            "Sans ce remboursement, les personnes en situation de pauvreté ne peuvent pas "
            "participer.",
            objection="La simple déclaration ne suffit pas aux règles du bailleur de fonds.",
            amended="Le collectif rembourse les frais de déplacement, de repas et de garde "
            "d'enfants des personnes citoyennes qui prennent part à ses rencontres, sur "
            "déclaration signée, sans pièce justificative sous 50 $.",
            days_ago=455,
            review_months=18,
        ),
        DemoDecision(
            "cercle-general",
            "Rencontres hybrides par défaut",
            "Toutes les rencontres des cercles se tiennent en mode hybride, avec un lien de "
            "visioconférence envoyé avec l'invitation, sauf décision contraire du cercle.",
            "Les distances entre Portneuf et Charlevoix excluent les partenaires qui ne peuvent "
            "se déplacer.",
            visibility=Visibility.INTERNAL,
            days_ago=350,
            review_months=12,
        ),
        DemoDecision(
            "cercle-general",
            "Politique de langage inclusif dans les communications",
            "Les communications publiques du collectif emploient la rédaction épicène et un "
            "langage clair, vérifié par une personne citoyenne avant diffusion.",
            days_ago=130,
        ),
        DemoDecision(
            "securite-alimentaire",
            "Soutien aux cuisines collectives de Portneuf",
            "Le cercle recommande au cercle général de soutenir pendant deux ans le "
            "regroupement des cuisines collectives de Portneuf, qui rejoint des familles de "
            "six municipalités.",
            "Le portrait a montré l'absence de cuisine collective dans l'ouest de la MRC.",
            days_ago=560,
            review_months=24,
        ),
        DemoDecision(
            "securite-alimentaire",
            "Entente de récupération des invendus avec les épiceries",
            "Le cercle propose aux épiceries de Charlevoix une entente type de récupération des "
            "invendus, coordonnée par les comptoirs alimentaires de chaque MRC.",
            visibility=Visibility.INTERNAL,
            days_ago=300,
            review_months=11,
        ),
        DemoDecision(
            "habitation",
            "Mémoire sur le logement abordable à la consultation municipale",
            "Le cercle dépose un mémoire commun à la consultation de la Ville de Québec sur le "
            "logement abordable, demandant qu'une part des nouvelles unités soit réservée aux "
            "ménages à faible revenu.",
            days_ago=420,
            review_months=None,
        ),
        DemoDecision(
            "habitation",
            "Répertoire des ressources d'hébergement d'urgence",
            "Le cercle tient à jour, chaque trimestre, un répertoire des ressources "
            "d'hébergement d'urgence de la région, partagé avec les intervenantes et "
            "intervenants des organismes membres.",
            visibility=Visibility.INTERNAL,
            days_ago=200,
            review_months=7,
        ),
        DemoDecision(
            "influence-citoyenne",
            "Consultation citoyenne annuelle sur le coût de la vie",
            "La consultation citoyenne de l'année porte sur le coût de la vie; elle se tient "
            "dans quatre lieux, dont deux dans Charlevoix, et en ligne.",
            "Le coût du logement et de l'épicerie revient dans tous les témoignages reçus.",
            days_ago=280,
        ),
        DemoDecision(
            "influence-citoyenne",
            "Charte de participation des personnes citoyennes",
            "La charte précise comment les personnes citoyennes sont accueillies, "
            "accompagnées et reconnues dans les cercles, et comment elles peuvent se retirer en "
            "tout temps.",
            days_ago=480,
            review_months=18,
        ),
        DemoDecision(
            "participation-sociale-charlevoix",
            "Méthode du portrait de la participation sociale",
            "Le chantier recense les lieux de participation sociale par entretiens avec les "
            "organismes et par trois groupes de discussion, un par secteur de Charlevoix.",
            visibility=Visibility.INTERNAL,
            days_ago=230,
            review_months=None,
        ),
        DemoDecision(
            "portrait-besoins-logement",
            "Sources de données du portrait des besoins en logement",
            "Le portrait s'appuie sur les données du recensement, les listes d'attente des "
            "offices d'habitation et une enquête auprès des organismes membres.",
            days_ago=60,
            review_months=None,
        ),
    ),
)

IN_PROGRESS = DemoDecision(
    "cercle-general",
    "Accueillir les représentants citoyens au cercle général",
    "Deux sièges du cercle général sont réservés à des personnes citoyennes, désignées par le "
    "cercle Influence citoyenne pour un mandat de deux ans.",
    "Les personnes directement concernées par la pauvreté doivent prendre part aux décisions.",
)
# The consent round of the process under way closes this many days after the demo is loaded.
DEADLINE_DAYS = 5

CLOSED_POLL = (
    "cercle-general",
    "Appui à la déclaration régionale sur le droit au logement",
    "Le collectif appuie-t-il la déclaration régionale sur le droit au logement, portée par "
    "les comités logement de la Capitale-Nationale?",
)
TIME_POLL = (
    "cercle-general",
    "Date du forum régional sur le développement social",
    "Quelle date retenir pour le forum régional de l'hiver, à Baie-Saint-Paul?",
)


# The closed election and advice process: in which circle, and the advice process's texts.
ELECTION_GROUP = "habitation"
ADVICE_GROUP = "securite-alimentaire"
ADVICE = DemoDecision(
    group=ADVICE_GROUP,
    title="Choisir le local de la journée d’échange sur l’autonomie alimentaire",
    proposal="La journée d’échange se tiendra au centre communautaire de Limoilou, le 14 mai.",
    rationale="Le local habituel n’est pas accessible en fauteuil roulant.",
    visibility=Visibility.PUBLIC,
)
ADVICE_GIVEN = (
    "Limoilou est bien desservi par le transport en commun; prévoyez aussi le covoiturage "
    "pour les gens de Portneuf.",
    "La cuisine du centre permet de servir le dîner sur place, une bonne occasion de "
    "présenter les produits des jardins collectifs.",
)
ADVICE_WEIGHING = (
    "Les deux avis confirment le choix de Limoilou; un covoiturage depuis Portneuf sera "
    "organisé et le dîner mettra en valeur les jardins collectifs."
)
