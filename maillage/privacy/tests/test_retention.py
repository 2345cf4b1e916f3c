import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent
from maillage.core.personal import REGISTRY, Expired, RetentionRule, load
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import AccessKind, ContactAccess, RetentionRun
from maillage.privacy.services import retention_apply
from maillage.privacy.tests.factories_registers import officer_account
from maillage.privacy.verbs import RegisterVerb

pytestmark = pytest.mark.django_db

PERIOD = dt.timedelta(days=30)


def _expired(now):
    rows = ContactAccess.objects.filter(at__lt=now - PERIOD).order_by("pk")
    return [Expired(pk, f"Accès n° {pk}") for pk in rows.values_list("pk", flat=True)]


def _remove(pks, actor):
    return ContactAccess.objects.filter(pk__in=pks).delete()[0]


@pytest.fixture
def access_rule():
    """A retention rule declared by the test itself: the record of access, kept 30 days."""
    load()
    rule = RetentionRule(
        key="tests.access",
        label="Accès aux coordonnées (essai)",
        period=PERIOD,
        since="la consultation",
        action="supprimé",
        expired=_expired,
        remove=_remove,
    )
    saved = dict(REGISTRY.retention)
    REGISTRY.retention.clear()
    REGISTRY.retention[rule.key] = rule
    yield rule
    REGISTRY.retention.clear()
    REGISTRY.retention.update(saved)


def access(days_ago: int) -> ContactAccess:
    row = ContactAccess.objects.create(
        account=user_with_role(Role.MEMBER), kind=AccessKind.LIST_VIEWED, count=1
    )
    ContactAccess.objects.filter(pk=row.pk).update(at=timezone.now() - dt.timedelta(days=days_ago))
    return row


def test_a_simulation_lists_what_is_expired_and_changes_nothing(access_rule):
    old, recent = access(40), access(3)
    before = ContactAccess.objects.count()
    run = retention_apply(actor=SYSTEM, dry_run=True)
    assert ContactAccess.objects.count() == before
    assert run.dry_run and run.items == {
        "tests.access": [{"pk": old.pk, "label": f"Accès n° {old.pk}"}]
    }
    assert recent.pk not in [item["pk"] for item in run.items["tests.access"]]
    assert AuditEvent.objects.filter(verb=RegisterVerb.RETENTION_SIMULATED.value).count() == 1


def test_applying_removes_exactly_what_the_simulation_listed(access_rule):
    first, second, recent = access(40), access(50), access(3)
    simulation = retention_apply(actor=SYSTEM, dry_run=True)
    # After the simulation: a record expires, and a listed one is kept after all.
    later = access(45)
    ContactAccess.objects.filter(pk=second.pk).update(at=timezone.now())
    run = retention_apply(actor=officer_account(), dry_run=False, simulation=simulation)
    remaining = set(ContactAccess.objects.values_list("pk", flat=True))
    assert first.pk not in remaining
    assert {second.pk, recent.pk, later.pk} <= remaining
    assert run.removed == {"tests.access": 1}
    assert run.items == {"tests.access": [{"pk": first.pk, "label": f"Accès n° {first.pk}"}]}
    assert run.simulation == simulation
    with pytest.raises(ValidationError):
        retention_apply(actor=SYSTEM, dry_run=False, simulation=simulation)


def test_a_run_without_a_simulation_removes_what_is_expired_and_logs_it(access_rule):
    old, recent = access(31), access(29)
    run = retention_apply(actor=SYSTEM, dry_run=False)
    assert list(ContactAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    assert run.removed == {"tests.access": 1} and run.total == 1
    event = AuditEvent.objects.get(verb=RegisterVerb.RETENTION_APPLIED.value)
    assert event.payload == {"tests.access": 1}
    assert not ContactAccess.objects.filter(pk=old.pk).exists()


def test_staff_cannot_apply_the_retention(access_rule):
    access(40)
    with pytest.raises(PermissionDenied):
        retention_apply(actor=user_with_role(Role.STAFF), dry_run=False)
    assert ContactAccess.objects.count() == 1


def test_the_page_shows_the_rules_simulates_and_applies(access_rule):
    old = access(40)
    client = Client()
    client.force_login(officer_account())
    page = client.get(reverse("privacy:retention"))
    assert page.status_code == 200
    assert "Accès aux coordonnées (essai)" in page.text and "30 jours" in page.text
    assert reverse("privacy:retention_apply") not in page.text  # nothing simulated yet
    assert client.post(reverse("privacy:retention_simulate")).status_code == 302
    assert ContactAccess.objects.filter(pk=old.pk).exists()
    page = client.get(reverse("privacy:retention"))
    assert f"Accès n° {old.pk}" in page.text
    simulation = RetentionRun.objects.get()
    assert f'name="simulation" value="{simulation.pk}"' in page.text
    done = client.post(reverse("privacy:retention_apply"), {"simulation": simulation.pk})
    assert done.status_code == 302
    assert not ContactAccess.objects.filter(pk=old.pk).exists()
    again = client.post(
        reverse("privacy:retention_apply"), {"simulation": simulation.pk}, follow=True
    )
    assert "déjà été appliquée" in again.text
    assert (
        client.post(reverse("privacy:retention_apply"), {"simulation": "9" * 30}).status_code == 404
    )


def test_the_command_simulates_then_applies(access_rule):
    old = access(40)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"Accès n° {old.pk}" in out.getvalue()
    assert ContactAccess.objects.filter(pk=old.pk).exists()
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert not ContactAccess.objects.exists()
    assert RetentionRun.objects.filter(dry_run=False).get().removed == {"tests.access": 1}


def test_the_command_hands_the_run_to_the_worker(access_rule):
    access(40)
    out = io.StringIO()
    call_command("apply_retention", "--enqueue", stdout=out)
    # The tests' task backend runs it at once.
    assert not ContactAccess.objects.exists()
    assert RetentionRun.objects.get().removed == {"tests.access": 1}
