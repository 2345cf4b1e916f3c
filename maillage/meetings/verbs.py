"""The meetings app's audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class MeetingVerb(Verbs):
    MEETING_PLANNED = "meeting.planned", _("meeting planned")
    MEETING_AMENDED = "meeting.amended", _("meeting amended")
    MEETING_TRANSITION = "meeting.transition", _("meeting status changed")
    MEETING_INVITED = "meeting.invited", _("invitations sent")
    MEETING_RSVP = "meeting.rsvp", _("answer to an invitation")
    ATTENDANCE_RECORDED = "meeting.attendance_recorded", _("attendance recorded")
    AGENDA_ITEM_ADDED = "meeting.agenda_item_added", _("agenda item added")
    AGENDA_ITEM_AMENDED = "meeting.agenda_item_amended", _("agenda item amended")
    ACTION_ITEM_ADDED = "meeting.action_item_added", _("action item added")
    ACTION_ITEM_DONE = "meeting.action_item_done", _("action item done")
    MINUTES_MADE = "meeting.minutes_made", _("minutes made")


register_verbs(MeetingVerb)
