"""Demo hook called by the project's `load_demo` command: version 1 of the privacy policy, in
plain French and English, and the person in charge. Safe to run again: nothing is published
twice."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.privacy.models import Officer, PolicyVersion
from maillage.privacy.services.officer import officer_set
from maillage.privacy.services.policy import policy_publish

# The demo accounts' domain (`network.demo`); the collective's own addresses are there too.
DEMO_DOMAIN = "demo.maillage.local"
OFFICER_TITLE = "Responsable de la protection des renseignements personnels"
OFFICER_EMAIL = f"confidentialite@{DEMO_DOMAIN}"
OFFICER_PHONE = "418 555-0199"

POLICY_FR = f"""\
Cette politique dit, en mots simples, quels renseignements personnels la plateforme du collectif \
recueille, pourquoi, qui les voit, combien de temps on les garde et quels sont vos droits. Elle \
suit la Loi sur la protection des renseignements personnels dans le secteur privé du Québec \
(Loi 25).

Ce que nous recueillons
Votre compte : votre nom, votre adresse courriel et votre langue. Le répertoire du réseau : le \
nom des personnes qui représentent un organisme, leur fonction, leurs coordonnées \
professionnelles et les sièges qu'elles occupent. La participation citoyenne : ce que vous \
écrivez (propositions, commentaires, réponses aux questionnaires) et, si vous le donnez, un \
moyen de vous joindre. Le financement : les coordonnées des personnes responsables d'une \
demande. Nous ne recueillons rien d'autre : pas de localisation, pas de profil publicitaire.

Pourquoi
Pour faire fonctionner le collectif : réunir les partenaires, prendre et suivre les décisions, \
analyser les demandes de financement, rendre compte de ce que nous faisons de la parole \
citoyenne. Nous n'utilisons pas vos renseignements à une autre fin sans votre consentement, et \
nous ne les vendons jamais.

Qui les voit
Le public voit le nom des organismes et ce qui est publié. Le nom d'une personne n'apparaît dans \
le répertoire public que si elle y consent. Les coordonnées ne sont visibles que par les membres \
et l'équipe de coordination. Les personnes qui analysent une demande de financement la voient, \
après avoir déclaré leurs conflits d'intérêts. Chaque consultation de coordonnées et chaque \
modification est journalisée.

Vos consentements
Vous choisissez, un par un, d'apparaître dans le répertoire public, de recevoir l'infolettre, \
d'être joint par des partenaires et d'être photographié lors des événements. Sans votre \
accord, la réponse est non. Vous pouvez changer d'avis à tout moment dans « Mes consentements ».

Combien de temps
Nous gardons vos renseignements tant qu'ils servent la fin pour laquelle ils ont été recueillis, \
puis nous les détruisons ou les rendons anonymes selon notre calendrier de conservation. Les \
décisions et les documents de reddition de comptes des fonds publics sont conservés le temps \
que la loi et nos ententes l'exigent.

Aucun pistage
La plateforme n'utilise aucun outil de suivi, de publicité ou de mesure d'audience d'un tiers, \
et ne charge ni police, ni script, ni style d'un autre site. Ses seuls témoins (cookies) gardent \
votre session, votre langue et la protection des formulaires.

Vos droits
Vous pouvez demander à consulter les renseignements que nous avons sur vous (accès), à les \
corriger (rectification), à les recevoir dans un format structuré et courant (portabilité) et à \
les faire supprimer (effacement), sauf ceux que la loi nous oblige à garder. Nous répondons dans \
les 30 jours. Vous pouvez aussi porter plainte à la Commission d'accès à l'information du Québec.

La personne responsable
La personne responsable de la protection des renseignements personnels répond à vos questions \
et à vos demandes : {OFFICER_TITLE}, {OFFICER_EMAIL}, {OFFICER_PHONE}.
"""

POLICY_EN = f"""\
This policy says, in plain words, what personal information the collective's platform collects, \
why, who sees it, how long we keep it and what your rights are. It follows Québec's Act \
respecting the protection of personal information in the private sector (Law 25).

What we collect
Your account: your name, your e-mail address and your language. The network's directory: the \
names of the people who represent an organization, their function, their work contact details \
and the seats they hold. Citizen participation: what you write (proposals, comments, answers to \
questionnaires) and, if you give one, a way to reach you. Funding: the contact details of the \
people responsible for an application. We collect nothing else: no location, no advertising \
profile.

Why
To run the collective: bring partners together, make and follow decisions, assess funding \
applications, and report on what we did with citizens' input. We do not use your information \
for any other purpose without your consent, and we never sell it.

Who sees it
The public sees the names of organizations and what is published. A person's name appears in \
the public directory only with their consent. Contact details are visible only to members and \
the coordination team. The people who assess a funding application see it, after declaring \
their conflicts of interest. Every view of contact details and every change is logged.

Your consents
You choose, one by one, whether to appear in the public directory, receive the newsletter, be \
contacted by partners and be photographed at events. Without your agreement, the answer is no. \
You may change your mind at any time under "My consents".

How long
We keep your information as long as it serves the purpose it was collected for, then destroy \
it or make it anonymous following our retention schedule. Decisions and the accountability \
records of public funds are kept as long as the law and our agreements require.

No tracking
The platform uses no third-party tracking, advertising or audience measurement, and loads no \
font, script or style from another site. Its only cookies keep your session, your language and \
the protection of forms.

Your rights
You may ask to see the information we hold about you (access), to correct it (correction), to \
receive it in a structured, commonly used format (portability) and to have it deleted \
(deletion), except what the law requires us to keep. We answer within 30 days. You may also \
complain to Québec's Commission d'accès à l'information.

The person in charge
The person in charge of the protection of personal information answers your questions and \
requests: {OFFICER_TITLE}, {OFFICER_EMAIL}, {OFFICER_PHONE}.
"""


def load(*, stdout: Any) -> None:
    if not Officer.objects.exists():
        officer_set(
            actor=SYSTEM,
            account=None,
            title=OFFICER_TITLE,
            contact_email=OFFICER_EMAIL,
            contact_phone=OFFICER_PHONE,
        )
    if PolicyVersion.objects.exists():
        stdout.write(_("The privacy policy is already published."))
        return
    policy_publish(actor=SYSTEM, text_fr=POLICY_FR, text_en=POLICY_EN)
    stdout.write(_("Privacy policy published (version 1) and person in charge named."))
