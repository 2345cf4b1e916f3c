"""Moderation services: a report, hiding, restoring, dismissing, and naming moderators."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent, Notification
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import member_of
from maillage.governance.models import RoleKind
from maillage.governance.tests.factories import RoleAssignmentFactory, RoleFactory
from maillage.participation.models import Moderator, Report, ReportReason
from maillage.participation.services.moderation import (
    contribution_hide,
    contribution_restore,
    moderator_name,
    moderator_remove,
    report_file,
    reports_dismiss,
)
from maillage.participation.tests.factories import (
    CircleFactory,
    CommentFactory,
    ConsultationFactory,
    ProposalFactory,
    WorkstreamFactory,
    citizen,
    recorded_in_person,
)
from maillage.participation.verbs import ParticipationVerb

pytestmark = pytest.mark.django_db


def _events(verb: ParticipationVerb) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb.value))


def test_a_person_reports_a_proposal_once_while_the_report_is_open():
    proposal = ProposalFactory()
    reporter = citizen()
    report = report_file(
        actor=reporter, proposal=proposal, reason=ReportReason.PERSONAL, details=" Une adresse "
    )
    assert (report.proposal, report.reporter, report.details) == (proposal, reporter, "Une adresse")
    with pytest.raises(ValidationError, match="déjà signalé"):
        report_file(actor=reporter, proposal=proposal, reason=ReportReason.SPAM, details="")
    assert Report.objects.count() == 1
    assert [e.target_id for e in _events(ParticipationVerb.REPORTED)] == [str(proposal.pk)]


def test_a_handled_report_lets_the_person_report_again():
    comment = CommentFactory()
    reporter = citizen()
    report_file(actor=reporter, comment=comment, reason=ReportReason.OFF_TOPIC, details="")
    reports_dismiss(actor=user_with_role(Role.STAFF), contribution=comment)
    report_file(actor=reporter, comment=comment, reason=ReportReason.DISRESPECT, details="")
    assert comment.reports.filter(handled_at__isnull=True).count() == 1


def test_a_report_needs_a_verified_address():
    with pytest.raises(PermissionDenied):
        report_file(
            actor=citizen(verified=False),
            proposal=ProposalFactory(),
            reason=ReportReason.SPAM,
            details="",
        )
    assert not Report.objects.exists()


def test_hiding_needs_a_reason_handles_the_reports_and_tells_the_author():
    proposal = ProposalFactory(title="Halte")
    for _n in range(2):
        report_file(actor=citizen(), proposal=proposal, reason=ReportReason.SPAM, details="")
    staff = user_with_role(Role.STAFF)
    with pytest.raises(ValidationError):
        contribution_hide(actor=staff, contribution=proposal, reason="  ")
    contribution_hide(actor=staff, contribution=proposal, reason="Publicité")
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.hidden_reason == "Publicité"
    assert proposal.hidden_by == staff
    assert not proposal.reports.filter(handled_at__isnull=True).exists()
    assert set(proposal.reports.values_list("handled_by", flat=True)) == {staff.pk}
    told = Notification.objects.get(recipient=proposal.author)
    assert "Halte" in told.subject and "Publicité" in told.body
    [event] = _events(ParticipationVerb.HIDDEN)
    assert event.actor == staff and event.payload["reports_handled"] == 2


def test_hiding_a_contribution_gathered_in_person_notifies_nobody():
    comment = CommentFactory(**recorded_in_person(display_name="Lucie"))
    contribution_hide(actor=user_with_role(Role.STAFF), contribution=comment, reason="Hors sujet")
    assert not Notification.objects.exists()
    assert len(_events(ParticipationVerb.HIDDEN)) == 1


def test_restoring_shows_the_contribution_again_and_is_audited():
    comment = CommentFactory()
    staff = user_with_role(Role.STAFF)
    with pytest.raises(ValidationError, match="pas masquée"):
        contribution_restore(actor=staff, contribution=comment)
    contribution_hide(actor=staff, contribution=comment, reason="Insulte")
    contribution_restore(actor=staff, contribution=comment)
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    [event] = _events(ParticipationVerb.RESTORED)
    assert event.payload == {"reason_was": "Insulte"}


def test_dismissing_handles_the_reports_and_keeps_the_contribution():
    proposal = ProposalFactory()
    report_file(actor=citizen(), proposal=proposal, reason=ReportReason.OTHER, details="")
    staff = user_with_role(Role.STAFF)
    assert reports_dismiss(actor=staff, contribution=proposal) == 1
    proposal.refresh_from_db()
    assert not proposal.is_hidden
    with pytest.raises(ValidationError, match="Aucun signalement"):
        reports_dismiss(actor=staff, contribution=proposal)
    assert len(_events(ParticipationVerb.REPORT_DISMISSED)) == 1


def test_a_moderator_of_one_group_cannot_moderate_another_groups_consultation():
    mine = ProposalFactory()
    elsewhere = ProposalFactory(consultation=ConsultationFactory(circle=CircleFactory()))
    moderator = member_of(mine.consultation.circle)
    Moderator.objects.create(circle=mine.consultation.circle, account=moderator)
    with pytest.raises(PermissionDenied):
        contribution_hide(actor=moderator, contribution=elsewhere, reason="Non")
    with pytest.raises(PermissionDenied):
        reports_dismiss(actor=moderator, contribution=elsewhere)
    contribution_hide(actor=moderator, contribution=mine, reason="Propos blessants")
    elsewhere.refresh_from_db()
    assert not elsewhere.is_hidden
    mine.refresh_from_db()
    assert mine.is_hidden


def test_the_lead_names_a_member_and_refuses_someone_outside_the_group():
    workstream = WorkstreamFactory()
    lead = member_of(workstream)
    role = RoleFactory(circle=None, workstream=workstream, kind=RoleKind.LEAD)
    RoleAssignmentFactory(role=role, person=lead.person)
    member = member_of(workstream)
    with pytest.raises(ValidationError) as refused:
        moderator_name(actor=lead, group=workstream, account=citizen())
    assert refused.value.message_dict["account"] == [
        "Cette personne n’est pas membre de ce cercle ou de ce chantier."
    ]
    moderator = moderator_name(actor=lead, group=workstream, account=member)
    assert (moderator.workstream, moderator.named_by) == (workstream, lead)
    with pytest.raises(ValidationError):
        moderator_name(actor=lead, group=workstream, account=member)
    with pytest.raises(PermissionDenied):
        moderator_name(actor=member, group=workstream, account=lead)
    moderator_remove(actor=lead, moderator=moderator)
    assert not Moderator.objects.exists()
    verbs = AuditEvent.objects.filter(verb__startswith="moderation.").values_list("verb", flat=True)
    assert sorted(verbs) == [
        ParticipationVerb.MODERATOR_NAMED.value,
        ParticipationVerb.MODERATOR_REMOVED.value,
    ]


def test_staff_name_moderators_of_any_circle_but_a_plain_member_does_not():
    circle = CircleFactory()
    member = member_of(circle)
    with pytest.raises(PermissionDenied):
        moderator_name(actor=member_of(circle), group=circle, account=member)
    moderator_name(actor=user_with_role(Role.STAFF), group=circle, account=member)
    assert Moderator.objects.filter(circle=circle, account=member).exists()
