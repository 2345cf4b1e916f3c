"""The funding app's personal information: its register, "my data", the anonymization of a person
and the retention of declined applications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from maillage.core import personal
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.funding import personal as funding_personal
from maillage.funding.models import (
    Agreement,
    Application,
    Attachment,
    Comment,
    Report,
    Review,
    Revision,
    Score,
    Signatory,
)
from maillage.funding.tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    applicant_of,
    call_with_grid,
    user_with_person,
)

pytestmark = pytest.mark.django_db

REMOVED = "Texte retiré à la demande de la personne."


def _export(account: User) -> dict[str, list[dict]]:
    with translation.override("en"):
        return {
            section.key: [row.values for row in section.rows]
            for section in funding_personal.export(account)
        }


def _file(applicant: User, *, reviewer: User, name: str = "Julie Roy") -> Application:
    """An accepted application started by `applicant`, with a comment, a revision, a reviewer's
    scored review, an agreement `name` signed and a report `applicant` submitted."""
    call = call_with_grid()
    organization = applicant.person.functions.get().organization
    application = ApplicationFactory(
        call=call,
        organization=organization,
        created_by=applicant,
        state="accepted",
        amount_granted=Decimal("20000.00"),
    )
    Revision.objects.create(
        application=application, number=1, stage="full", content={"x": 1}, submitted_by=applicant
    )
    Comment.objects.create(application=application, author=applicant, text="Voici nos précisions.")
    review = Review.objects.create(
        application=application, reviewer=reviewer, comment="Projet solide.", total=80
    )
    for criterion in call.criteria.all():
        Score.objects.create(review=review, criterion=criterion, value=4, comment="Bien ancré.")
    agreement = Agreement.objects.create(
        application=application,
        number=f"C-{application.pk}",
        amount=Decimal("20000.00"),
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2027, 3, 31),
    )
    Signatory.objects.create(
        agreement=agreement, name=name, title="Directrice", organization=organization.name
    )
    Signatory.objects.create(
        agreement=agreement, name="Marie Tremblay", title="Coordination", organization="Maillage"
    )
    Report.objects.create(
        agreement=agreement,
        kind="progress",
        due_on=dt.date(2026, 10, 1),
        text="Trente familles rejointes.",
        submitted_by=applicant,
    )
    return application


@pytest.fixture
def applicant() -> User:
    return applicant_of(OrganizationFactory(), first_name="Julie", last_name="Roy")


@pytest.fixture
def reviewer() -> User:
    return user_with_person(Role.MEMBER, first_name="Paul", last_name="Côté")


def test_every_personal_field_of_funding_is_declared():
    assert personal.undeclared(apps.get_app_config("funding").get_models()) == []


def test_my_data_lists_the_persons_records_and_no_one_elses(applicant, reviewer):
    mine = _file(applicant, reviewer=reviewer)
    other = applicant_of(OrganizationFactory(), first_name="Éric", last_name="Lavoie")
    theirs = _file(other, reviewer=user_with_person(Role.MEMBER), name="Éric Lavoie")
    # A namesake signing for an organization Julie has nothing to do with is not her.
    Signatory.objects.create(agreement=theirs.agreement, name="Julie Roy", organization="Ailleurs")

    found = _export(applicant)

    assert [row["Reference"] for row in found["funding.applications"]] == [mine.reference]
    assert found["funding.applications"][0]["Organization"] == mine.organization.name
    assert [row["Comment"] for row in found["funding.comments"]] == ["Voici nos précisions."]
    assert [row["Report"] for row in found["funding.reports"]] == ["Trente familles rejointes."]
    assert [(row["Agreement"], row["Name"]) for row in found["funding.signatures"]] == [
        (mine.agreement.number, "Julie Roy")
    ]
    assert found["funding.reviews"] == []
    reviews = _export(reviewer)["funding.reviews"]
    assert [row["Application"] for row in reviews] == [mine.reference]
    assert "Bien ancré." in reviews[0]["Scores"]


def test_an_editable_application_says_where_to_correct_it(applicant, reviewer):
    application = _file(applicant, reviewer=reviewer)
    sections = {s.key: s for s in funding_personal.export(applicant)}
    assert sections["funding.applications"].rows[0].correct_url == ""

    Application.objects.filter(pk=application.pk).update(state="draft")
    sections = {s.key: s for s in funding_personal.export(applicant)}
    assert sections["funding.applications"].rows[0].correct_url == reverse(
        "funding:application_edit", kwargs={"pk": application.pk}
    )


def test_my_data_reads_in_as_many_queries_for_more_records(applicant, reviewer, query_budget):
    meter = query_budget(12)
    _file(applicant, reviewer=reviewer)
    few = meter(lambda: funding_personal.export(applicant))
    organization = applicant.person.functions.get().organization
    for _ in range(3):
        _file(applicant, reviewer=reviewer)
        ApplicationFactory(organization=organization, created_by=applicant)
    assert meter(lambda: funding_personal.export(applicant)) == few
    assert len(_export(applicant)["funding.applications"]) == 1 + 3 * 2


def test_anonymizing_keeps_the_files_and_removes_the_name(applicant, reviewer):
    application = _file(applicant, reviewer=reviewer)
    counts = (Application.objects.count(), Comment.objects.count(), Score.objects.count())

    personal.REGISTRY.anonymizers["funding"](
        account=applicant, pseudonym="Personne anonymisée 7", actor=SYSTEM, remove_texts=False
    )

    assert set(Signatory.objects.values_list("name", flat=True)) == {
        "Personne anonymisée 7",
        "Marie Tremblay",
    }
    assert Comment.objects.get(author=applicant).text == "Voici nos précisions."
    assert (Application.objects.count(), Comment.objects.count(), Score.objects.count()) == counts
    organization = application.organization_id
    application.refresh_from_db()
    assert (application.organization_id, application.state) == (organization, "accepted")
    assert application.amount_granted == Decimal("20000.00")


def test_anonymizing_with_the_texts_replaces_what_the_person_wrote(applicant, reviewer):
    application = _file(applicant, reviewer=reviewer)
    other_comment = Comment.objects.create(application=application, author=reviewer, text="Reçu.")

    for account in (applicant, reviewer):
        personal.REGISTRY.anonymizers["funding"](
            account=account, pseudonym="Personne anonymisée 8", actor=SYSTEM, remove_texts=True
        )

    assert Comment.objects.get(author=applicant).text == REMOVED
    other_comment.refresh_from_db()
    assert other_comment.text == REMOVED
    review = Review.objects.get()
    assert review.comment == REMOVED
    assert set(review.scores.values_list("value", "comment")) == {(4, REMOVED)}
    assert review.total == 80
    assert Report.objects.get().text == "Trente familles rejointes."


def _declined(decided_at: dt.datetime, **values) -> Application:
    application = ApplicationFactory(state="declined", **values)
    Application.objects.filter(pk=application.pk).update(state_changed_at=decided_at)
    return application


def test_retention_lists_exactly_the_declined_applications_past_seven_years(applicant, reviewer):
    now = timezone.now()
    rule = personal.load().retention["funding.declined_applications"]
    past = _declined(now - rule.period - dt.timedelta(days=1), created_by=applicant)
    _declined(now - rule.period + dt.timedelta(days=1), created_by=applicant)
    old_accepted = ApplicationFactory(state="accepted", created_by=applicant)
    Application.objects.filter(pk=old_accepted.pk).update(
        state_changed_at=now - rule.period - dt.timedelta(days=400)
    )

    with translation.override("fr-ca"):
        expired = rule.expired(now)

    assert [item.pk for item in expired] == [past.pk]
    assert expired[0].label == f"Demande {past.reference}"
    assert "Roy" not in expired[0].label


def test_retention_removes_what_was_written_and_keeps_the_decision(
    applicant, reviewer, django_capture_on_commit_callbacks
):
    now = timezone.now()
    rule = personal.load().retention["funding.declined_applications"]
    call = call_with_grid()
    past, recent = (
        _declined(
            now - rule.period + dt.timedelta(days=days),
            call=call,
            created_by=applicant,
            populations="Familles",
            answers={"besoins": "Nos besoins"},
            decision_reasons="Hors des priorités de l'appel.",
        )
        for days in (-1, 1)
    )
    for application in (past, recent):
        Comment.objects.create(application=application, author=applicant, text="Précisions.")
        Revision.objects.create(
            application=application,
            number=1,
            stage="full",
            content={"a": 1},
            submitted_by=applicant,
        )
        attachment = Attachment(
            application=application, title="Résolution", filename="r.pdf", size=4
        )
        attachment.file.save("r.pdf", ContentFile(b"%PDF"), save=False)
        attachment.save()
        review = Review.objects.create(
            application=application, reviewer=reviewer, comment="Faible."
        )
        Score.objects.create(
            review=review, criterion=call.criteria.first(), value=2, comment="Peu ancré."
        )

    storage = Attachment._meta.get_field("file").storage
    past_file = Attachment.objects.get(application=past).file.name
    recent_file = Attachment.objects.get(application=recent).file.name
    assert storage.exists(past_file)
    with django_capture_on_commit_callbacks(execute=True):
        assert rule.remove([past.pk], SYSTEM) == 1
    assert not storage.exists(past_file)
    assert storage.exists(recent_file)

    past.refresh_from_db()
    assert (past.summary, past.populations, past.answers, past.created_by) == ("", "", {}, None)
    assert (past.state, past.decision_reasons, past.amount_requested) == (
        "declined",
        "Hors des priorités de l'appel.",
        Decimal("25000.00"),
    )
    assert not past.comments.exists() and not past.attachments.exists()
    assert list(past.revisions.values_list("content", "submitted_by")) == [({}, None)]
    assert list(Score.objects.filter(review__application=past).values_list("value", "comment")) == [
        (2, "")
    ]
    assert past.reviews.get().comment == ""
    recent.refresh_from_db()
    assert recent.summary and recent.created_by == applicant
    assert recent.comments.count() == 1 and recent.attachments.count() == 1
    assert recent.reviews.get().comment == "Faible."
    # Emptied, the application is no longer listed.
    with translation.override("fr-ca"):
        again = rule.expired(now + dt.timedelta(days=2))
    assert again == [personal.Expired(pk=recent.pk, label=f"Demande {recent.reference}")]


def test_retention_leaves_an_application_that_is_not_declined(applicant):
    rule = personal.load().retention["funding.declined_applications"]
    accepted = ApplicationFactory(state="accepted", created_by=applicant)
    assert rule.remove([accepted.pk], SYSTEM) == 0
    accepted.refresh_from_db()
    assert accepted.created_by == applicant and accepted.summary
