"""The search's first results of each kind, kept per query and per what the viewer may see
(`site.selectors.search_previews`): each change of a row they may show shows at once, and two
viewers who see different things never share them."""

from collections.abc import Callable

import pytest
from django.test import Client

from maillage.core.roles import ANONYMOUS, Role
from maillage.decisions.models import Visibility
from maillage.decisions.tests.factories import member_of, recorded
from maillage.governance.tests.factories import (
    CircleFactory,
    PolicyFactory,
    WorkstreamFactory,
)
from maillage.network.tests.factories import FunctionFactory, OrganizationFactory, PersonFactory
from maillage.site.tests import factories
from maillage.site.tests.test_search import results

pytestmark = pytest.mark.django_db


def found(client: Client, query: str = "habitation") -> str:
    return client.get("/recherche/", {"q": query}).text


def rename(factory: Callable[..., object], field: str) -> Callable[[], str]:
    """A change: a row found under its old name gets a new one; what the search must show."""

    def change() -> str:
        row = factory(**{field: "Habitation ancienne"})
        setattr(row, field, "Habitation nouvelle")
        row.save()  # type: ignore[attr-defined]
        return "Habitation nouvelle"

    return change


def new_decision() -> str:
    recorded(CircleFactory(), "Habitation décidée", visibility=Visibility.PUBLIC)
    return "Habitation décidée"


def new_function() -> str:
    person = PersonFactory(first_name="Habitation", last_name="Gagnon")
    FunctionFactory(person=person, title="Trésorière habitation")
    return "Trésorière habitation"


def new_page() -> str:
    factories.standard_page(title="Habitation publiée", intro="Se loger.")
    return "Habitation publiée"


CHANGES = {
    "circle": rename(CircleFactory, "name"),
    "workstream": rename(WorkstreamFactory, "name"),
    "policy": rename(PolicyFactory, "title"),
    "decision": new_decision,
    "organization": rename(OrganizationFactory, "name"),
    "person": rename(PersonFactory, "last_name"),
    "function": new_function,
    "page": new_page,
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_each_change_of_what_a_search_shows_shows_at_once(staff_client, change):
    CircleFactory(name="Habitation")
    before = found(staff_client)  # kept
    assert results(found(staff_client)) == results(before)
    shown = CHANGES[change]()
    after = found(staff_client)
    assert shown in after and shown not in before


def test_a_row_deleted_leaves_the_kept_results_at_once(client):
    circle = CircleFactory(name="Habitation")
    assert results(found(client)) == ["Habitation"]
    circle.delete()
    assert results(found(client)) == []


def test_viewers_who_see_different_results_never_share_them(client_as):
    circle = CircleFactory(name="Cercle")
    PolicyFactory(title="Habitation interne")
    PersonFactory(first_name="Habitation", last_name="Tremblay")
    recorded(circle, "Habitation réservée", visibility=Visibility.INTERNAL)
    member = Client()
    member.force_login(member_of(circle))
    outsider = Client()
    outsider.force_login(member_of(CircleFactory()))
    # The most restricted viewer first: what they keep must not be shown to the others.
    assert results(found(client_as(ANONYMOUS))) == []
    assert results(found(outsider)) == ["Habitation interne", "Habitation Tremblay"]
    assert "Habitation réservée" in results(found(member))
    assert "Habitation réservée" in results(found(client_as(Role.STAFF)))
    assert results(found(client_as(ANONYMOUS))) == []
    assert "Habitation réservée" not in results(found(outsider))


def test_a_kept_search_reads_nothing_for_a_visitor(client, query_budget):
    CircleFactory(name="Habitation")
    PersonFactory(first_name="Habitation", last_name="Tremblay")
    meter = query_budget(20)
    built = meter.get(client, "/recherche/?q=habitation")
    kept = meter.get(client, "/recherche/?q=habitation", kept=True)
    assert built >= 5 and kept == 0


def test_a_page_indexed_after_its_save_shows_once_indexed(client):
    """Pages are indexed by a background task, after their save: the task's end counts."""
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import Page

    page = factories.standard_page(title="Coulisses", intro="Se loger.")
    assert results(found(client)) == []
    Page.objects.filter(pk=page.pk).update(title="Habitation en coulisses")  # not indexed yet
    assert results(found(client)) == []
    insert_or_update_object_task.enqueue("site", "standardpage", str(page.pk))
    assert results(found(client)) == ["Habitation en coulisses"]


def kind_found(client: Client, kind: str, page: str = "1") -> str:
    return client.get("/recherche/", {"q": "habitation", "type": kind, "page": page}).text


@pytest.mark.parametrize("change", ["circle", "policy", "person"])
def test_a_page_of_one_kind_is_kept_and_shows_each_change_at_once(staff_client, change):
    kind = {"circle": "circles", "policy": "policies", "person": "people"}[change]
    CircleFactory(name="Habitation")
    before = kind_found(staff_client, kind)  # kept
    assert results(kind_found(staff_client, kind)) == results(before)
    shown = CHANGES[change]()
    after = kind_found(staff_client, kind)
    assert shown in after and shown not in before


def test_a_kept_page_of_one_kind_reads_nothing_for_a_visitor_and_is_not_shared(
    client, client_as, query_budget
):
    for n in range(3):
        CircleFactory(name=f"Habitation {n}")
    PolicyFactory(title="Habitation interne")
    meter = query_budget(20)
    url = "/recherche/?q=habitation&type=circles&page=1"
    built = meter.get(client, url)
    kept = meter.get(client, url, kept=True)
    assert built >= 2 and kept == 0
    # A visitor finds no policy (the overview instead); the staff's kept page is theirs alone.
    assert "Habitation interne" not in results(kind_found(client, "policies"))
    assert results(kind_found(client_as(Role.STAFF), "policies")) == ["Habitation interne"]
    assert "Habitation interne" not in results(kind_found(client, "policies"))


@pytest.mark.parametrize("page", ["2", "abc", "0", "9" * 5000])
def test_a_page_of_one_kind_reads_any_page_number_as_the_paginator_does(client, page):
    for n in range(25):
        CircleFactory(name=f"Habitation {n:02}")
    response = client.get("/recherche/", {"q": "habitation", "type": "circles", "page": page})
    assert response.status_code == 200
    shown = results(response.text)
    assert shown and set(shown) <= {f"Habitation {n:02}" for n in range(25)}
