"""The glossary of the demo: its terms and its page."""

from __future__ import annotations

from dataclasses import dataclass

from maillage.site.demo.content import DemoPage
from maillage.site.models import GlossaryPage

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
    Term(
        "premier-lien",
        "Premier lien",
        "La personne que le cercle parent nomme dans un cercle : elle y porte la raison d'être "
        "du parent, veille à ce que le travail avance et est membre d'office des deux cercles. "
        "Dans un chantier, on parle de la ou du responsable du chantier.",
        "lead-link",
        "Lead link (premier lien)",
        "The person the parent circle names in a circle: they carry the parent's purpose into it, "
        "see that the work moves forward, and are a member of both circles. In a workstream, the "
        "workstream lead.",
    ),
    Term(
        "second-lien",
        "Second lien",
        "La personne qu'un cercle choisit pour porter sa voix au cercle parent, où elle siège "
        "aussi. Avec le premier lien, elle forme le double lien entre deux cercles.",
        "delegate",
        "Delegate (second lien)",
        "The person a circle chooses to carry its voice into the parent circle, where they sit "
        "too. With the lead link, they make the double link between two circles.",
    ),
    Term(
        "membre-d-office",
        "Membre d'office",
        "Une personne membre d'un cercle ou d'un chantier parce qu'elle y occupe un rôle "
        "(animation, secrétariat, premier ou second lien), tant qu'elle l'occupe.",
        "ex-officio-member",
        "Ex officio member",
        "Someone who is a member of a circle or workstream because they hold a role in it "
        "(facilitation, secretariat, lead link or delegate), for as long as they hold it.",
    ),
    Term(
        "redevabilite",
        "Redevabilité",
        "Une activité continue dont un cercle ou un rôle est responsable et dont il rend compte, "
        "par exemple « tenir à jour le portrait des besoins ».",
        "accountability",
        "Accountability",
        "An ongoing activity a circle or a role is responsible for and answers for, for example "
        "“keep the portrait of needs up to date”.",
    ),
    Term(
        "consentement",
        "Consentement",
        "Une façon de décider : une proposition est adoptée quand personne n'y voit d'objection "
        "raisonnée, c'est-à-dire un tort qu'elle causerait au cercle ou à sa raison d'être. Ce "
        "n'est ni l'unanimité ni un vote.",
        "consent",
        "Consent",
        "A way of deciding: a proposal is adopted when nobody sees a reasoned objection to it, "
        "that is, harm it would do to the circle or its purpose. It is neither unanimity nor a "
        "vote.",
    ),
    Term(
        "siege",
        "Siège",
        "La place d'une organisation partenaire au Collectif, occupée par la personne qu'elle "
        "délègue (la ou le titulaire), qui parle en son nom.",
        "seat",
        "Seat",
        "A partner organization's place in the collective, held by the person it delegates (the "
        "holder), who speaks on its behalf.",
    ),
    Term(
        "substitut",
        "Substitut",
        "La personne qui remplace la ou le titulaire d'un siège ou d'un rôle lorsqu'elle ou il "
        "est absent.",
        "substitute",
        "Substitute",
        "The person who stands in for the holder of a seat or a role when they are away.",
    ),
    Term(
        "politique",
        "Politique",
        "Une règle qu'un cercle adopte par consentement pour encadrer son travail ou celui de "
        "ses rôles; elle a une date de révision et garde l'historique de ses versions.",
        "policy",
        "Policy",
        "A rule a circle adopts by consent to frame its work or its roles' work; it has a review "
        "date and keeps the history of its versions.",
    ),
    Term(
        "consultation",
        "Consultation",
        "Une question que le collectif pose à la population, à un moment donné. Elle se fait en "
        "quatre étapes : on informe, on recueille les idées, on les analyse, puis on dit ce "
        "qu'on en a fait.",
        "consultation",
        "Consultation",
        "A question the collective asks the public, for a time. It has four steps: informing, "
        "gathering ideas, analysing them, then saying what was done with them.",
    ),
    Term(
        "proposition-citoyenne",
        "Proposition citoyenne",
        "Une idée qu'une personne dépose pendant une consultation, en ligne ou de vive voix lors "
        "d'une rencontre. Elle est envoyée au cercle ou au chantier qui peut y donner suite.",
        "citizen-proposal",
        "Citizen proposal",
        "An idea a person puts forward during a consultation, online or in person at a meeting. "
        "It is sent to the circle or workstream that can act on it.",
    ),
    Term(
        "appui",
        "Appui",
        "Dire « je suis d'accord » avec une proposition. Une personne appuie une proposition une "
        "seule fois; elle peut retirer son appui.",
        "support",
        "Support",
        'Saying "I agree" with a proposal. A person supports a proposal once, and may take '
        "their support back.",
    ),
    Term(
        "parcours-d-influence",
        "Parcours d'influence",
        "Le chemin d'une idée citoyenne : reçue, étudiée par un cercle, reprise dans une décision "
        "puis réalisée, ou non retenue avec la raison. Chacun peut le suivre en ligne.",
        "influence-trail",
        "Influence trail",
        "The path of a citizen's idea: received, studied by a circle, taken up in a decision then "
        "done, or not retained with the reason why. Anyone can follow it online.",
    ),
    Term(
        "moderation",
        "Modération",
        "Des personnes veillent au respect du code de conduite. Elles peuvent masquer un "
        "message blessant ou hors sujet, en disant toujours pourquoi.",
        "moderation",
        "Moderation",
        "People who see that the code of conduct is respected. They may hide a hurtful or "
        "off-topic message, always saying why.",
    ),
]


GLOSSARY_PAGE = DemoPage(
    GlossaryPage,
    "glossaire",
    "Glossaire",
    "Les mots que nous employons, et ce que nous voulons dire par eux.",
    None,
    "glossary",
    "Glossary",
    "The words we use, and what we mean by them.",
    None,
    description_fr="Les mots du développement social et de notre modèle de collaboration.",
    description_en="The words of social development and of our model.",
)
