import pytest
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from maillage.core import audit
from maillage.core.tests.factories import UserFactory
from maillage.core.versions import StaleVersion, lock, touch, version_of
from maillage.network.models import Person
from maillage.network.tests.factories import PersonFactory


class SampleVerb(audit.Verbs):
    SAVED = "sample.saved", _("saved")


audit.register_verbs(SampleVerb)


def _saved_by_someone_else(person: Person, **values: str):
    """Another request saves the record (and says so in the audit log); returns its author."""
    author = UserFactory(first_name="Lucie", last_name="Tremblay")
    other = Person.objects.get(pk=person.pk)
    for name, value in values.items():
        setattr(other, name, value)
    other.save()
    audit.record(actor=author, verb=SampleVerb.SAVED, target=other)
    return author


@pytest.mark.django_db
def test_the_version_read_passes_and_the_row_is_read_again():
    person = PersonFactory.create(phone="418 555-0100")
    opened = version_of(person)
    Person.objects.filter(pk=person.pk).update(phone="418 555-0111")  # no new version
    with transaction.atomic():
        assert lock(person, version=opened) is person
    assert person.phone == "418 555-0111"


@pytest.mark.django_db
def test_a_stale_version_is_refused_with_what_is_saved_now_and_who_saved_it():
    person = PersonFactory.create(first_name="Jeanne")
    opened = version_of(person)
    author = _saved_by_someone_else(person, first_name="Jeannette")
    with pytest.raises(StaleVersion) as refused, transaction.atomic():
        lock(person, version=opened)
    stale = refused.value
    assert stale.instance.first_name == "Jeannette"
    assert stale.changed_by == author
    assert stale.changed_at == Person.objects.get(pk=person.pk).updated_at
    assert version_of(stale.instance) != opened


@pytest.mark.django_db
def test_a_version_that_is_no_date_is_stale_and_none_is_not_checked():
    person = PersonFactory.create()
    _saved_by_someone_else(person, phone="418 555-0122")
    with pytest.raises(StaleVersion), transaction.atomic():
        lock(person, version="pas-une-version")
    with transaction.atomic():
        assert lock(person, version=None).phone == "418 555-0122"
        assert lock(person, version="") is person


@pytest.mark.django_db
def test_who_saved_is_unknown_when_the_log_says_nothing_since():
    person = PersonFactory.create()
    opened = version_of(person)
    Person.objects.get(pk=person.pk).save()
    with pytest.raises(StaleVersion) as refused, transaction.atomic():
        lock(person, version=opened)
    assert refused.value.changed_by is None


@pytest.mark.django_db
def test_touch_makes_a_new_version():
    person = PersonFactory.create()
    opened = version_of(person)
    with transaction.atomic():
        touch(person)
    assert version_of(Person.objects.get(pk=person.pk)) != opened


@pytest.mark.django_db(transaction=True)
def test_lock_needs_the_services_transaction():
    person = PersonFactory.create()
    with pytest.raises(transaction.TransactionManagementError):
        lock(person)
