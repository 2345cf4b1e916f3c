"""The influence trail's services: routing, the workflow's moves and refusals, the audit, and
who is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent, Notification, NotificationPreference
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.decisions.tests.factories import recorded
from maillage.participation.models import Follow, TrailEntry, TrailStatus
from maillage.participation.services import trail as services
from maillage.participation.tests.factories import (
    CircleFactory,
    ConsultationFactory,
    WorkstreamFactory,
    citizen,
)
from maillage.participation.tests.trail_helpers import outsider, process_of, routed_proposal
from maillage.participation.verbs import ParticipationVerb

pytestmark = pytest.mark.django_db


def test_a_member_moves_a_proposal_to_under_study_with_a_step_and_an_audit_event():
    proposal, _circle, member = routed_proposal()
    moved = services.input_move(actor=member, input=proposal, transition="study", reason="")
    assert moved.status == TrailStatus.UNDER_STUDY
    step = TrailEntry.objects.get(proposal=proposal)
    assert step.status == TrailStatus.UNDER_STUDY and step.actor == member
    event = AuditEvent.objects.get(verb=ParticipationVerb.TRAIL_MOVED.value)
    assert event.payload["to"] == TrailStatus.UNDER_STUDY


def test_someone_outside_the_group_is_refused_with_the_workflows_reason():
    proposal, _circle, _member = routed_proposal()
    with pytest.raises(PermissionDenied, match="Seuls les membres"):
        services.input_move(actor=outsider(), input=proposal, transition="study", reason="")
    proposal.refresh_from_db()
    assert proposal.status == TrailStatus.RECEIVED
    assert not TrailEntry.objects.exists()


def test_staff_answer_any_input():
    proposal, _circle, _member = routed_proposal()
    staff = user_with_role(Role.STAFF)
    services.input_move(actor=staff, input=proposal, transition="study", reason="")
    assert TrailEntry.objects.filter(proposal=proposal, actor=staff).exists()


def test_a_move_the_workflow_does_not_allow_from_the_status_is_refused():
    proposal, _circle, member = routed_proposal()
    with pytest.raises(ValidationError) as refused:
        services.input_move(actor=member, input=proposal, transition="complete", reason="")
    assert "transition" in refused.value.message_dict


def test_taken_up_without_a_decision_is_refused():
    proposal, _circle, member = routed_proposal()
    with pytest.raises(ValidationError) as refused:
        services.input_move(actor=member, input=proposal, transition="take_up", reason="")
    assert "process" in refused.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == TrailStatus.RECEIVED


def test_taken_up_by_another_groups_decision_is_refused():
    proposal, _circle, member = routed_proposal()
    elsewhere = recorded(CircleFactory(), "Ailleurs")
    with pytest.raises(ValidationError) as refused:
        services.input_move(
            actor=member, input=proposal, transition="take_up", reason="", decision=elsewhere
        )
    assert "decision" in refused.value.message_dict


def test_taken_up_by_a_decision_of_the_group_names_its_process_and_the_workstream():
    proposal, circle, member = routed_proposal()
    decision = recorded(circle, "Halte-chaleur")
    workstream = WorkstreamFactory()
    moved = services.input_move(
        actor=member,
        input=proposal,
        transition="take_up",
        reason="Retenue au conseil de novembre.",
        decision=decision,
        carried_by=workstream,
    )
    assert moved.status == TrailStatus.TAKEN_UP
    assert (moved.decision, moved.process, moved.carried_by) == (
        decision,
        decision.process,
        workstream,
    )
    step = TrailEntry.objects.get(proposal=proposal)
    assert step.decision == decision and step.process == decision.process
    done = services.input_move(actor=member, input=moved, transition="complete", reason="")
    assert done.status == TrailStatus.DONE


def test_taken_up_by_a_process_under_way():
    proposal, circle, member = routed_proposal()
    process = process_of(circle, title="Étudier la halte-chaleur")
    moved = services.input_move(
        actor=member, input=proposal, transition="take_up", reason="", process=process
    )
    assert moved.process == process and moved.decision is None


def test_not_retained_without_a_reason_is_refused_then_accepted_with_one():
    proposal, _circle, member = routed_proposal()
    with pytest.raises(ValidationError) as refused:
        services.input_move(actor=member, input=proposal, transition="decline", reason="  ")
    assert "reason" in refused.value.message_dict
    moved = services.input_move(
        actor=member, input=proposal, transition="decline", reason="Hors de notre mandat."
    )
    assert moved.status == TrailStatus.NOT_RETAINED
    assert moved.status_reason == "Hors de notre mandat."


def test_a_decision_is_named_only_when_taking_up():
    proposal, circle, member = routed_proposal()
    with pytest.raises(ValidationError):
        services.input_move(
            actor=member,
            input=proposal,
            transition="study",
            reason="",
            decision=recorded(circle, "Autre"),
        )


def test_routing_writes_a_step_and_an_event_and_the_new_group_answers():
    proposal, _circle, member = routed_proposal()
    workstream = WorkstreamFactory()
    routed = services.input_route(
        actor=member, input=proposal, group=workstream, reason="Leur sujet"
    )
    assert routed.routed_to == workstream and routed.routed_circle is None
    assert TrailEntry.objects.get(proposal=proposal).routed_workstream == workstream
    assert AuditEvent.objects.filter(verb=ParticipationVerb.ROUTED.value).count() == 1
    # The former group no longer answers it.
    with pytest.raises(PermissionDenied):
        services.input_move(actor=member, input=routed, transition="study", reason="")


def test_the_members_of_the_group_it_is_sent_to_are_told_it_awaits_their_answer():
    from maillage.decisions.tests.factories import member_of
    from maillage.governance.models import Membership

    proposal, _circle, member = routed_proposal()
    workstream = WorkstreamFactory(name="Chantier mobilité")
    second, english = member_of(workstream), member_of(workstream)
    NotificationPreference.objects.create(user=english, language="en")
    # The one who sends it on is a member of both groups.
    Membership.objects.create(person=member.person, workstream=workstream)
    services.input_route(actor=member, input=proposal, group=workstream, reason="Leur sujet")
    told = Notification.objects.filter(subject__contains=proposal.title)
    to_second = told.get(recipient=second)
    assert to_second.subject == f"« {proposal.title} » attend la réponse de Chantier mobilité"
    assert "Leur sujet" in to_second.body
    assert told.get(recipient=english).subject.endswith("awaits the answer of Chantier mobilité")
    assert told.exclude(recipient=proposal.author).count() == 2
    assert not told.filter(recipient=member).exists()


def test_routing_is_refused_to_outsiders_and_once_answered():
    proposal, _circle, member = routed_proposal()
    with pytest.raises(PermissionDenied):
        services.input_route(actor=outsider(), input=proposal, group=WorkstreamFactory())
    services.input_move(actor=member, input=proposal, transition="decline", reason="Non.")
    with pytest.raises(ValidationError):
        services.input_route(actor=member, input=proposal, group=WorkstreamFactory())


def test_a_consultations_synthesis_is_routed_and_moved_like_a_proposal():
    consultation = ConsultationFactory()
    circle = CircleFactory()
    routed = services.input_route(actor=SYSTEM, input=consultation, group=circle)
    moved = services.input_move(actor=SYSTEM, input=routed, transition="study", reason="")
    assert moved.status == TrailStatus.UNDER_STUDY
    assert TrailEntry.objects.filter(consultation=consultation).count() == 2


def test_the_contributor_and_the_followers_are_told_once_each_in_their_language():
    proposal, _circle, member = routed_proposal()
    author = proposal.author
    english = citizen()
    NotificationPreference.objects.create(user=english, language="en")
    Follow.objects.create(account=author, proposal=proposal)  # also the contributor
    Follow.objects.create(account=english, proposal=proposal)
    Follow.objects.create(account=member, proposal=proposal)  # the actor: not told
    services.input_move(
        actor=member, input=proposal, transition="decline", reason="Pas cette année."
    )
    assert Notification.objects.filter(recipient=author).count() == 1
    assert Notification.objects.filter(recipient=english).count() == 1
    assert not Notification.objects.filter(recipient=member).exists()
    french = Notification.objects.get(recipient=author)
    assert "Non retenue" in french.subject
    assert "Not retained" in Notification.objects.get(recipient=english).subject
    assert french.body == "Pas cette année."
    assert french.url.endswith(f"/{proposal.pk}/")


def test_following_twice_keeps_one_follow_and_unfollowing_removes_it():
    proposal, _circle, _member = routed_proposal()
    reader = citizen()
    services.follow(actor=reader, input=proposal)
    services.follow(actor=reader, input=proposal)
    assert Follow.objects.filter(account=reader).count() == 1
    services.unfollow(actor=reader, input=proposal)
    assert not Follow.objects.filter(account=reader).exists()


def test_the_report_back_needs_its_french_texts_and_tells_the_followers():
    consultation = ConsultationFactory()
    reader = citizen()
    services.follow(actor=reader, input=consultation)
    with pytest.raises(ValidationError) as refused:
        services.consultation_report_back(
            actor=SYSTEM, consultation=consultation, heard_fr="", decided_fr=""
        )
    assert set(refused.value.message_dict) == {"heard_fr", "decided_fr"}
    services.consultation_report_back(
        actor=SYSTEM, consultation=consultation, heard_fr="Entendu.", decided_fr="Décidé."
    )
    consultation.refresh_from_db()
    assert consultation.heard_fr == "Entendu."
    assert Notification.objects.filter(recipient=reader).count() == 1
    with pytest.raises(PermissionDenied):
        services.consultation_report_back(
            actor=outsider(), consultation=consultation, heard_fr="x", decided_fr="y"
        )
