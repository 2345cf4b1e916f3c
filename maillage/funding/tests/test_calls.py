"""Calls for projects: created as drafts, their form and grid edited until an application is
submitted, published, closed at their closing time (task and command), archived; who may apply;
the public pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from maillage.core.models import AuditEvent
from maillage.funding.models import Call, Criterion, Section
from maillage.funding.services import calls as services
from maillage.funding.tasks import close_due_calls
from maillage.funding.tests.factories import (
    ApplicationFactory,
    CallFactory,
    FundFactory,
    OrganizationFactory,
    applicant_of,
    call_with_grid,
    draft_call,
    envelope,
    mrcs_of_region,
    region,
)
from maillage.funding.verbs import FundingVerb
from maillage.network.tests.factories import municipality, sector

pytestmark = pytest.mark.django_db


def rows(call: Call) -> dict[str, list[str]]:
    return {
        "sections": list(call.sections.values_list("key", flat=True)),
        "criteria": list(call.criteria.values_list("title", flat=True)),
    }


def test_a_call_is_created_as_a_draft_and_amended_with_an_audited_diff(staff):
    fund = FundFactory()
    pot = envelope(fund=fund)
    call = services.call_create(
        actor=staff,
        fund=fund,
        title="Appel 2025",
        opens_on=dt.date(2025, 1, 10),
        closes_at=timezone.now(),
        envelopes=[pot],
    )
    assert (call.state, call.slug, list(call.envelopes.all())) == ("draft", "appel-2025", [pot])
    changes = services.call_update(
        actor=staff, call=call, max_amount=Decimal("40000"), envelopes=[]
    )
    assert changes == {"max_amount": ["None", "40000"], "envelopes": [[pot.pk], []]}
    assert AuditEvent.objects.filter(verb=FundingVerb.CALL_AMENDED.value).count() == 1
    with pytest.raises(ValidationError) as other_fund:
        services.call_update(actor=staff, call=call, envelopes=[envelope(fund=FundFactory())])
    assert "envelopes" in other_fund.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        services.call_update(
            actor=staff, call=call, closes_at=timezone.now() - dt.timedelta(days=3650)
        )
    assert "closes_at" in backwards.value.message_dict


def test_a_call_named_like_the_staffs_list_gets_an_address_of_its_own(client, staff):
    fund = FundFactory()
    calls = [
        services.call_create(
            actor=staff,
            fund=fund,
            title=title,
            opens_on=dt.date(2025, 1, 10),
            closes_at=timezone.now() + dt.timedelta(days=30),
        )
        for title in ("Gestion", "Manage")
    ]
    assert [call.slug for call in calls] == ["gestion-2", "manage-2"]
    client.force_login(staff)
    for call in calls:
        for language in ("fr-ca", "en"):
            with translation.override(language):
                url = reverse("funding:call_detail", args=[call.slug])
            assert call.title in client.get(url).text, url


def test_the_grid_keeps_section_keys_and_is_fixed_once_an_application_is_submitted(staff):
    call = draft_call()
    kept = call.sections.get(key="besoins")
    services.call_grid_set(
        actor=staff,
        call=call,
        sections=[
            services.SectionData(title="Participation", pk=None),
            services.SectionData(title="Besoins reformulés", pk=kept.pk),
        ],
        attachments=[],
        criteria=[services.CriterionData(title="Inclusion", weight=Decimal("100"))],
    )
    assert rows(call) == {"sections": ["participation-2", "besoins"], "criteria": ["Inclusion"]}
    assert Section.objects.get(pk=kept.pk).title == "Besoins reformulés"
    assert not call.required_attachments.exists()
    with pytest.raises(ValidationError) as empty:
        services.call_grid_set(actor=staff, call=call, sections=[], attachments=[], criteria=[])
    assert "criteria" in empty.value.message_dict
    ApplicationFactory(call=call, state="submitted")
    with pytest.raises(ValidationError):
        services.call_grid_set(
            actor=staff,
            call=call,
            sections=[],
            attachments=[],
            criteria=[services.CriterionData(title="Autre", weight=Decimal("1"))],
        )
    assert list(Criterion.objects.filter(call=call).values_list("title", flat=True)) == [
        "Inclusion"
    ]


def test_a_call_lives_draft_published_closed_archived(staff):
    bare = CallFactory(state="draft")
    with pytest.raises(ValidationError):
        services.call_transition(actor=staff, call=bare, step="publish")
    call = draft_call()
    with pytest.raises(PermissionDenied):
        services.call_transition(
            actor=applicant_of(OrganizationFactory()), call=call, step="publish"
        )
    services.call_transition(actor=staff, call=call, step="publish")
    assert call.state == "published" and services.call_accepting(call)
    with pytest.raises(ValidationError):
        services.call_transition(actor=staff, call=call, step="archive")
    services.call_transition(actor=staff, call=call, step="close")
    assert not services.call_accepting(call)
    services.call_transition(actor=staff, call=call, step="archive")
    call.refresh_from_db()
    assert call.state == "archived"

    assert AuditEvent.objects.filter(verb=FundingVerb.CALL_TRANSITION.value).count() == 3


def test_the_task_and_the_command_close_the_calls_whose_time_passed():
    soon = timezone.now() + dt.timedelta(hours=2)
    due = call_with_grid(closes_at=soon)
    later = call_with_grid(closes_at=soon + dt.timedelta(days=3))
    draft = call_with_grid(closes_at=soon, state="draft")
    assert close_due_calls.call() == 0
    assert close_due_calls.call((soon + dt.timedelta(minutes=1)).isoformat()) == 1
    states = dict(Call.objects.values_list("pk", "state"))
    assert (states[due.pk], states[later.pk], states[draft.pk]) == ("closed", "published", "draft")
    assert close_due_calls.call((soon + dt.timedelta(minutes=1)).isoformat()) == 0
    Call.objects.filter(pk=later.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    out = StringIO()
    call_command("close_calls", stdout=out)
    assert "1" in out.getvalue()
    assert Call.objects.get(pk=later.pk).state == "closed"


def test_eligibility_gives_each_reason():
    places = mrcs_of_region({"Charlevoix": 1, "Portneuf": 2})
    inside = municipality(code="2301001", name="Baie-Saint-Paul", parent=places[0])
    call = call_with_grid(max_amount=Decimal("40000"), project_end_by=dt.date(2029, 3, 31))
    call.eligible_territories.set([places[0]])
    call.eligible_sectors.set([sector("communautaire")])
    organization = OrganizationFactory()
    organization.sectors.set([sector("communautaire")])
    assert (
        services.call_eligibility(
            call, organization, [inside, places[0]], Decimal("40000"), dt.date(2029, 3, 31)
        )
        == []
    )
    reasons = services.call_eligibility(
        call, organization, [places[1]], Decimal("40000.01"), dt.date(2029, 4, 1)
    )
    assert len(reasons) == 3
    assert "Portneuf" in reasons[0]
    assert "40\xa0000,00\xa0$" in reasons[1]
    organization.sectors.set([sector("municipal")])
    assert len(services.call_eligibility(call, organization, [], None, None)) == 3
    call.eligible_territories.set([region()])
    assert services.call_eligibility(call, organization, [inside], None, dt.date(2028, 1, 1)) == [
        services.call_eligibility(call, organization, [inside], None, dt.date(2028, 1, 1))[0]
    ]


def test_the_public_pages_show_published_calls_only(client):
    shown = call_with_grid([envelope(amount="75000")], title="Appel ouvert")
    hidden = draft_call(title="Appel en préparation")
    listing = client.get(reverse("funding:call_list"))
    assert "Appel ouvert" in listing.text and "Appel en préparation" not in listing.text
    page = client.get(reverse("funding:call_detail", kwargs={"slug": shown.slug}))
    assert page.status_code == 200
    assert "75\xa0000,00\xa0$" in page.text
    assert "Inclusion des personnes" in page.text and "Résolution du conseil" in page.text
    assert "apply: funding:application_start" not in page.text  # a template comment
    assert (
        client.get(reverse("funding:call_detail", kwargs={"slug": hidden.slug})).status_code == 302
    )


def test_the_public_call_page_reads_in_constant_queries(client, query_budget):
    small = call_with_grid([envelope()])
    large = call_with_grid([envelope(fund=FundFactory()) for _ in range(6)])
    meter = query_budget(12)
    few = meter.get(client, reverse("funding:call_detail", kwargs={"slug": small.slug}))
    many = meter.get(client, reverse("funding:call_detail", kwargs={"slug": large.slug}))
    assert few == many


def test_staff_create_a_call_then_its_grid_then_publish_it(staff_client):
    fund = FundFactory()
    pot = envelope(fund=fund)
    data = {
        "fund": fund.pk,
        "title": "Appel de projets 2026",
        "opens_on": "2026-01-05",
        "closes_at": "2025-12-01T17:00",
        "envelopes": [pot.pk],
    }
    refused = staff_client.post(reverse("funding:call_create"), data)
    assert refused.status_code == 400
    assert "Appel de projets 2026" in refused.text
    created = staff_client.post(
        reverse("funding:call_create"), data | {"closes_at": "2026-03-01T17:00"}
    )
    call = Call.objects.get(title="Appel de projets 2026")
    assert created.status_code == 302 and created["Location"].endswith(
        reverse("funding:call_grid", kwargs={"slug": call.slug})
    )
    grid_url = reverse("funding:call_grid", kwargs={"slug": call.slug})
    assert staff_client.get(grid_url).status_code == 200
    grid = {
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-title": "Besoins du milieu",
        "sections-0-required": "on",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-title": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-title": "Inclusion",
        "criteria-0-weight": "60",
        "criteria-0-scale_max": "5",
        "criteria-1-title": "Ancrage",
        "criteria-1-weight": "0",
        "criteria-1-scale_max": "5",
    }
    bad = staff_client.post(grid_url, grid)
    assert bad.status_code == 400 and 'value="Ancrage"' in bad.text
    assert staff_client.post(grid_url, grid | {"criteria-1-weight": "40"}).status_code == 302
    assert rows(call) == {"sections": ["besoins-du-milieu"], "criteria": ["Inclusion", "Ancrage"]}
    transition = reverse("funding:call_transition", kwargs={"slug": call.slug})
    staff_client.post(transition, {"step": "publish"})
    call.refresh_from_db()
    assert call.state == "published"
    refused_step = staff_client.post(transition, {"step": "publish"}, follow=True)
    assert refused_step.status_code == 200
    call.refresh_from_db()
    assert call.state == "published"


def test_an_applicant_cannot_change_a_call(client):
    call = draft_call()
    applicant = applicant_of(OrganizationFactory())
    client.force_login(applicant)
    transition = reverse("funding:call_transition", kwargs={"slug": call.slug})
    assert client.post(transition, {"step": "publish"}).status_code == 403
    call.refresh_from_db()
    assert call.state == "draft"


def test_the_lists_of_calls_read_in_constant_queries(client, staff_client, query_budget):
    call_with_grid()
    meter = query_budget(10)
    public = meter.get(client, reverse("funding:call_list"))
    staff = meter.get(staff_client, reverse("funding:call_staff_list"))
    for n in range(6):
        ApplicationFactory(call=call_with_grid(), state="submitted" if n % 2 else "draft")
    assert meter.get(client, reverse("funding:call_list")) == public
    assert meter.get(staff_client, reverse("funding:call_staff_list")) == staff


def test_a_fixed_grid_is_said_so_and_kept(staff_client):
    call = call_with_grid()
    ApplicationFactory(call=call, state="submitted")
    url = reverse("funding:call_grid", kwargs={"slug": call.slug})
    assert "ne peuvent plus changer" in staff_client.get(url).text
    sent = staff_client.post(url, {"criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"})
    assert sent.status_code == 302
    assert call.criteria.count() == 3


def test_the_calls_page_leads_each_reader_to_their_funding_pages(client):
    from maillage.core.roles import Role
    from maillage.funding.tests.factories import user_with_person

    links = {
        "funded": reverse("funding:funded_projects"),
        "mine": reverse("funding:application_mine"),
        "table": reverse("funding:application_list"),
        "dashboard": reverse("funding:dashboard"),
    }
    html = client.get(reverse("funding:call_list")).text
    assert links["funded"] in html and links["mine"] not in html

    client.force_login(user_with_person(Role.MEMBER))
    html = client.get(reverse("funding:call_list")).text
    assert links["mine"] in html and links["dashboard"] not in html

    client.force_login(user_with_person(Role.STAFF))
    html = client.get(reverse("funding:call_list")).text
    assert links["table"] in html and links["dashboard"] in html
