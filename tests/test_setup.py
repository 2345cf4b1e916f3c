"""What `make run` does after migrating: loading the region and the demo, idempotently."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from maillage.core.roles import Role

pytestmark = pytest.mark.django_db

# Rows that legitimately grow with each run: the trail of who did what.
GROWING = {"core.auditevent", "core.notification", "django_tasks_database.dbtaskresult"}


def _counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.label_lower not in GROWING
    }


def test_region_and_demo_load_twice_without_duplicates(client):
    out = StringIO()
    call_command("load_region", "03", stdout=out)
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert first["network.organization"] >= 25
    assert first["territories.territory"] == 1 + 1 + 7 + 69
    User = apps.get_model("core", "User")
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), f"no demo account with role {role}"
    printed = out.getvalue()
    assert "membre@demo.maillage.local" in printed


def test_home_answers_in_french_and_english_after_setup(client):
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    french, english = client.get("/"), client.get("/en/")
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr-CA">' in french.text
    assert '<html lang="en">' in english.text
