"""Seed the usual streams of a regional fund. Keys are stable; names may be edited later."""

from django.db import migrations

STREAMS = [
    ("local", "Local", "Local"),
    ("regional", "Régional", "Regional"),
    ("developpement-des-communautes", "Développement des communautés", "Community development"),
]


def seed(apps, schema_editor):
    Stream = apps.get_model("funding", "Stream")
    for position, (key, name_fr, name_en) in enumerate(STREAMS, start=1):
        # get_or_create: an instance that renamed a stream keeps its own wording.
        Stream.objects.get_or_create(
            key=key, defaults={"name_fr": name_fr, "name_en": name_en, "position": position * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
