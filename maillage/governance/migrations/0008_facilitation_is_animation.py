"""The facilitation role is called « Animation » in French: rename the roles that kept the former
built-in name (a role renamed by the collective keeps its name)."""

from django.db import migrations


def rename(apps, schema_editor):
    Role = apps.get_model("governance", "Role")
    Role.objects.filter(kind="facilitator", name="Facilitation").update(name="Animation")


def restore(apps, schema_editor):
    Role = apps.get_model("governance", "Role")
    Role.objects.filter(kind="facilitator", name="Animation").update(name="Facilitation")


class Migration(migrations.Migration):
    dependencies = [("governance", "0007_group_sectors")]
    operations = [migrations.RunPython(rename, restore)]
