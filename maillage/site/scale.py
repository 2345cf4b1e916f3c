"""Scale data of the public site (see `core.scale`): one news article per unit of factor, in
French, under the demo's news page. Wagtail keeps its page tree in materialized paths, so the
articles are added one by one (`add_child`), published without revisions; the search index is
left to the background tasks, as for an article written by an editor."""

from __future__ import annotations

from datetime import timedelta

from wagtail.models import Locale

from maillage.core.scale import ScaleRun
from maillage.site.demo.content import p
from maillage.site.models import NewsArticlePage, NewsIndexPage

ARTICLES_PER_FACTOR = 1

SUBJECTS = (
    ("Un nouveau partenaire se joint au collectif", "L'accueil d'un organisme"),
    ("Retour sur le forum régional", "Les faits saillants du forum"),
    ("Un chantier remet son bilan", "Le bilan d'un chantier"),
    ("Consultation citoyenne : ce que nous avons entendu", "Les résultats de la consultation"),
    ("Le cercle général adopte son plan de travail", "Le plan de travail de l'année"),
)


def generate(*, run: ScaleRun) -> None:
    french = Locale.objects.filter(language_code="fr-ca").first()
    index = NewsIndexPage.objects.filter(locale=french).first() if french else None
    if index is None:  # the demo's news page is missing
        run.report({NewsArticlePage: 0})
        return
    rng = run.rng
    count = 0
    for number in range(ARTICLES_PER_FACTOR * run.factor):
        title, intro = rng.choice(SUBJECTS)
        title = f"{title} ({number + 1})"
        index.add_child(
            instance=NewsArticlePage(
                title=title,
                slug=run.tag(title, number),
                intro=f"{intro}. Cette nouvelle est fictive.",
                date=run.today - timedelta(days=rng.randint(0, 700)),
                body=[
                    p(
                        "Cette nouvelle est fictive : elle sert à mesurer la plateforme avec "
                        "beaucoup de contenu.",
                        f"{intro} du collectif, racontée en quelques lignes.",
                    )
                ],
                locale=french,
            )
        )
        count += 1
    run.report({NewsArticlePage: count})
