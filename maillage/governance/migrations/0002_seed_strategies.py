"""Seed the four strategies of the collective. Keys are stable; wording may be edited later."""

from django.db import migrations

STRATEGIES = [
    (
        "concertation-intersectorielle",
        "Concertation intersectorielle",
        "Intersectoral concertation",
        "Des organisations de secteurs différents mettent leur expertise en commun pour agir "
        "ensemble sur des enjeux complexes qui traversent leurs champs d'action.",
        "Organizations from different sectors pool their expertise to act together on complex "
        "issues that cut across their fields.",
    ),
    (
        "action-communautaire",
        "Action communautaire",
        "Community action",
        "Une action collective portée par des organismes enracinés dans leur milieu, fondée sur "
        "la solidarité, la démocratie et l'autonomie, en réponse aux besoins exprimés par la "
        "population.",
        "Collective action carried by organizations rooted in their community, founded on "
        "solidarity, democracy and autonomy, answering needs that people themselves express.",
    ),
    (
        "developpement-des-communautes",
        "Développement des communautés",
        "Community development",
        "Résidentes, résidents et institutions d'un milieu coopèrent et tissent des liens pour "
        "améliorer ensemble les conditions de vie de leur territoire.",
        "Residents and institutions of a place cooperate and build ties to improve the living "
        "conditions of their territory together.",
    ),
    (
        "action-sociale-influence-citoyenne",
        "Action sociale et influence citoyenne",
        "Social action and citizen influence",
        "La société civile et les citoyennes et citoyens se mobilisent pour défendre des droits "
        "et obtenir des politiques publiques qui améliorent les conditions de vie des personnes "
        "en situation de pauvreté ou d'exclusion.",
        "Civil society and citizens mobilize to defend rights and obtain public policies that "
        "improve the living conditions of people facing poverty or exclusion.",
    ),
]


def seed(apps, schema_editor):
    Strategy = apps.get_model("governance", "Strategy")
    for position, (key, name_fr, name_en, description_fr, description_en) in enumerate(
        STRATEGIES, start=1
    ):
        # get_or_create: an instance that reworded a strategy keeps its own wording.
        Strategy.objects.get_or_create(
            key=key,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "description_fr": description_fr,
                "description_en": description_en,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
