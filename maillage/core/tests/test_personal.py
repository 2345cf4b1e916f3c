"""The registry of personal information (Québec's Law 25) and core's own part of it: every field
that looks personal is declared or exempt, no declaration names a field that is gone, and core's
"my data" and anonymization."""

from __future__ import annotations

import datetime
import secrets

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone

from maillage.core import personal
from maillage.core.models import (
    AuditEvent,
    EmailDelivery,
    ImportJob,
    Notification,
    NotificationPreference,
    PlatformInvitation,
)
from maillage.core.permissions import SYSTEM
from maillage.core.personal_accounts import anonymize_core, export_core
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role

# The apps whose declarations live on this side of the layers; the registry test below covers
# the whole project.
BASE_APPS = ("core", "privacy", "territories", "portrait", "network", "governance", "site")
PSEUDONYM = "Personne anonymisée 7"


def _models_of(*labels: str) -> list[type[models.Model]]:
    return [
        model
        for label in labels
        for model in apps.get_app_config(label).get_models()
        if model.__module__.startswith("maillage.")
    ]


def test_the_base_apps_declare_every_field_that_looks_personal():
    assert personal.undeclared(_models_of(*BASE_APPS)) == []


def test_every_field_of_the_project_that_looks_personal_is_declared_or_exempt():
    assert personal.undeclared() == []


@pytest.fixture
def registry(monkeypatch):
    """The registry's declarations, restored after the test."""
    registry = personal.load()
    monkeypatch.setattr(registry, "personal", dict(registry.personal))
    monkeypatch.setattr(registry, "exempt", dict(registry.exempt))
    return registry


@isolate_apps("maillage.core")
def test_a_new_personal_field_fails_until_it_is_declared_or_exempt(registry):
    class Volunteer(models.Model):
        phone = models.CharField(max_length=40)
        organization_name = models.CharField(max_length=200)
        remarks = models.TextField()
        hours = models.PositiveIntegerField()

        class Meta:
            app_label = "core"
            managed = False

        def __str__(self) -> str:
            return self.phone

    assert personal.undeclared([Volunteer]) == [
        "core.Volunteer.organization_name",
        "core.Volunteer.phone",
        "core.Volunteer.remarks",
    ]

    personal.declare(
        "core.Volunteer",
        fields=["phone", "remarks"],
        purpose="To call the volunteers.",
        seen_by="Staff.",
        kept="While they volunteer.",
    )
    assert personal.undeclared([Volunteer]) == ["core.Volunteer.organization_name"]

    personal.exempt("core.Volunteer", fields=["organization_name"], reason="An organization.")
    assert personal.undeclared([Volunteer]) == []


def test_every_declaration_names_a_field_of_the_project_that_exists():
    registry = personal.load()
    stale = []
    for key, declared in [*registry.personal.items(), *registry.exempt.items()]:
        field_name = key.rsplit(".", 1)[1]
        try:
            model = apps.get_model(declared.model)
            model_field = model._meta.get_field(field_name)
        except (LookupError, FieldDoesNotExist):
            stale.append(key)
            continue
        if not model_field.concrete or not model.__module__.startswith("maillage."):
            stale.append(key)
    assert stale == []


def test_every_declaration_says_why_in_words():
    registry = personal.load()
    for declared in registry.personal.values():
        assert str(declared.purpose) and str(declared.seen_by) and str(declared.kept), declared
    for declared in registry.exempt.values():
        assert str(declared.reason), declared


@pytest.mark.django_db
def test_my_data_gives_each_section_a_stable_key_of_its_app_lower_layers_first():
    sections = personal.export(user_with_role(Role.MEMBER))
    keys = [section.key for section in sections]
    assert len(keys) == len(set(keys))
    labels = [config.label for config in apps.get_app_configs()]
    assert all(key.partition(".")[0] in labels for key in keys), keys
    layers = [labels.index(key.partition(".")[0]) for key in keys]
    assert layers == sorted(layers)
    assert keys[0] == "core.account"
    # Plain values only: what the download writes as they are.
    plain = (str, int, float, bool, datetime.date, type(None))
    for section in sections:
        for row in section.rows:
            assert all(isinstance(value, plain) for value in row.values.values()), section.key
            assert all(type(label) is str for label in row.values), section.key


# Core's own records


def _invitation(email: str, **fields) -> PlatformInvitation:
    return PlatformInvitation.objects.create(
        email=email,
        role=Role.MEMBER,
        token_hash=secrets.token_hex(32),
        expires_at=timezone.now() + datetime.timedelta(days=14),
        **fields,
    )


@pytest.fixture
def rose(db):
    """Rose's account (two addresses), her preferences, a notification, an import and two
    invitations; Paul has his own."""
    account = user_with_role(
        Role.MEMBER, email="rose@example.org", first_name="Rose", last_name="Tremblay"
    )
    EmailAddress.objects.create(user=account, email="Rose.Perso@example.org", verified=True)
    NotificationPreference.objects.create(
        user=account, email_delivery=EmailDelivery.DIGEST, language="en"
    )
    Notification.objects.create(recipient=account, subject="Bienvenue", body="Bonjour Rose")
    ImportJob.objects.create(
        kind="network.people", uploaded_by=account, file_name="membres-rose.csv", text="a,b"
    )
    _invitation("rose@example.org", accepted_at=timezone.now(), subject_repr="Rose Tremblay")
    _invitation("rose.perso@example.org")
    paul = user_with_role(Role.MEMBER, email="paul@example.org", first_name="Paul")
    Notification.objects.create(recipient=paul, subject="Bienvenue Paul")
    ImportJob.objects.create(kind="network.people", uploaded_by=paul, file_name="paul.csv")
    _invitation("paul@example.org")
    return account


def _rows(sections, key):
    return [row.values for row in next(s for s in sections if s.key == key).rows]


def test_without_a_choice_my_data_names_the_language_the_emails_are_written_in(db):
    sections = export_core(user_with_role(Role.CITIZEN, email="sans.choix@example.org"))
    [row] = _rows(sections, "core.notification_preferences")
    assert (row["Courriels de notification"], row["Langue des courriels"]) == (
        "Au fur et à mesure",
        "Français",
    )


def test_my_data_shows_the_account_and_what_core_holds_about_it_only(rose):
    sections = export_core(rose)

    account = _rows(sections, "core.account")[0]
    assert (account["Adresse courriel"], account["Prénom"], account["Nom"]) == (
        "rose@example.org",
        "Rose",
        "Tremblay",
    )
    assert _rows(sections, "core.notification_preferences")[0]["Langue des courriels"] == (
        "English"
    )
    assert [row["Objet"] for row in _rows(sections, "core.notifications")] == ["Bienvenue"]
    assert sorted(
        row["Adresse courriel"] for row in _rows(sections, "core.platform_invitations")
    ) == [
        "rose.perso@example.org",
        "rose@example.org",
    ]
    assert [row["Fichier"] for row in _rows(sections, "core.imports")] == ["membres-rose.csv"]
    preferences = next(s for s in sections if s.key == "core.notification_preferences")
    assert preferences.rows[0].correct_url == reverse("core:notification_preferences")


def test_my_data_reads_in_queries_that_do_not_grow_with_the_records(rose, query_budget):
    def add(count: int) -> None:
        for index in range(count):
            Notification.objects.create(recipient=rose, subject=f"Avis {index}")
            ImportJob.objects.create(kind="k", uploaded_by=rose, file_name=f"f{index}.csv")
            _invitation("rose@example.org")

    few = query_budget(8)(lambda: export_core(rose))
    add(5)
    assert query_budget(8)(lambda: export_core(rose)) == few


def test_anonymization_removes_the_addresses_files_and_messages_of_the_account_only(rose):
    AuditEvent.objects.create(
        verb="account.role_changed",
        target_type_id=_user_type(),
        target_id=str(rose.pk),
        target_repr="Rose Tremblay",
        payload={"email": "rose@example.org"},
    )

    anonymize_core(account=rose, pseudonym=PSEUDONYM, actor=SYSTEM, remove_texts=True)

    assert not PlatformInvitation.objects.filter(email__startswith="rose").exists()
    pending = PlatformInvitation.objects.filter(email="", accepted_at__isnull=True).get()
    assert pending.revoked_at is not None
    assert PlatformInvitation.objects.filter(email="", accepted_at__isnull=False).count() == 1
    job = ImportJob.objects.get(uploaded_by=rose)
    assert (job.file_name, job.text) == (f"import-{job.pk}", "")
    assert not Notification.objects.filter(recipient=rose).exists()
    event = AuditEvent.objects.get(verb="account.role_changed")
    assert (event.target_repr, event.payload) == (PSEUDONYM, {"email": PSEUDONYM})
    # Paul's records stay as they were.
    assert PlatformInvitation.objects.filter(email="paul@example.org", revoked_at=None).exists()
    assert ImportJob.objects.filter(file_name="paul.csv").exists()
    assert Notification.objects.filter(subject="Bienvenue Paul").exists()


def _user_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(app_label="core", model="user").pk


@pytest.mark.django_db
def test_the_history_renames_a_person_only_where_asked():
    kept = AuditEvent.objects.create(verb="x", target_repr="Rose Tremblay")
    event = AuditEvent.objects.create(
        verb="x",
        target_repr="Rose Tremblay — Centre Horizon",
        payload={
            "holder": "Rose Tremblay",
            "substitutes": ["Paul", "Rose Tremblay"],
            "n": 3,
            "first_name": ["Rose", "Rosalie"],
            "title": "Rosette",
        },
    )

    renamed = personal.rename_in_history(
        AuditEvent.objects.filter(pk=event.pk), ["Rose Tremblay"], "P", exact=["Rose"]
    )

    event.refresh_from_db()
    assert renamed == 1
    assert event.target_repr == "P — Centre Horizon"
    assert event.payload == {
        "holder": "P",
        "substitutes": ["Paul", "P"],
        "n": 3,
        "first_name": ["P", "Rosalie"],
        "title": "Rosette",
    }
    kept.refresh_from_db()
    assert kept.target_repr == "Rose Tremblay"


def test_held_asks_for_every_kind_in_one_query_and_reads_only_the_kinds_held(
    db, django_assert_num_queries
):
    anne = user_with_role(Role.MEMBER, email="anne@example.org")
    Notification.objects.create(recipient=anne, subject="Avis")
    with django_assert_num_queries(1):
        held = personal.Held(
            anne,
            notifications=Notification.objects.filter(recipient=anne),
            imports=ImportJob.objects.filter(uploaded_by=anne),
        )
    assert "notifications" in held and "imports" not in held
    with django_assert_num_queries(0):
        assert list(held["imports"]) == []
    with django_assert_num_queries(1):
        assert [n.subject for n in held["notifications"]] == ["Avis"]


def test_what_apps_share_is_read_once_per_export_and_each_time_outside(rose, monkeypatch):
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    def twice(account):
        personal.shared("test.thing", account, read)
        personal.shared("test.thing", account, read)
        return []

    monkeypatch.setattr(personal, "_by_layer", lambda registered: [twice])
    personal.export(rose)
    assert len(reads) == 1
    personal.export(rose)
    assert len(reads) == 2  # a new export reads again
    twice(rose)
    assert len(reads) == 4  # outside an export, each call reads


@pytest.mark.django_db
def test_the_contents_tell_the_kinds_held_without_reading_their_records():
    """`contents` asks each app's probe only; `section_of` reads one kind; `export` all."""
    from maillage.core.models import User

    account = user_with_role(Role.MEMBER)
    read: list[str] = []

    def exporter(person):
        held = personal.Held(
            person,
            mine=User.objects.filter(pk=person.pk),
            none=User.objects.filter(pk=-1),
        )

        def rows(kind: str):
            read.append(kind)
            return [personal.Row({"Courriel": user.email}) for user in held[kind]]

        return [
            personal.Section(
                "test.mine", "Les miens", "Essai", held.lazy(lambda: rows("mine"), "mine")
            ),
            personal.Section(
                "test.none", "Aucun", "Essai", held.lazy(lambda: rows("none"), "none")
            ),
        ]

    asked: list[str] = []

    def other(person):
        asked.append("other")
        return []

    personal.register_export("test", exporter)
    personal.register_export("other", other)
    try:
        sections = {section.key: section for section in personal.contents(account)}
        assert bool(sections["test.mine"].rows) and not sections["test.none"].rows
        assert read == []
        one = personal.section_of(account, "test.mine")
        assert one is not None and [row.values for row in one.rows] == [{"Courriel": account.email}]
        assert read == ["mine"]
        # A kind's page asks its own app only.
        assert asked == ["other"]
        assert personal.section_of(account, "test.unknown") is None
        assert asked == ["other"]
        read.clear()
        everything = {section.key: section for section in personal.export(account)}
        # A kind its probe found nothing of is never read; every other one is, in full.
        assert read == ["mine"]
        assert isinstance(everything["test.mine"].rows, list)
        assert everything["test.none"].rows == []
    finally:
        personal.REGISTRY.exporters.pop("test", None)
        personal.REGISTRY.exporters.pop("other", None)
