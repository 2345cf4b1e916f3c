"""What the participation demo says: four consultations of the governance demo's circles and
workstreams, one in each phase, their proposals (some gathered in person), comments, a
questionnaire, and the trail of a few proposals. Fictional, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field

# The citizens who write online (accounts under the demo domain).
CITIZENS = [
    ("Rosalie", "Bouchard"),
    ("Gaston", "Lavoie"),
    ("Noémie", "Fortin"),
    ("Jean-Guy", "Simard"),
    ("Aïcha", "Diallo"),
    ("Martin", "Tremblay"),
]
CONSENT = "Accord verbal pour publier le texte sous le prénom seulement, noté par l’animatrice."


@dataclass(frozen=True)
class DemoProposal:
    title: str
    text: str
    name: str
    # Where it was gathered: "online" (written by a demo citizen), or a channel of
    # `models.Channel` (recorded by the member demo account, with the consent given).
    channel: str = "online"
    supports: int = 0
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoConsultation:
    slug: str
    group: str  # the slug of a circle or workstream of the governance demo
    phase: str
    title_fr: str
    title_en: str
    question_fr: str
    question_en: str
    proposals: tuple[DemoProposal, ...] = ()
    report: tuple[str, str, str] = ("", "", "")  # heard, decided, not retained (French)
    territories: tuple[str, ...] = field(default=())


HOUSING = DemoConsultation(
    slug="se-loger-dans-la-region",
    group="habitation",
    phase="report",
    title_fr="Se loger dans la région",
    title_en="Finding a home in the region",
    question_fr="Qu’est-ce qui vous aiderait à trouver ou à garder un logement convenable?",
    question_en="What would help you find or keep a decent home?",
    proposals=(
        DemoProposal(
            "Des logements pour aînés au cœur des villages",
            "Bien des aînés quittent leur village faute de logement adapté. De petits immeubles "
            "près de l’épicerie et de l’église leur permettraient de rester près des leurs.",
            "Rosalie",
            supports=14,
            comments=("Ma mère a dû partir à 40 km. Ça aurait tout changé.",),
        ),
        DemoProposal(
            "Un registre des logements à louer",
            "Une liste à jour des logements libres, avec le prix, affichée à la caisse et en "
            "ligne. Aujourd’hui, tout se passe de bouche à oreille.",
            "Gaston",
            supports=9,
        ),
        DemoProposal(
            "Aide pour réparer avant l’hiver",
            "Un coup de main pour les petites réparations : fenêtres, isolation, chauffage. "
            "Beaucoup de propriétaires âgés n’ont pas les moyens.",
            "Huguette",
            channel="meeting",
            supports=11,
        ),
        DemoProposal(
            "Un comité de locataires dans chaque MRC",
            "Un endroit où les locataires s’informent de leurs droits et s’entraident quand "
            "un propriétaire ne fait pas les réparations.",
            "Noémie",
            supports=6,
            comments=("Le comité de Baie-Saint-Paul pourrait servir d’exemple.",),
        ),
        DemoProposal(
            "Transformer le vieux presbytère en logements",
            "Le presbytère est vide depuis trois ans. On pourrait y faire six logements "
            "abordables avec une salle commune.",
            "Jean-Guy",
            supports=8,
        ),
        DemoProposal(
            "Des logements pour les travailleurs saisonniers",
            "Les travailleurs de la saison touristique dorment parfois dans leur auto. "
            "Des chambres à prix juste aideraient aussi les commerces.",
            "Réjean",
            channel="paper",
            supports=3,
        ),
        DemoProposal(
            "Interdire les locations touristiques partout",
            "Les locations à court terme font monter les loyers. Il faudrait les interdire "
            "dans toute la région.",
            "Martin",
            supports=5,
            comments=("Partout, c’est peut-être beaucoup. Dans les villages, oui.",),
        ),
        DemoProposal(
            "Une banque de colocataires",
            "Mettre en lien des aînés qui ont une grande maison et des jeunes qui cherchent "
            "une chambre, avec un organisme qui accompagne.",
            "Aïcha",
            supports=7,
        ),
        DemoProposal(
            "Des visites d’inspection à domicile",
            "Quand un logement est insalubre, les gens ont peur de se plaindre. Une visite "
            "gratuite et discrète par un inspecteur aiderait.",
            "Lise",
            channel="phone",
            supports=2,
        ),
        DemoProposal(
            "Un fonds de dépannage pour le premier mois",
            "Le premier mois et le dépôt empêchent des familles de déménager. Un prêt sans "
            "intérêt les aiderait.",
            "Rosalie",
            supports=4,
        ),
    ),
    report=(
        "Plus de 60 personnes ont participé, en ligne et lors de trois cafés-rencontres. "
        "Le manque de logements abordables pour les aînés et les familles revient partout.",
        "Le cercle Habitation a retenu les logements pour aînés au cœur des villages et "
        "l’aide aux réparations avant l’hiver. Un chantier les porte dès cet automne.",
        "Interdire partout les locations touristiques ne relève pas du collectif : c’est aux "
        "municipalités de le décider. Nous leur transmettons vos idées.",
    ),
)

FOOD = DemoConsultation(
    slug="manger-a-sa-faim",
    group="securite-alimentaire",
    phase="analysis",
    title_fr="Manger à sa faim, près de chez soi",
    title_en="Enough to eat, close to home",
    question_fr="Comment faire pour que chacun mange bien, même en fin de mois?",
    question_en="How can everyone eat well, even at the end of the month?",
    proposals=(
        DemoProposal(
            "Une épicerie solidaire mobile",
            "Un camion qui passe une fois par semaine dans les rangs et les petits villages, "
            "avec des aliments à prix réduit.",
            "Gaston",
            supports=12,
            comments=("On a essayé dans Charlevoix-Est, ça marchait bien.",),
        ),
        DemoProposal(
            "Des jardins collectifs dans les HLM",
            "Un petit jardin au pied de chaque immeuble, avec une personne pour démarrer "
            "les semis au printemps.",
            "Noémie",
            supports=8,
        ),
        DemoProposal(
            "Cuisiner ensemble une fois par mois",
            "Des cuisines collectives où on prépare des repas pour la semaine. On apprend, "
            "on économise et on brise l’isolement.",
            "Ginette",
            channel="meeting",
            supports=10,
        ),
        DemoProposal(
            "Récupérer les invendus des épiceries",
            "Les épiceries jettent encore trop. Un organisme pourrait passer chaque soir et "
            "redistribuer le lendemain.",
            "Aïcha",
            supports=9,
        ),
        DemoProposal(
            "Un repas chaud à l’école pour tous",
            "Un dîner chaud offert à chaque élève du primaire, sans formulaire à remplir.",
            "Martin",
            supports=15,
            comments=("Sans formulaire, c’est important : les parents ont honte.",),
        ),
        DemoProposal(
            "Un marché public l’hiver",
            "Un marché dans le sous-sol de l’église, l’hiver, pour acheter directement aux "
            "producteurs du coin.",
            "Raymond",
            channel="paper",
            supports=4,
        ),
        DemoProposal(
            "Des bons d’achat pour les fruits et légumes",
            "Des coupons pour acheter des fruits et légumes frais, remis par les organismes.",
            "Jean-Guy",
            supports=6,
        ),
        DemoProposal(
            "Un frigo partagé au centre communautaire",
            "Un frigo libre-service où chacun dépose et prend, vérifié chaque jour par des "
            "bénévoles.",
            "Rosalie",
            supports=5,
        ),
        DemoProposal(
            "Livrer l’épicerie aux personnes malades",
            "Quand on est malade ou sans auto, faire son épicerie devient impossible. Une "
            "livraison par des bénévoles aiderait.",
            "Thérèse",
            channel="phone",
            supports=3,
        ),
        DemoProposal(
            "Apprendre à cuisiner avec peu",
            "Des ateliers courts pour cuisiner des repas nourrissants avec un petit budget.",
            "Noémie",
            supports=2,
        ),
    ),
)

TRANSPORT = DemoConsultation(
    slug="se-deplacer-sans-auto",
    group="transport-collectif-rural",
    phase="contributions",
    title_fr="Se déplacer sans auto",
    title_en="Getting around without a car",
    question_fr="Qu’est-ce qui vous permettrait d’aller à vos rendez-vous sans auto?",
    question_en="What would let you get to your appointments without a car?",
    proposals=(
        DemoProposal(
            "Un autobus le samedi",
            "Il n’y a aucun transport la fin de semaine. Un autobus le samedi permettrait "
            "de faire ses courses et de voir sa famille.",
            "Martin",
            supports=11,
            comments=("Et le dimanche pour la messe, pour les aînés.",),
        ),
        DemoProposal(
            "Un covoiturage organisé pour les rendez-vous médicaux",
            "Une ligne téléphonique pour trouver un chauffeur bénévole pour aller à "
            "l’hôpital, avec le kilométrage remboursé.",
            "Yvette",
            channel="meeting",
            supports=13,
        ),
        DemoProposal(
            "Des horaires affichés clairement",
            "Les horaires du transport collectif sont difficiles à lire. Un grand carton "
            "simple dans chaque dépanneur aiderait.",
            "Aïcha",
            supports=6,
        ),
        DemoProposal(
            "Le taxi collectif au même prix que l’autobus",
            "Dans les rangs, le taxi collectif est la seule option. Il devrait coûter le "
            "même prix qu’un billet d’autobus.",
            "Gaston",
            supports=7,
        ),
        DemoProposal(
            "Des vélos électriques à prêter",
            "Pour les petits trajets l’été, des vélos électriques prêtés par la municipalité.",
            "Noémie",
            supports=3,
        ),
        DemoProposal(
            "Un arrêt près de la clinique",
            "L’arrêt est à un kilomètre de la clinique, sans trottoir. Il faudrait le déplacer.",
            "Paul-Émile",
            channel="paper",
            supports=9,
        ),
        DemoProposal(
            "Réserver son transport en ligne et par téléphone",
            "Pouvoir réserver la veille, en ligne ou par téléphone, pas seulement trois jours "
            "avant.",
            "Jean-Guy",
            supports=4,
        ),
        DemoProposal(
            "Un transport pour les jeunes vers le cégep",
            "Les jeunes des villages abandonnent parfois faute de transport. Une navette "
            "matin et soir les aiderait.",
            "Rosalie",
            supports=8,
        ),
        DemoProposal(
            "Une carte unique pour tous les transports",
            "Une seule carte pour l’autobus, le taxi collectif et le traversier.",
            "Martin",
            supports=2,
        ),
        DemoProposal(
            "Accompagner les personnes qui ne lisent pas",
            "Une personne-ressource pour aider à planifier un trajet, pour ceux qui ont du "
            "mal à lire les horaires.",
            "Fernande",
            channel="meeting",
            supports=5,
        ),
    ),
)

ISOLATION = DemoConsultation(
    slug="briser-l-isolement",
    group="participation-sociale-charlevoix",
    phase="information",
    title_fr="Briser l’isolement",
    title_en="Breaking isolation",
    question_fr="Où et comment aimeriez-vous rencontrer du monde près de chez vous?",
    question_en="Where and how would you like to meet people near you?",
)

CONSULTATIONS = (HOUSING, FOOD, TRANSPORT, ISOLATION)


@dataclass(frozen=True)
class DemoTrail:
    """A proposal followed on its trail: studied, then taken up by a consent decision (and
    maybe done), or not retained with its reason."""

    proposal: str  # the title of a proposal above
    outcome: str  # "study", "take_up", "done" or "decline"
    reason: str = ""
    decision_title: str = ""
    decision_text: str = ""
    carried_by: str = ""  # a workstream's slug


TRAILS = (
    DemoTrail(
        "Des logements pour aînés au cœur des villages",
        "done",
        "Le cercle a adopté par consentement un projet de six logements pour aînés.",
        "Bâtir des logements pour aînés au cœur des villages",
        "Le cercle Habitation soutient un projet de six logements pour aînés près des "
        "services, et cherche un terrain avec la municipalité.",
        carried_by="portrait-besoins-logement",
    ),
    DemoTrail(
        "Aide pour réparer avant l’hiver",
        "take_up",
        "Retenue : une équipe de bénévoles sera formée avec les organismes du coin.",
        "Lancer une corvée de réparations avant l’hiver",
        "Le cercle Habitation organise une corvée de réparations pour les propriétaires "
        "aînés à faible revenu, avec les organismes du milieu.",
    ),
    DemoTrail(
        "Interdire les locations touristiques partout",
        "decline",
        "Ce n’est pas au collectif de le décider : ce pouvoir appartient aux municipalités. "
        "Nous leur transmettons votre idée.",
    ),
    DemoTrail("Un registre des logements à louer", "study"),
    DemoTrail("Une épicerie solidaire mobile", "study"),
)


@dataclass(frozen=True)
class DemoQuestion:
    kind: str
    label: str
    choices: tuple[str, ...] = ()


QUESTIONNAIRE = (
    "se-deplacer-sans-auto",
    "Vos déplacements",
    "Quelques questions sur vos trajets. Cinq minutes suffisent.",
    (
        DemoQuestion("single", "Avez-vous une auto?", ("Oui", "Non", "Parfois, on me la prête")),
        DemoQuestion(
            "multiple",
            "Où devez-vous aller le plus souvent?",
            ("Épicerie", "Clinique ou hôpital", "Travail", "Famille"),
        ),
        DemoQuestion("scale", "Est-ce difficile de vous déplacer? (1 : pas du tout, 5 : très)"),
        DemoQuestion("long_text", "Racontez-nous un trajet qui a été compliqué."),
    ),
)
# Each answer: the single choice, the places chosen, the scale's value, the text.
QUESTIONNAIRE_ANSWERS = (
    (1, (0, 1), 4, "Pour aller à l’hôpital, j’ai attendu quatre heures le retour."),
    (0, (2,), 2, ""),
    (2, (1, 3), 5, "Ma fille vient me chercher, mais elle travaille loin."),
    (1, (0,), 3, ""),
)
