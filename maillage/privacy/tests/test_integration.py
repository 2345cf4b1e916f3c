"""A person with a seat, a role, a vote, a proposal, a comment and an application: "my data"
shows each of them, the ZIP's JSON follows its schema, and once the person is anonymized every
decision, minute and funding record stays, their vote still counts, and no table holds their
name, address or telephone any more.

What depends on the other apps' `personal.py` (their exporters and anonymizers, registered
through `core.personal`): the presence of each app's record in "my data"
(`test_my_data_holds_every_app_s_record`), and, in the scan after anonymization, the name kept
in separate columns or in a slug (the network's person: `first_name`, `last_name`, `slug`),
which only the network's anonymizer rewrites. The rest (the account, every column where the
full name, the addresses or the telephone occur, the audit log) is this app's."""

from __future__ import annotations

import io
import json
import zipfile

import jsonschema
import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from maillage.core.actors import SYSTEM
from maillage.decisions import services as decision_services
from maillage.decisions.models import Decision, Vote
from maillage.decisions.tests.factories import poll_in, recorded, seated_member
from maillage.funding.models import Application
from maillage.funding.tests.factories import ApplicationFactory
from maillage.governance.models import RoleAssignment
from maillage.governance.tests.factories import CircleFactory, RoleFactory
from maillage.meetings.models import AgendaItem, Meeting
from maillage.meetings.tests.factories import MeetingFactory
from maillage.participation.models import Comment, Proposal
from maillage.participation.tests.factories import CommentFactory, ProposalFactory
from maillage.privacy.services.anonymization import account_anonymize

pytestmark = pytest.mark.django_db

FIRST, LAST = "Gisèle", "Lapointe-Ouellet"
FULL = f"{FIRST} {LAST}"
EMAIL = "gisele.lapointe@quartier.example"
PHONE = "581 555-0123"


@pytest.fixture
def world():
    circle = CircleFactory(name="Cercle de l’alimentation")
    account, seat = seated_member(circle, first_name=FIRST, last_name=LAST, phone=PHONE)
    # The account's own spelling of the name and address, as the sign-up form keeps them.
    account.first_name, account.last_name = FIRST, LAST
    account.save()
    account.emailaddress_set.update(email=EMAIL)
    type(account).objects.filter(pk=account.pk).update(email=EMAIL)
    account.person.email = EMAIL
    account.person.save()
    account.refresh_from_db()
    role = RoleFactory(circle=circle, name="Gardienne du temps")
    RoleAssignment.objects.create(role=role, person=account.person)
    poll = poll_in(circle, title="Choisir le lieu du forum")
    vote = decision_services.vote_cast(actor=account, poll=poll, position="agree")
    decision = recorded(circle, "Tenir le forum à Limoilou", text=f"Proposé par {FULL}.")
    meeting = MeetingFactory(circle=circle, notes=f"{FULL} présente le bilan ({EMAIL}).")
    item = AgendaItem.objects.create(meeting=meeting, title="Bilan", notes=f"Merci à {FULL}.")
    proposal = ProposalFactory(
        author=account, title="Des jardins sur les toits", display_name=FULL, signature="name"
    )
    comment = CommentFactory(author=account, proposal=ProposalFactory(), text="Je soutiens l’idée.")
    application = ApplicationFactory(
        organization=seat.organization, title="Cuisine collective du Vieux-Limoilou"
    )
    Application.objects.filter(pk=application.pk).update(created_by=account)
    return {
        "account": account,
        "seat": seat,
        "role": role,
        "poll": poll,
        "vote": vote,
        "decision": decision,
        "meeting": meeting,
        "item": item,
        "proposal": proposal,
        "comment": comment,
        "application": application,
    }


def _zip_data(client, copy_of, account):
    client.force_login(account)
    response = copy_of("zip")
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    return json.loads(archive.read("data.json")), json.loads(archive.read("schema.json"))


def test_the_zips_json_follows_its_schema(client, copy_of, world):
    data, schema = _zip_data(client, copy_of, world["account"])
    validator = jsonschema.Draft202012Validator(schema)
    assert [error.message for error in validator.iter_errors(data)] == []
    # The schema says something: a document without its sections is refused.
    assert list(
        validator.iter_errors({key: value for key, value in data.items() if key != "sections"})
    )


def test_my_data_holds_every_app_s_record(client, copy_of, world):
    """Depends on the network, governance, decisions, participation and funding exporters."""
    data, _schema = _zip_data(client, copy_of, world["account"])
    text = json.dumps(data, ensure_ascii=False)
    expected = {
        "seat": world["seat"].organization.name,
        "role": "Gardienne du temps",
        "vote": "Choisir le lieu du forum",
        "proposal": "Des jardins sur les toits",
        "comment": "Je soutiens l’idée.",
        "application": "Cuisine collective du Vieux-Limoilou",
    }
    missing = {what: value for what, value in expected.items() if value not in text}
    assert missing == {}


def traces(terms: list[str]) -> list[str]:
    """Every text column of every installed model where one of `terms` occurs, as
    "app.Model.field"; JSON columns searched as their text (escaped or not)."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation:
                continue
            if isinstance(field, models.JSONField):
                query = Q()
                for term in terms:
                    query |= Q(_text__icontains=term)
                    query |= Q(_text__icontains=json.dumps(term)[1:-1])
                rows = model._base_manager.annotate(
                    _text=Cast(field.attname, models.TextField())
                ).filter(query)
            elif isinstance(field, models.CharField | models.TextField):
                query = Q()
                for term in terms:
                    query |= Q(**{f"{field.attname}__icontains": term})
                rows = model._base_manager.filter(query)
            else:
                continue
            if rows.exists():
                found.append(f"{model._meta.label}.{field.name}")
    return sorted(found)


def test_anonymizing_keeps_the_records_counts_the_vote_and_leaves_no_trace(world):
    account = world["account"]
    assert traces([FULL, EMAIL, PHONE])  # the scan finds them before
    account_anonymize(actor=SYSTEM, account=account, remove_texts=False)
    # The collective's records stay.
    assert Decision.objects.filter(pk=world["decision"].pk).exists()
    assert Meeting.objects.filter(pk=world["meeting"].pk).exists()
    assert AgendaItem.objects.filter(pk=world["item"].pk).exists()
    assert Application.objects.filter(pk=world["application"].pk).exists()
    assert Proposal.objects.filter(pk=world["proposal"].pk).exists()
    assert Comment.objects.filter(pk=world["comment"].pk).exists()
    # The vote still counts, for the same person record, now under the pseudonym.
    vote = Vote.objects.get(pk=world["vote"].pk)
    assert vote.poll_id == world["poll"].pk and vote.person_id == account.person.pk
    assert Vote.objects.filter(poll=world["poll"]).count() == 1
    decision = Decision.objects.get(pk=world["decision"].pk)
    assert decision.text == "Proposé par Personne anonymisée 1."
    # No table holds the full name, the address or the telephone (this app's sweep)…
    assert traces([FULL, EMAIL, PHONE]) == []
    # …nor the name in separate columns or a slug (the network's anonymizer).
    assert traces([LAST]) == []


def test_a_telephone_others_share_stays_where_others_wrote_it(world):
    """The person gave their organization's switchboard: their own record loses it, the
    organization and what others wrote with it keep it; their name still goes."""
    account = world["account"]
    switchboard = "418 555-0100"
    account.person.phone = switchboard
    account.person.save()
    organization = world["seat"].organization
    organization.phone = switchboard
    organization.save()
    meeting = world["meeting"]
    meeting.notes = f"Joindre {FULL} à l’accueil : {switchboard}."
    meeting.save()
    account_anonymize(actor=SYSTEM, account=account, remove_texts=False)
    account.person.refresh_from_db()
    organization.refresh_from_db()
    meeting.refresh_from_db()
    assert account.person.phone == ""
    assert organization.phone == switchboard
    assert meeting.notes == f"Joindre Personne anonymisée 1 à l’accueil : {switchboard}."
