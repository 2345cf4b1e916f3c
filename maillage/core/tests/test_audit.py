import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core import audit
from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent
from maillage.core.tests.factories import UserFactory
from maillage.core.verbs import CoreVerb
from maillage.territories.models import Boundary, Territory
from maillage.territories.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class SampleVerb(audit.Verbs):
    RENAMED = "sample.renamed", _("renamed")


audit.register_verbs(SampleVerb)


def _snapshot(territory: Territory) -> dict:
    return {"name": territory.name, "population": territory.population}


def test_verbs_are_declared_once_with_their_label():
    assert audit.verb_label(SampleVerb.RENAMED) == "renamed"
    assert audit.verb_label(CoreVerb.USER_ROLE_CHANGED) == "rôle modifié"
    assert audit.verb_label("never.declared") == "never.declared"


def test_an_update_records_what_changed_with_the_account_that_did_it():
    region: Territory = RegionFactory(population=100)
    user = UserFactory()

    def rename(territory: Territory) -> None:
        territory.name = "Capitale"

    changes = audit.audited_update(
        actor=user, instance=region, verb=SampleVerb.RENAMED, snapshot=_snapshot, fill=rename
    )
    assert changes == {"name": ["Capitale-Nationale", "Capitale"]}
    region.refresh_from_db()
    assert region.name == "Capitale"
    event = AuditEvent.objects.get(verb="sample.renamed")
    assert (event.actor, event.target_id, event.payload) == (user, str(region.pk), changes)


def test_an_update_that_changes_nothing_records_nothing_and_the_system_has_no_actor():
    region: Territory = RegionFactory()
    assert (
        audit.audited_update(
            actor=SYSTEM,
            instance=region,
            verb=SampleVerb.RENAMED,
            snapshot=_snapshot,
            fill=lambda t: None,
        )
        == {}
    )
    assert not AuditEvent.objects.exists()
    event = audit.record(actor=SYSTEM, verb=SampleVerb.RENAMED, target=region)
    assert event.actor is None


def test_an_invalid_update_is_refused_before_saving():
    region: Territory = RegionFactory()

    def blank(territory: Territory) -> None:
        territory.name = ""

    with pytest.raises(ValidationError) as refused:
        audit.audited_update(
            actor=SYSTEM, instance=region, verb=SampleVerb.RENAMED, snapshot=_snapshot, fill=blank
        )
    assert "name" in refused.value.message_dict
    region.refresh_from_db()
    assert region.name == "Capitale-Nationale"
    assert not AuditEvent.objects.exists()


def test_a_saved_record_is_validated_and_its_payload_may_name_its_new_key():
    region: Territory = RegionFactory()
    municipality = Territory(
        type="municipality", code="23027", name="Québec", level="local", parent=region, slug="qc"
    )
    saved = audit.audited_save(
        actor=SYSTEM,
        instance=municipality,
        verb=SampleVerb.RENAMED,
        payload=lambda t: {"territory": t.pk},
        target=region,
    )
    assert saved.pk is not None
    event = AuditEvent.objects.get(verb="sample.renamed")
    assert (event.target_id, event.payload) == (str(region.pk), {"territory": saved.pk})
    with pytest.raises(ValidationError):
        audit.audited_save(
            actor=SYSTEM, instance=Territory(name=""), verb=SampleVerb.RENAMED, payload={}
        )
    assert AuditEvent.objects.count() == 1


def test_a_record_moved_along_saves_only_its_values_and_its_auto_now_fields():
    region: Territory = RegionFactory()
    boundary = Boundary.objects.create(
        territory=region, geometry={}, min_lon=0, min_lat=0, max_lon=1, max_lat=1
    )
    Boundary.objects.filter(pk=boundary.pk).update(min_lon=-1)
    first_import = boundary.imported_at
    audit.audited_set(
        actor=SYSTEM,
        instance=boundary,
        verb=SampleVerb.RENAMED,
        values={"source": "ISQ"},
        payload={"source": "ISQ"},
        target=region,
    )
    boundary.refresh_from_db()
    assert (boundary.source, boundary.min_lon) == ("ISQ", -1)
    assert boundary.imported_at > first_import
    event = AuditEvent.objects.get(verb="sample.renamed")
    assert (event.target_id, event.payload) == (str(region.pk), {"source": "ISQ"})
    with pytest.raises(ValidationError):
        audit.audited_set(
            actor=SYSTEM,
            instance=boundary,
            verb=SampleVerb.RENAMED,
            values={"source": "x" * 300},
            validate=True,
        )
    boundary.refresh_from_db()
    assert boundary.source == "ISQ"
    assert AuditEvent.objects.count() == 1


def test_an_event_renders_again_the_histories_of_its_targets_app_only():
    from django.contrib.auth.models import update_last_login

    from maillage.core import cache

    user = UserFactory()
    region = RegionFactory()
    versions = lambda: {  # noqa: E731
        name: cache.version(name)
        for name in (
            audit.HISTORY_CACHE,
            audit.history_namespace("core"),
            audit.history_namespace("territories"),
        )
    }
    before = versions()
    audit.record(actor=user, verb=SampleVerb.RENAMED, target=user)
    after = versions()
    assert after[audit.history_namespace("core")] != before[audit.history_namespace("core")]
    assert (
        after[audit.history_namespace("territories")]
        == before[audit.history_namespace("territories")]
    )
    assert after[audit.HISTORY_CACHE] == before[audit.HISTORY_CACHE]
    audit.record(actor=user, verb=SampleVerb.RENAMED, target=region)
    assert (
        versions()[audit.history_namespace("territories")]
        != after[audit.history_namespace("territories")]
    )
    # Every history shows account names: a new name renders them all again, a login none.
    before = versions()
    update_last_login(None, user)
    assert versions() == before
    user.first_name = "Renommée"
    user.save()
    assert versions()[audit.HISTORY_CACHE] != before[audit.HISTORY_CACHE]
