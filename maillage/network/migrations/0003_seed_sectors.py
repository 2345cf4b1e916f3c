"""Seed the sectors of the collective. Keys are stable; names may be edited later."""

from django.db import migrations

SECTORS = [
    ("communautaire", "Communautaire", "Community"),
    ("municipal", "Municipal", "Municipal"),
    ("sante-services-sociaux", "Santé et services sociaux", "Health and social services"),
    ("education", "Éducation", "Education"),
    ("economique", "Économique", "Economic"),
    ("philanthropique", "Philanthropique", "Philanthropic"),
    ("reseaux-publics", "Réseaux publics", "Public networks"),
    ("citoyen", "Citoyen", "Citizens"),
    ("premieres-nations", "Premières Nations", "First Nations"),
    ("autre", "Autre", "Other"),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("network", "Sector")
    for position, (key, name_fr, name_en) in enumerate(SECTORS, start=1):
        # get_or_create: an instance that renamed a sector keeps its own wording.
        Sector.objects.get_or_create(
            key=key, defaults={"name_fr": name_fr, "name_en": name_en, "position": position * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("network", "0002_constraints_messages")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
