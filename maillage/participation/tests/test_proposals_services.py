"""The services of proposals, comments and supports: routing and the first step of the trail,
one-level replies, supports counted exactly, the rate limit, contributions gathered in person."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from maillage.core.models import AuditEvent, Notification
from maillage.core.roles import Role
from maillage.governance.tests.factories import user_with_person
from maillage.participation.models import (
    Channel,
    Comment,
    Proposal,
    Signature,
    Support,
    TrailEntry,
    TrailStatus,
)
from maillage.participation.services import proposals as services
from maillage.participation.tests.factories import (
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    WorkstreamFactory,
    citizen,
)
from maillage.participation.verbs import ParticipationVerb

pytestmark = pytest.mark.django_db


def picture(kind: str = "PNG", size: tuple[int, int] = (40, 30), **save: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=kind, **save)
    return out.getvalue()


PNG = picture()


def _submit(actor, consultation, **kwargs):
    values = {
        "title": "Un marché de quartier",
        "text": "Des kiosques de fruits et légumes à bon prix.",
        "signature": Signature.PSEUDONYM,
        "display_name": "Tournesol",
        **kwargs,
    }
    return services.proposal_submit(actor=actor, consultation=consultation, **values)


def test_a_proposal_is_routed_to_the_consultations_group_with_a_first_step_of_its_trail():
    workstream = WorkstreamFactory()
    consultation = ConsultationFactory(circle=None, workstream=workstream)
    person = citizen()
    proposal = _submit(person, consultation)
    assert proposal.routed_workstream == workstream
    assert proposal.routed_circle is None
    assert proposal.status == TrailStatus.RECEIVED
    [step] = TrailEntry.objects.filter(proposal=proposal)
    assert step.status == TrailStatus.RECEIVED
    assert step.routed_workstream == workstream
    assert step.actor == person
    assert AuditEvent.objects.filter(
        verb=ParticipationVerb.PROPOSAL_SUBMITTED, target_id=str(proposal.pk)
    ).exists()


def test_under_my_name_shows_the_accounts_name_and_never_an_email():
    person = citizen(first_name="Rose", last_name="Tremblay")
    consultation = ConsultationFactory()
    proposal = _submit(person, consultation, signature=Signature.NAME, display_name="autre")
    assert proposal.display_name == "Rose Tremblay"
    with pytest.raises(ValidationError) as refused:
        _submit(person, consultation, display_name="rose@example.org")
    assert "display_name" in refused.value.message_dict


def test_an_unverified_account_cannot_contribute():
    with pytest.raises(PermissionDenied):
        _submit(citizen(verified=False), ConsultationFactory())
    assert not Proposal.objects.exists()


def test_an_image_needs_its_description_and_the_content_of_a_png_or_jpeg():
    person, consultation = citizen(), ConsultationFactory()
    with pytest.raises(ValidationError) as undescribed:
        _submit(person, consultation, image=SimpleUploadedFile("a.png", PNG))
    assert "image_description" in undescribed.value.message_dict
    with pytest.raises(ValidationError) as fake:
        _submit(
            person,
            consultation,
            image=SimpleUploadedFile("a.png", b"GIF89a" + b"\x00" * 20),
            image_description="Un dessin",
        )
    assert "image" in fake.value.message_dict
    proposal = _submit(
        person,
        consultation,
        image=SimpleUploadedFile("a.png", PNG),
        image_description="Un dessin du marché",
    )
    assert proposal.image.name.endswith(".png")
    with pytest.raises(ValidationError) as unreadable:
        _submit(
            person,
            consultation,
            image=SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            image_description="Un dessin",
        )
    assert "image" in unreadable.value.message_dict


def test_a_photo_is_kept_without_its_location_and_at_a_reasonable_size():
    exif = Image.Exif()
    exif[0x010F] = "Téléphone de Ginette"  # the camera's maker
    exif[0x8825] = {1: "N", 2: (46.0, 48.0, 0.0)}  # where it was taken
    photo = picture("JPEG", size=(4000, 3000), exif=exif.tobytes())
    assert Image.open(io.BytesIO(photo)).getexif()
    proposal = _submit(
        citizen(),
        ConsultationFactory(),
        image=SimpleUploadedFile("halte.jpg", photo),
        image_description="La halte-chaleur du quartier",
    )
    with proposal.image.open("rb") as kept, Image.open(kept) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 2000
        assert not stored.getexif()


def test_replies_go_one_level_deep():
    proposal = ProposalFactory()
    person = citizen()
    first = services.comment_add(
        actor=person,
        proposal=proposal,
        text="Oui!",
        signature=Signature.PSEUDONYM,
        display_name="Lou",
    )
    reply = services.comment_add(
        actor=person,
        proposal=proposal,
        text="Et aussi…",
        signature=Signature.PSEUDONYM,
        display_name="Lou",
        parent=first,
    )
    deeper = services.comment_add(
        actor=citizen(),
        proposal=proposal,
        text="D'accord",
        signature=Signature.PSEUDONYM,
        display_name="Max",
        parent=reply,
    )
    assert reply.parent == first
    assert deeper.parent == first
    # The proposal's author hears of each comment of others.
    assert Notification.objects.filter(recipient=proposal.author).count() == 3
    assert not Notification.objects.filter(recipient=person).exists()
    other = CommentFactory()
    with pytest.raises(ValidationError):
        services.comment_add(
            actor=person,
            proposal=proposal,
            text="x",
            signature=Signature.PSEUDONYM,
            display_name="Lou",
            parent=other,
        )


def test_a_second_support_is_refused_and_withdrawing_deletes_it():
    proposal = ProposalFactory()
    person, other = citizen(), citizen()
    services.support_give(actor=person, proposal=proposal)
    services.support_give(actor=other, proposal=proposal)
    with pytest.raises(ValidationError) as twice:
        services.support_give(actor=person, proposal=proposal)
    assert twice.value.code == "twice"
    proposal.refresh_from_db()
    assert proposal.support_count == 2
    services.support_withdraw(actor=person, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert not Support.objects.filter(proposal=proposal, account=person).exists()
    with pytest.raises(ValidationError):
        services.support_withdraw(actor=person, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 1


def test_posting_is_limited_per_person_and_period(settings):
    settings.MAILLAGE_PARTICIPATION_RATE = "3/h"
    person, consultation = citizen(), ConsultationFactory()
    first = _submit(person, consultation)
    _submit(person, consultation)
    services.comment_add(
        actor=person,
        proposal=first,
        text="Précision",
        signature=Signature.PSEUDONYM,
        display_name="Lou",
    )
    with pytest.raises(ValidationError) as over:
        _submit(person, consultation, title="Une de trop")
    assert over.value.code == "rate"
    assert not Proposal.objects.filter(title="Une de trop").exists()
    # Someone else is not held back by it.
    assert _submit(citizen(), consultation).pk


def test_contributions_gathered_in_person_say_the_channel_and_the_consent_and_count():
    consultation = ConsultationFactory()
    partner = user_with_person(Role.MEMBER)
    with pytest.raises(ValidationError) as missing:
        services.proposal_record(
            actor=partner,
            consultation=consultation,
            title="Un jardin",
            text="Collectif.",
            display_name="Gisèle",
            channel=Channel.PAPER,
            consent=" ",
        )
    assert "consent" in missing.value.message_dict
    with pytest.raises(ValidationError) as online:
        services.support_record(
            actor=partner,
            proposal=ProposalFactory(consultation=consultation),
            channel=Channel.ONLINE,
            consent="Oui",
        )
    assert "channel" in online.value.message_dict
    proposal = services.proposal_record(
        actor=partner,
        consultation=consultation,
        title="Un jardin",
        text="Collectif.",
        display_name="Gisèle",
        channel=Channel.PAPER,
        consent="Formulaire signé",
    )
    assert proposal.in_person and proposal.recorded_by == partner and proposal.author is None
    assert proposal.routed_circle == consultation.circle
    comment = services.comment_record(
        actor=partner,
        proposal=proposal,
        text="Bravo",
        display_name="Léo",
        channel=Channel.PHONE,
        consent="Accord au téléphone",
    )
    assert comment.channel == Channel.PHONE
    services.support_record(
        actor=partner, proposal=proposal, channel=Channel.MEETING, consent="Main levée"
    )
    services.support_give(actor=citizen(), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 2
    assert Comment.objects.filter(proposal=proposal).count() == 1
    assert AuditEvent.objects.filter(verb=ParticipationVerb.SUPPORT_RECORDED).count() == 1


def test_citizens_cannot_record_in_person():
    with pytest.raises(PermissionDenied):
        services.proposal_record(
            actor=citizen(),
            consultation=ConsultationFactory(),
            title="x",
            text="y",
            display_name="Z",
            channel=Channel.PAPER,
            consent="Oui",
        )
