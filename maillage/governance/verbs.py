"""The governance app's audit verbs, and the same event's verb on a circle or a workstream."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class GovernanceVerb(Verbs):
    CIRCLE_CREATED = "circle.created", _("circle created")
    CIRCLE_AMENDED = "circle.amended", _("circle amended")
    CIRCLE_ARCHIVED = "circle.archived", _("circle archived")
    CIRCLE_ACCOUNTABILITY_ADDED = "circle.accountability_added", _("accountability added")
    CIRCLE_ACCOUNTABILITY_REMOVED = "circle.accountability_removed", _("accountability removed")
    CIRCLE_MEMBER_ADDED = "circle.member_added", _("member added")
    CIRCLE_MEMBER_LEFT = "circle.member_left", _("member left")
    CIRCLE_MEMBER_REMOVED = "circle.member_removed", _("member removed")
    CIRCLE_LINK_MEMBER_ADDED = "circle.link_member_added", _("member added through a double link")
    CIRCLE_LINK_MEMBER_ENDED = "circle.link_member_ended", _("double-link membership ended")
    ROLE_CREATED = "role.created", _("role created")
    ROLE_AMENDED = "role.amended", _("role amended")
    ROLE_ARCHIVED = "role.archived", _("role archived")
    ROLE_ACCOUNTABILITY_ADDED = "role.accountability_added", _("accountability added")
    ROLE_ACCOUNTABILITY_REMOVED = "role.accountability_removed", _("accountability removed")
    ROLE_ASSIGNED = "role.assigned", _("role assigned")
    ROLE_ASSIGNMENT_UPDATED = "role.assignment_updated", _("role assignment updated")
    ROLE_ASSIGNMENT_ENDED = "role.assignment_ended", _("role assignment ended")
    WORKSTREAM_CREATED = "workstream.created", _("workstream created")
    WORKSTREAM_AMENDED = "workstream.amended", _("workstream amended")
    WORKSTREAM_ARCHIVED = "workstream.archived", _("workstream archived")
    WORKSTREAM_STATUS_CHANGED = "workstream.status_changed", _("workstream status changed")
    WORKSTREAM_DELIVERABLE_ADDED = "workstream.deliverable_added", _("deliverable added")
    WORKSTREAM_DELIVERABLE_AMENDED = "workstream.deliverable_amended", _("deliverable amended")
    WORKSTREAM_DELIVERABLE_DONE = "workstream.deliverable_done", _("deliverable marked as done")
    WORKSTREAM_DELIVERABLE_REOPENED = (
        "workstream.deliverable_reopened",
        _("deliverable marked as not done"),
    )
    WORKSTREAM_DELIVERABLE_REMOVED = "workstream.deliverable_removed", _("deliverable removed")
    WORKSTREAM_ANNOUNCEMENT_POSTED = "workstream.announcement_posted", _("announcement posted")
    WORKSTREAM_ANNOUNCEMENT_AMENDED = (
        "workstream.announcement_amended",
        _("announcement amended"),
    )
    WORKSTREAM_ANNOUNCEMENT_REMOVED = (
        "workstream.announcement_removed",
        _("announcement removed"),
    )
    WORKSTREAM_DOCUMENT_ADDED = "workstream.document_added", _("document shared")
    WORKSTREAM_DOCUMENT_VERSION_ADDED = (
        "workstream.document_version_added",
        _("new version of a document"),
    )
    WORKSTREAM_DOCUMENT_ARCHIVED = "workstream.document_archived", _("document archived")
    WORKSTREAM_MEMBER_ADDED = "workstream.member_added", _("member added")
    WORKSTREAM_MEMBER_LEFT = "workstream.member_left", _("member left")
    WORKSTREAM_MEMBER_REMOVED = "workstream.member_removed", _("member removed")
    WORKSTREAM_LINK_MEMBER_ADDED = (
        "workstream.link_member_added",
        _("member added through the lead role"),
    )
    WORKSTREAM_LINK_MEMBER_ENDED = "workstream.link_member_ended", _("lead-role membership ended")
    WORKSTREAM_INVITATION_SENT = "workstream.invitation_sent", _("invitation sent")
    WORKSTREAM_INVITATION_REVOKED = "workstream.invitation_revoked", _("invitation revoked")
    WORKSTREAM_INVITATION_ACCEPTED = "workstream.invitation_accepted", _("invitation accepted")
    POLICY_ADOPTED = "policy.adopted", _("policy adopted")
    POLICY_AMENDED = "policy.amended", _("policy amended")
    POLICY_STATUS_CHANGED = "policy.status_changed", _("policy status changed")
    LINKS_REPAIRED = "governance.links_repaired", _("double links repaired")
    REMINDERS_SENT = "governance.reminders_sent", _("governance reminders sent")
    CALENDAR_FEED_RESET = "governance.calendar_feed_reset", _("calendar subscription link reset")


register_verbs(GovernanceVerb)

V = GovernanceVerb

# The changes of the collaboration model that a consented decision makes, as the platform
# (`governance.changes`, applied by the decisions app). Made by a person instead, through the
# staff's forms, they are direct corrections, and the history says so.
STRUCTURAL = frozenset(
    {
        V.CIRCLE_CREATED,
        V.CIRCLE_AMENDED,
        V.CIRCLE_ARCHIVED,
        V.CIRCLE_ACCOUNTABILITY_ADDED,
        V.CIRCLE_ACCOUNTABILITY_REMOVED,
        V.ROLE_CREATED,
        V.ROLE_AMENDED,
        V.ROLE_ARCHIVED,
        V.ROLE_ACCOUNTABILITY_ADDED,
        V.ROLE_ACCOUNTABILITY_REMOVED,
        V.WORKSTREAM_CREATED,
        V.WORKSTREAM_AMENDED,
        V.WORKSTREAM_ARCHIVED,
        V.WORKSTREAM_STATUS_CHANGED,
        V.POLICY_ADOPTED,
        V.POLICY_AMENDED,
        V.POLICY_STATUS_CHANGED,
    }
)

# One event, told of a circle or of a workstream (`CIRCLE` / `WORKSTREAM` keys below).
CIRCLE, WORKSTREAM, ROLE = "circle", "workstream", "role"
MEMBER_ADDED = {CIRCLE: V.CIRCLE_MEMBER_ADDED, WORKSTREAM: V.WORKSTREAM_MEMBER_ADDED}
MEMBER_LEFT = {CIRCLE: V.CIRCLE_MEMBER_LEFT, WORKSTREAM: V.WORKSTREAM_MEMBER_LEFT}
MEMBER_REMOVED = {CIRCLE: V.CIRCLE_MEMBER_REMOVED, WORKSTREAM: V.WORKSTREAM_MEMBER_REMOVED}
LINK_MEMBER_ADDED = {CIRCLE: V.CIRCLE_LINK_MEMBER_ADDED, WORKSTREAM: V.WORKSTREAM_LINK_MEMBER_ADDED}
LINK_MEMBER_ENDED = {CIRCLE: V.CIRCLE_LINK_MEMBER_ENDED, WORKSTREAM: V.WORKSTREAM_LINK_MEMBER_ENDED}
ACCOUNTABILITY_ADDED = {CIRCLE: V.CIRCLE_ACCOUNTABILITY_ADDED, ROLE: V.ROLE_ACCOUNTABILITY_ADDED}
ACCOUNTABILITY_REMOVED = {
    CIRCLE: V.CIRCLE_ACCOUNTABILITY_REMOVED,
    ROLE: V.ROLE_ACCOUNTABILITY_REMOVED,
}
