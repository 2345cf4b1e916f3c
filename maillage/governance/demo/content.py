"""What the collaboration model's demo holds: circles, workstreams, their people and policies, and
the workspace of the guest's workstream. Written for Maillage; every name is fictional."""

from __future__ import annotations

from dataclasses import dataclass

from maillage.governance.models import CircleMode, RoleKind

GUEST_EMAIL = "invite@demo.maillage.local"
MEMBER_EMAIL = "membre@demo.maillage.local"
STAFF_EMAIL = "equipe@demo.maillage.local"

Name = tuple[str, str]


@dataclass(frozen=True)
class DemoPolicy:
    title: str
    text: str
    review_in_days: int | None


@dataclass(frozen=True)
class DemoCircle:
    slug: str
    name: str
    purpose: str
    parent: str  # slug; "" for the general circle
    domains: tuple[str, ...]
    accountabilities: tuple[str, ...]
    strategies: tuple[str, ...]
    levels: tuple[str, ...]
    territories: tuple[str, ...]  # official codes of MRCs or of the region
    holders: dict[str, Name]  # role kind → person (first, last); "member" = the member account
    members: tuple[Name, ...]
    policies: tuple[DemoPolicy, ...] = ()
    mode: str = CircleMode.CONSENT


@dataclass(frozen=True)
class DemoWorkstream:
    slug: str
    name: str
    mandate: str
    sponsors: tuple[str, ...]
    strategies: tuple[str, ...]
    levels: tuple[str, ...]
    territories: tuple[str, ...]
    started_days_ago: int
    sunset_in_days: int
    lead: Name
    members: tuple[Name, ...]
    externals: tuple[Name, ...] = ()
    deliverables: tuple[str, ...] = ()
    launched: bool = True
    guest_account: bool = False


MEMBER: Name = ("Camille", "Démo")
# How long ago each kind of role was taken: a facilitator's 12-month term ends within the
# reminder window, a delegate's 24-month term in about a month.
STARTED_DAYS_AGO: dict[str, int] = {
    RoleKind.FACILITATOR: 355,
    RoleKind.SECRETARY: 300,
    RoleKind.DELEGATE: 700,
}

CIRCLES = [
    DemoCircle(
        slug="cercle-general",
        name="Cercle général",
        purpose=(
            "Porter la vision commune du collectif, veiller à la cohérence de ses cercles et de "
            "ses chantiers, et arrimer les paliers local, régional et national."
        ),
        parent="",
        domains=("Plan de travail régional", "Modèle de collaboration"),
        accountabilities=(
            "Adopter le plan de travail régional et en suivre la réalisation",
            "Créer, modifier ou dissoudre les cercles et les chantiers",
            "Accueillir les nouveaux partenaires",
        ),
        strategies=(
            "concertation-intersectorielle",
            "action-communautaire",
            "developpement-des-communautes",
            "action-sociale-influence-citoyenne",
        ),
        levels=("regional",),
        territories=("03",),
        holders={
            "lead": ("Rosalie", "Fougères"),
            "facilitator": ("Céleste", "Bourrasque"),
            "secretary": ("Agathe", "Montcalme"),
        },
        members=(
            ("Noémie", "Vertefeuille"),
            ("Capucine", "Lafrenière-Sud"),
            ("Théo", "Picard-Imaginaire"),
            ("Maëlle", "Brisebois"),
            ("Awinita", "Deslacs"),
            ("Apolline", "Sablon"),
            MEMBER,
        ),
        policies=(
            DemoPolicy(
                "Accueil des nouveaux partenaires",
                "Toute organisation qui partage la mission du collectif peut demander à se "
                "joindre à un cercle. Le cercle concerné l'accueille à sa rencontre suivante et "
                "lui désigne une personne-ressource pour ses trois premiers mois.",
                75,
            ),
            DemoPolicy(
                "Déclaration des conflits d'intérêts",
                "Une personne qui siège pour une organisation déclare, avant chaque décision, "
                "tout intérêt de son organisation dans la question traitée, et se retire de la "
                "décision lorsque le cercle le juge nécessaire.",
                10,
            ),
        ),
    ),
    DemoCircle(
        slug="securite-alimentaire",
        name="Sécurité alimentaire",
        purpose=(
            "Que chaque personne de la région ait accès en tout temps à une alimentation "
            "suffisante, saine et digne, grâce à des initiatives ancrées dans les milieux."
        ),
        parent="cercle-general",
        domains=("Initiatives alimentaires soutenues par le collectif",),
        accountabilities=(
            "Tenir à jour le portrait des initiatives alimentaires par MRC",
            "Recommander au cercle général les initiatives à soutenir",
        ),
        strategies=("action-communautaire", "developpement-des-communautes"),
        levels=("local", "supralocal"),
        territories=("2415", "2423"),
        holders={
            "lead": ("Mireille", "Boisjoli"),
            "delegate": ("Solène", "Clairmont"),
            "facilitator": ("Ulysse", "Grandbois"),
            "secretary": MEMBER,
        },
        members=(("Iris", "Pignon"), ("Oscar", "Bellehumeur"), ("Romane", "Dubosquet")),
        policies=(
            DemoPolicy(
                "Critères de soutien aux initiatives alimentaires",
                "Le cercle soutient en priorité les initiatives qui rejoignent des personnes "
                "en situation de pauvreté, misent sur leur participation et s'appuient sur des "
                "partenaires de plus d'un secteur.",
                180,
            ),
        ),
    ),
    DemoCircle(
        slug="habitation",
        name="Habitation",
        purpose=(
            "Favoriser l'accès à un logement abordable, salubre et adapté, en milieu urbain "
            "comme en milieu rural."
        ),
        parent="cercle-general",
        domains=("Veille sur le logement social et communautaire",),
        accountabilities=(
            "Documenter les besoins en logement par territoire",
            "Porter les enjeux de logement auprès des instances municipales et régionales",
        ),
        strategies=("concertation-intersectorielle", "action-sociale-influence-citoyenne"),
        levels=("supralocal", "regional"),
        territories=("2421", "2434"),
        holders={
            "lead": ("Gaspard", "Mousseau"),
            "delegate": ("Jules", "Marchebois"),
            "secretary": ("Nicodème", "Sauvageau"),
        },
        members=(("Philomène", "Desrives"), ("Armand", "Champlong")),
        policies=(
            DemoPolicy(
                "Principes de représentation",
                "Le cercle veille à compter au moins un partenaire municipal, un partenaire "
                "communautaire et une voix citoyenne parmi ses membres.",
                45,
            ),
        ),
    ),
    DemoCircle(
        slug="influence-citoyenne",
        name="Influence citoyenne",
        purpose=(
            "Faire place à la parole des personnes qui vivent la pauvreté et l'exclusion dans "
            "les travaux du collectif, et rendre compte de ce qui en est fait."
        ),
        parent="cercle-general",
        domains=("Consultations citoyennes du collectif",),
        accountabilities=("Organiser une consultation citoyenne par année",),
        strategies=("action-sociale-influence-citoyenne",),
        levels=("local", "regional"),
        territories=("03",),
        holders={"lead": ("Margot", "Dufjord"), "delegate": ("Lucien", "Bonsecours")},
        members=(("Félix", "Ruisseau"),),
        mode=CircleMode.OPEN,
    ),
]

WORKSTREAMS = [
    DemoWorkstream(
        slug="participation-sociale-charlevoix",
        name="Participation sociale dans Charlevoix",
        mandate=(
            "Dresser le portrait des lieux de participation sociale dans les deux MRC de "
            "Charlevoix et proposer, avec les personnes concernées, trois actions pour briser "
            "l'isolement."
        ),
        sponsors=("cercle-general", "securite-alimentaire"),
        strategies=("developpement-des-communautes", "action-sociale-influence-citoyenne"),
        levels=("local", "supralocal"),
        territories=("2415", "2416"),
        started_days_ago=120,
        sunset_in_days=250,
        lead=("Bastien", "Hautecôte"),
        members=(("Anatole", "Beaulac"), ("Hector", "Bellerive"), ("Églantine", "Rochebrune")),
        externals=(("Zoé", "Lamarée"),),
        deliverables=(
            "Portrait des lieux de participation",
            "Trois actions proposées",
            "Bilan partagé avec le cercle général",
        ),
        guest_account=True,
    ),
    DemoWorkstream(
        slug="transport-collectif-rural",
        name="Transport collectif rural",
        mandate=(
            "Cartographier l'offre de transport collectif et solidaire dans Portneuf et La "
            "Jacques-Cartier, et proposer des pistes pour les personnes sans voiture."
        ),
        sponsors=("habitation", "cercle-general"),
        strategies=("concertation-intersectorielle",),
        levels=("supralocal",),
        territories=("2434", "2422"),
        started_days_ago=300,
        sunset_in_days=12,
        lead=("Basile", "Roulotte"),
        members=(("Capucine", "Lafrenière-Sud"), ("Maëlle", "Brisebois")),
        externals=(("Tristan", "Lévesque-Fictif"),),
        deliverables=("Carte de l'offre de transport", "Recommandations"),
    ),
    DemoWorkstream(
        slug="portrait-besoins-logement",
        name="Portrait des besoins en logement",
        mandate="Réunir les données sur les besoins en logement abordable de chaque MRC.",
        sponsors=("habitation",),
        strategies=("concertation-intersectorielle",),
        levels=("supralocal",),
        territories=("03",),
        started_days_ago=0,
        sunset_in_days=365,
        lead=("Jules", "Marchebois"),
        members=(),
        launched=False,
    ),
]


# What the guest finds in their workstream's workspace: announcements, a document in two
# versions, and who carries each deliverable by when (None: the guest; days from today).
WORKSPACE_ANNOUNCEMENTS = (
    (
        "Bienvenue dans l'espace du chantier",
        "Vous trouverez ici nos annonces, les documents de travail, les livrables et les "
        "coordonnées des membres. Ces coordonnées restent entre nous.",
        True,
    ),
    (
        "Tournée des lieux de participation",
        "Nous visitons trois lieux de Baie-Saint-Paul et de La Malbaie ce mois-ci. Ajoutez vos "
        "observations au document « Lieux de participation recensés ».",
        False,
    ),
)
WORKSPACE_DOCUMENT = (
    "Lieux de participation recensés",
    "Liste de travail des lieux de participation sociale de Charlevoix (fictifs).",
    "lieux-participation.csv",
    (
        "lieu;municipalité;public\nCafé de quartier (fictif);Baie-Saint-Paul;aînés\n",
        "lieu;municipalité;public\nCafé de quartier (fictif);Baie-Saint-Paul;aînés\n"
        "Cuisine collective (fictive);La Malbaie;familles\n",
    ),
)
WORKSPACE_DELIVERABLES: tuple[tuple[Name | None, int], ...] = (
    (("Anatole", "Beaulac"), -20),
    (("Bastien", "Hautecôte"), 60),
    (None, 200),
)
