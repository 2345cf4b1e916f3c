"""Sector names as the collective says them: « Scolaire et éducation », « Autochtone (Premières
Nations et Inuit) ». Only names still as first seeded change: an instance's own wording stays."""

from django.db import migrations

RENAMED = [
    # key, former (fr, en), new (fr, en)
    ("education", ("Éducation", "Education"), ("Scolaire et éducation", "School and education")),
    (
        "premieres-nations",
        ("Premières Nations", "First Nations"),
        ("Autochtone (Premières Nations et Inuit)", "Indigenous (First Nations and Inuit)"),
    ),
]


def _rename(apps, forward):
    Sector = apps.get_model("network", "Sector")
    for key, former, new in RENAMED:
        old, fresh = (former, new) if forward else (new, former)
        Sector.objects.filter(key=key, name_fr=old[0]).update(name_fr=fresh[0])
        Sector.objects.filter(key=key, name_en=old[1]).update(name_en=fresh[1])


class Migration(migrations.Migration):
    dependencies = [("network", "0004_seat_timestamps")]
    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: _rename(apps, True),
            lambda apps, schema_editor: _rename(apps, False),
        )
    ]
