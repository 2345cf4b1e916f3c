import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from maillage.core import cache
from maillage.core.models import User
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role


class Renders:
    """A render function that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"rendering {self.calls}"


def test_a_fragment_is_rendered_once_per_version_language_visibility_and_filters():
    render = Renders()

    def get(visibility="public", filters=()):
        return cache.fragment("tests.map", visibility=visibility, filters=filters, render=render)

    assert get() == "rendering 1"
    assert get() == "rendering 1"
    assert get(visibility="members") == "rendering 2"
    assert get(filters=["territory=3"]) == "rendering 3"
    with translation.override("en"):
        assert get() == "rendering 4"
    assert get() == "rendering 1"
    cache.bump("tests.map")
    assert get() == "rendering 5"
    assert render.calls == 5


def test_a_bump_leaves_other_namespaces_alone():
    before = cache.version("tests.other")
    cache.bump("tests.map")
    assert cache.version("tests.other") == before
    assert cache.version("tests.map") != before


@pytest.mark.django_db
def test_a_bump_inside_a_transaction_bumps_again_once_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        cache.bump("tests.map")
        inside = cache.version("tests.map")
        cache.bump("tests.map")  # one pending bump per transaction, however many writes
        cache.bump("tests.map")
    assert len(callbacks) == 1
    assert cache.version("tests.map") != inside


@pytest.mark.django_db
def test_bump_on_change_follows_saves_deletes_and_many_to_many_changes():
    cache.bump_on_change("tests.users", User)
    try:
        user = user_with_role(Role.MEMBER)
        seen = cache.version("tests.users")
        user.first_name = "Renommée"
        user.save()
        assert cache.version("tests.users") != seen
        seen = cache.version("tests.users")
        user.groups.add(Group.objects.create(name="Éditeurs"))
        assert cache.version("tests.users") != seen
        seen = cache.version("tests.users")
        user.delete()
        assert cache.version("tests.users") != seen
    finally:
        uid = f"maillage.cache:tests.users:{User._meta.label}"
        post_save.disconnect(sender=User, dispatch_uid=uid)
        post_delete.disconnect(sender=User, dispatch_uid=uid)
        through = User.groups.through
        m2m_changed.disconnect(
            sender=through, dispatch_uid=f"maillage.cache:tests.users:{through._meta.label}"
        )
    seen = cache.version("tests.users")
    user_with_role(Role.MEMBER).save()
    assert cache.version("tests.users") == seen


def test_a_write_without_signals_bumps_every_namespace_watching_its_model():
    """`QuerySet.update` and `bulk_update` send no signal: the service names the model."""
    names = ("tests.groups-a", "tests.groups-b")
    for name in names:
        cache.bump_on_change(name, Group)
    try:
        before = {name: cache.version(name) for name in (*names, "tests.other")}
        cache.changed(Group)
        assert all(cache.version(name) != before[name] for name in names)
        assert cache.version("tests.other") == before["tests.other"]
    finally:
        for name in names:
            uid = f"maillage.cache:{name}:{Group._meta.label}"
            post_save.disconnect(sender=Group, dispatch_uid=uid)
            post_delete.disconnect(sender=Group, dispatch_uid=uid)
            through = Group.permissions.through
            m2m_changed.disconnect(
                sender=through, dispatch_uid=f"maillage.cache:{name}:{through._meta.label}"
            )


def test_a_migration_makes_every_watched_namespace_read_again():
    """Data migrations write without signals: after `migrate`, nothing kept before is shown."""
    from django.db.models.signals import post_migrate

    from maillage.core.models import AuditEvent

    cache.bump_on_change("tests.migrated", AuditEvent)
    before = cache.version("tests.migrated")
    cache.bump_all(sender=None)
    assert cache.version("tests.migrated") != before
    assert any(entry[0][0] == "core.cache.bump_all" for entry in post_migrate.receivers)


def test_a_deferred_context_is_built_once_when_read_and_never_when_not():
    builds = []

    def build():
        builds.append(1)
        return {"page": [1, 2], "form": None}

    unread = cache.deferred(build, "page", "form")
    assert builds == []
    assert set(unread) == {"page", "form"}

    read = cache.deferred(build, "page", "form")
    assert list(read["page"]) == [1, 2]
    assert not read["form"]  # a value of None stays false in a template's {% if %}
    assert builds == [1]


def test_a_page_read_ahead_reads_its_kept_parts_in_one_round_trip_and_sees_each_bump(
    monkeypatch,
):
    from django.core.cache import cache as django_cache

    backend = type(django_cache._connections[django_cache._alias])
    trips: list[str] = []
    depth = [0]  # the in-memory cache's get_many calls its get: one trip
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            if not depth[0]:
                trips.append(_name)
            depth[0] += 1
            try:
                return _original(self, *args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, counted)
    renders = {name: Renders() for name in ("a", "b", "c")}

    def visit() -> list[str]:
        trips.clear()
        with cache.read_ahead("tests-page:1"):
            return [
                cache.fragment(f"tests.{name}", visibility="v", render=renders[name])
                for name in ("a", "b", "c")
            ]

    assert visit() == ["rendering 1"] * 3
    assert visit() == ["rendering 1"] * 3
    assert len(trips) == 2  # the list of what it read, then all of it at once
    cache.bump("tests.b")
    assert visit() == ["rendering 1", "rendering 2", "rendering 1"]
    # Outside the block, each fragment is read on its own, and the same.
    trips.clear()
    assert cache.fragment("tests.b", visibility="v", render=renders["b"]) == "rendering 2"
    assert trips == ["get_many"]
