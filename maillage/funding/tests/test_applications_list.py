"""The staff's applications table: filters, sort, a fixed number of queries at 10 and at 1,000
applications, and the batch actions (move to a state, export the selection)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.funding.models import Application, Assignment
from maillage.funding.tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    call_with_grid,
    envelope,
    mrc,
    user_with_person,
)
from maillage.funding.views.applications import BATCH_ACTIONS
from maillage.governance.models import Strategy

pytestmark = pytest.mark.django_db


def _staff() -> User:
    return user_with_person(Role.STAFF)


def _many(count: int, **values) -> list[Application]:
    """`count` submitted applications to one call, each serving a territory, written in bulk."""
    call = call_with_grid()
    organization = OrganizationFactory()
    territory = mrc()
    rows = Application.objects.bulk_create(
        Application(
            call=call,
            organization=organization,
            reference=f"B-{count}-{n:05d}",
            title=f"Projet {n}",
            amount_requested=Decimal(1000 + n),
            state="submitted",
            **values,
        )
        for n in range(count)
    )
    Application.territories.through.objects.bulk_create(
        Application.territories.through(application_id=a.pk, territory_id=territory.pk)
        for a in rows
    )
    return rows


def test_the_table_keeps_its_query_count_at_10_and_at_1000_applications(client, query_budget):
    client.force_login(_staff())
    meter = query_budget(15)
    url = reverse("funding:application_list")
    filtered = f"{url}?state=submitted&amount_min=1000&order=-amount"

    _many(10)
    small, small_filtered = meter.get(client, url), meter.get(client, filtered)
    _many(990)
    large, large_filtered = meter.get(client, url), meter.get(client, filtered)

    assert small == large
    assert small_filtered == large_filtered
    response = client.get(url)
    assert len(response.context["page"].object_list) == 60
    assert response.context["page"].paginator.count == 1000


def test_filters_narrow_the_table_and_sort_it(client):
    client.force_login(_staff())
    reviewer = user_with_person(Role.MEMBER)
    local = envelope(key="local")
    call = call_with_grid([local])
    cheap = ApplicationFactory(call=call, title="Petit projet", amount_requested=Decimal("5000"))
    dear = ApplicationFactory(call=call, title="Grand projet", amount_requested=Decimal("40000"))
    other = ApplicationFactory(title="Autre appel", amount_requested=Decimal("20000"))
    dear.strategies.add(Strategy.objects.order_by("pk")[0])
    Assignment.objects.create(application=cheap, reviewer=reviewer)
    url = reverse("funding:application_list")

    def titles(query: str) -> list[str]:
        page = client.get(f"{url}?{query}").context["page"]
        return [a.title for a in page.object_list]

    assert set(titles(f"call={call.pk}")) == {"Petit projet", "Grand projet"}
    assert titles("amount_min=10000&amount_max=30000") == ["Autre appel"]
    assert titles(f"reviewer={reviewer.pk}") == ["Petit projet"]
    assert titles(f"strategy={dear.strategies.get().pk}") == ["Grand projet"]
    assert set(titles(f"stream={local.stream_id}")) == {"Petit projet", "Grand projet"}
    assert titles(f"call={call.pk}&order=amount") == ["Petit projet", "Grand projet"]
    assert titles(f"call={call.pk}&order=-amount") == ["Grand projet", "Petit projet"]
    assert other.title in titles("amount_min=abc")  # an unreadable filter filters nothing


def test_a_batch_moves_the_ticked_applications_and_says_which_were_refused(client):
    client.force_login(_staff())
    submitted = ApplicationFactory(state="submitted")
    also = ApplicationFactory(state="submitted")
    draft = ApplicationFactory(state="draft")
    untouched = ApplicationFactory(state="submitted")

    response = client.post(
        reverse("funding:application_batch"),
        {"action": "move", "step": "screen", "selected": [submitted.pk, also.pk, draft.pk]},
        follow=True,
    )

    states = dict(Application.objects.values_list("pk", "state"))
    assert states[submitted.pk] == states[also.pk] == "screening"
    assert states[draft.pk] == "draft"
    assert states[untouched.pk] == "submitted"
    assert draft.reference in response.text


def test_the_export_of_the_selection_opens_with_openpyxl(client):
    client.force_login(_staff())
    territory = mrc()
    chosen = ApplicationFactory(title="=SOMME(A1)", amount_requested=Decimal("12345.67"))
    chosen.territories.add(territory)
    ApplicationFactory(title="Non cochée")

    response = client.post(
        reverse("funding:application_batch"), {"action": "export", "selected": [chosen.pk]}
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Référence"
    assert len(rows) == 2
    assert rows[1][0] == chosen.reference
    assert rows[1][1] == "'=SOMME(A1)"  # never run as a formula
    assert rows[1][4] == territory.name
    assert Decimal(str(rows[1][6])) == Decimal("12345.67")


def test_a_batch_without_a_ticked_row_is_refused_with_a_message(client):
    client.force_login(_staff())
    response = client.post(reverse("funding:application_batch"), {"action": "export"}, follow=True)
    assert "Cochez au moins une demande" in response.text


def test_another_subject_adds_a_batch_action_in_a_few_lines(client):
    from django import forms
    from django.http import HttpResponse

    from maillage.funding.views.applications import BatchAction, register_batch_action

    seen: list[list[int]] = []

    def run(request, applications, data):
        seen.append(sorted(a.pk for a in applications))
        return HttpResponse(data["note"])

    register_batch_action(
        BatchAction("note", "Noter", run, lambda: {"note": forms.CharField(required=False)})
    )
    try:
        client.force_login(_staff())
        application = ApplicationFactory()
        page = client.get(reverse("funding:application_list"))
        assert 'value="note"' in page.text
        response = client.post(
            reverse("funding:application_batch"),
            {"action": "note", "note": "bien", "selected": [application.pk]},
        )
        assert response.text == "bien"
        assert seen == [[application.pk]]
    finally:
        BATCH_ACTIONS.pop("note")


def test_the_pdf_of_an_application_is_a_pdf(client):
    client.force_login(_staff())
    application = ApplicationFactory(title="Cuisines collectives")
    response = client.get(reverse("funding:application_pdf", args=[application.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_the_table_is_kept_until_what_it_shows_changes(client, query_budget):
    client.force_login(_staff())
    application = ApplicationFactory(state="submitted", title="Jardins partagés")
    url = reverse("funding:application_list")
    meter = query_budget(15)

    built, kept = meter.get(client, url), meter.get(client, url, kept=True)
    # Kept, the rows and the choices of the filters and batch actions read nothing.
    assert kept <= built - 5

    ApplicationFactory(state="submitted", title="Popote roulante")
    assert "Popote roulante" in client.get(url).text
    application.organization.name = "Entraide de Limoilou"
    application.organization.save()
    assert "Entraide de Limoilou" in client.get(url).text
    application.territories.add(mrc(code="2423", name="Québec"))
    assert "Québec</td>" in client.get(url).text
    reviewer = User.objects.create_user("relecture@example.org", first_name="Rose", last_name="Roy")
    Assignment.objects.create(application=application, reviewer=reviewer)
    assert f'<option value="{reviewer.pk}">Rose Roy</option>' in client.get(url).text


def test_the_kept_table_sends_its_batch_with_the_readers_own_token(client):
    client = Client(enforce_csrf_checks=True)
    client.force_login(_staff())
    submitted = ApplicationFactory(state="submitted")
    url = reverse("funding:application_list")
    client.get(url)  # kept now, for every manager
    html = client.get(url).text
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)" form="funding-batch"', html
    ).group(1)
    assert 'id="funding-batch"' in html
    batch = {"action": "move", "step": "screen", "selected": [submitted.pk]}

    send = reverse("funding:application_batch")
    refused = client.post(send, batch)
    moved = client.post(send, {**batch, "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert moved.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == "screening"
