"""The register's search and filters, its form's refusals at the fields, and the decisions in
the platform's search, each as the viewer may read them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions import selectors
from maillage.decisions.models import Visibility
from maillage.decisions.selectors import RegisterFilters
from maillage.decisions.tests.factories import (
    CircleFactory,
    WorkstreamFactory,
    member_of,
    recorded,
    recorded_in_bulk,
)
from maillage.governance.tests.factories import strategy
from maillage.network.tests.factories import mrc, municipality, region
from maillage.site import selectors as site_selectors

pytestmark = pytest.mark.django_db

PUBLIC = Visibility.PUBLIC


def titles(viewer=None, **filters) -> list[str]:
    page = selectors.register(
        viewer=viewer or user_with_role(Role.STAFF), filters=RegisterFilters(**filters)
    )
    return [decision.title for decision in page.object_list]


def test_search_ignores_accents_and_plurals_in_title_text_and_rationale():
    circle = CircleFactory()
    recorded(circle, "Politique d'accueil", text="Les nouveaux bénévoles sont accueillis.")
    recorded(circle, "Budget", text="Adopté.", rationale="Des frais régionaux à couvrir.")
    recorded(circle, "Calendrier", text="Les rencontres du printemps.")
    assert titles(q="benevole") == ["Politique d'accueil"]
    assert titles(q="BÉNÉVOLES accueil") == ["Politique d'accueil"]
    assert titles(q="régional frais") == ["Budget"]
    assert titles(q="rencontre") == ["Calendrier"]
    assert titles(q="rencontre budget") == []


def test_filters_by_circle_workstream_kind_and_dates():
    circle, other = CircleFactory(), CircleFactory()
    workstream = WorkstreamFactory()
    now = timezone.now()
    recorded(circle, "Ancienne", decided_at=now - dt.timedelta(days=40))
    recorded(circle, "Récente", decided_at=now)
    recorded(other, "Ailleurs")
    recorded(workstream, "Du chantier")
    assert titles(circle=circle) == ["Récente", "Ancienne"]
    assert titles(workstream=workstream) == ["Du chantier"]
    assert titles(kind="consent", circle=other) == ["Ailleurs"]
    assert titles(kind="unknown") == []
    today = timezone.localdate()
    assert titles(circle=circle, decided_from=today - dt.timedelta(days=5)) == ["Récente"]
    assert titles(circle=circle, decided_to=today - dt.timedelta(days=5)) == ["Ancienne"]
    # Both days are included.
    forty = timezone.localdate(now - dt.timedelta(days=40))
    assert titles(circle=circle, decided_from=forty, decided_to=forty) == ["Ancienne"]


def test_a_territory_finds_the_decisions_of_groups_in_it_and_under_it():
    charlevoix = mrc()
    malbaie = municipality(parent=charlevoix)
    elsewhere = mrc(code="2420", name="Portneuf")
    in_town = CircleFactory()
    in_town.territories.set([malbaie])
    in_mrc = WorkstreamFactory()
    in_mrc.territories.set([charlevoix, malbaie])  # tagged twice: its decision once
    away = CircleFactory()
    away.territories.set([elsewhere])
    recorded(in_town, "À La Malbaie")
    recorded(in_mrc, "Dans Charlevoix")
    recorded(away, "À Portneuf")
    assert sorted(titles(territory=charlevoix)) == ["Dans Charlevoix", "À La Malbaie"]
    assert sorted(titles(territory=region())) == ["Dans Charlevoix", "À La Malbaie", "À Portneuf"]
    assert sorted(titles(territory=malbaie)) == ["Dans Charlevoix", "À La Malbaie"]
    assert titles(territory=elsewhere) == ["À Portneuf"]


def test_a_strategy_finds_the_decisions_of_the_groups_tagged_with_it():
    tagged, untagged = CircleFactory(), CircleFactory()
    tagged.strategies.set([strategy("action-communautaire")])
    recorded(tagged, "Communautaire")
    recorded(untagged, "Autre")
    assert titles(strategy=strategy("action-communautaire")) == ["Communautaire"]


def test_an_anonymous_visitor_filters_public_decisions_only():
    circle = CircleFactory()
    recorded(circle, "Logement public", visibility=PUBLIC)
    recorded(circle, "Logement interne")
    assert titles(AnonymousUser(), q="logement") == ["Logement public"]
    page = Client().get(reverse("decisions:register"), {"q": "logements"}).content.decode()
    assert "Logement public" in page and "Logement interne" not in page


def test_the_form_keeps_its_values_and_says_what_it_cannot_read_at_the_field():
    circle = CircleFactory(name="Habitation", slug="habitation")
    recorded(circle, "Toits", visibility=PUBLIC)
    response = Client().get(
        reverse("decisions:register"),
        {"q": "toit", "circle": "inconnu", "decided_from": "2026-02-31", "territory": "nulle-part"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"circle", "decided_from", "territory"}
    text = response.content.decode()
    assert 'value="toit"' in text and 'value="2026-02-31"' in text
    assert '<label for="id_q">' in text and '<label for="id_decided_from">' in text
    # The readable filters still apply.
    assert "Toits" in text
    # A period that ends before it starts, at its end.
    response = Client().get(
        reverse("decisions:register"), {"decided_from": "2026-05-02", "decided_to": "2026-05-01"}
    )
    assert list(response.context["form"].errors) == ["decided_to"]
    response = Client().get(reverse("decisions:register"), {"decided_to": "9999-12-31"})
    assert response.status_code == 200 and response.context["form"].errors["decided_to"]


def test_the_pagination_keeps_the_filters():
    circle = CircleFactory(slug="habitation")
    recorded_in_bulk(circle, 30, visibility=PUBLIC)
    recorded(CircleFactory(), "Ailleurs", visibility=PUBLIC)
    response = Client().get(reverse("decisions:register"), {"circle": "habitation", "q": "texte"})
    assert response.context["page"].paginator.count == 30
    assert "?circle=habitation&amp;q=texte&amp;page=2" in response.content.decode()


def test_the_platform_search_finds_only_the_decisions_the_viewer_may_read():
    circle = CircleFactory()
    member = member_of(circle)
    recorded(circle, "Transport collectif public", visibility=PUBLIC)
    recorded(circle, "Transport collectif interne")
    recorded(CircleFactory(), "Transport collectif d'un autre cercle")

    def found(viewer) -> list[str]:
        groups = site_selectors.search(viewer=viewer, query="transports")
        decisions = next(group for group in groups if group.kind == "decisions")
        return sorted(hit.title for hit in decisions.page(1, 10))

    assert found(AnonymousUser()) == ["Transport collectif public"]
    assert found(user_with_role(Role.MEMBER)) == ["Transport collectif public"]
    assert found(member) == ["Transport collectif interne", "Transport collectif public"]
    assert len(found(user_with_role(Role.STAFF))) == 3
    preview = selectors.search(viewer=AnonymousUser(), query="transport")[0].preview(5)
    public = circle.decisions.get(visibility=PUBLIC)
    assert preview.total == 1
    assert preview.hits[0].url == reverse("decisions:decision_detail", args=[public.pk])
    page = Client().get(reverse("site:search"), {"q": "transport"}).content.decode()
    assert "Transport collectif public" in page and "interne" not in page


# -- PostgreSQL ----------------------------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's French stemming and GIN index"
)


@postgres_only
def test_postgresql_stems_french_words():
    circle = CircleFactory()
    recorded(circle, "Mobilisation citoyenne", text="Les partenaires se mobilisent.")
    recorded(circle, "Autre", text="Rien à voir.")
    # "mobiliser" and "mobilisation" share their stem: SQLite would compare words as typed.
    assert titles(q="mobiliser") == ["Mobilisation citoyenne"]
    assert titles(q="citoyens") == ["Mobilisation citoyenne"]


@postgres_only
def test_postgresql_reads_the_register_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    decisions = selectors.filtered_decisions(
        user_with_role(Role.STAFF), RegisterFilters(q="habitations")
    )
    assert "decisions_decision_search_document" in decisions.explain()


def test_the_register_and_a_decision_keep_their_query_count_from_10_to_500(query_budget):
    meter = query_budget(16)
    circle = CircleFactory(slug="habitation")
    circle.territories.set([mrc()])
    member = member_of(circle)
    clients = [Client(), Client()]
    clients[1].force_login(member)
    recorded_in_bulk(circle, 5, visibility=PUBLIC)
    recorded_in_bulk(circle, 5)
    decision = recorded(circle, "Celle qu'on lit", visibility=PUBLIC)
    register = reverse("decisions:register")
    territory = mrc().slug
    filtered = f"{register}?q=texte&circle=habitation&territory={territory}&decided_from=2020-01-01"
    detail = reverse("decisions:decision_detail", args=[decision.pk])
    pages = [register, filtered, detail]
    small = [meter.get(client, page) for client in clients for page in pages]
    recorded_in_bulk(circle, 250, visibility=PUBLIC)
    recorded_in_bulk(CircleFactory(), 240)
    assert [meter.get(client, page) for client in clients for page in pages] == small
