from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "maillage.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from maillage.core import cache, my_space, navigation
        from maillage.decisions.models import Decision, Process
        from maillage.governance.calendar_sources import register_calendar_source
        from maillage.governance.models import Circle, Membership, Workstream
        from maillage.governance.panels import GROUP_PANELS
        from maillage.meetings import (  # noqa: F401 (registrations)
            calendar,
            panels,
            receivers,
            rules,
            selectors,
            verbs,
        )
        from maillage.meetings.models import ActionItem, AgendaItem, Attendance, Invitee, Meeting
        from maillage.network.models import Organization, Person, Seat, Sector

        # The meetings on the governance calendar, its iCal feed and My space's next dates.
        register_calendar_source(calendar.SOURCE)
        # A circle's or a workstream's page lists its latest meetings.
        GROUP_PANELS.register(panels.group_meetings_panel)
        cache.bump_on_change(panels.PANEL_CACHE, Meeting, AgendaItem, Invitee)
        # My space: the invitations to answer and the action items the person carries.
        cache.bump_on_change(panels.AWAITING_CACHE, Meeting, Invitee, ActionItem, Membership)
        # A meeting's page: its agenda (and the processes and decisions it takes up), its
        # invitations, attendance (people, seats, organizations and their sectors) and quorum
        # (the group's rules: a field and a many-to-many relation of its circle or workstream).
        cache.bump_on_change(
            selectors.PAGE_CACHE,
            Meeting,
            AgendaItem,
            Invitee,
            Attendance,
            Process,
            Decision,
            Person,
            Seat,
            Organization,
            Sector,
            Circle,
            Workstream,
        )
        # The meetings' list: each meeting's row names its group. Who sees which groups is in
        # the copy's key (`selectors.meeting_list`), so memberships need not bump it.
        cache.bump_on_change(selectors.LIST_CACHE, Meeting, Circle, Workstream)
        my_space.AWAITING.register(panels.my_meeting_invitations)
        my_space.AWAITING.register(panels.my_action_items)
        # The coming meetings of the person's groups, beside the governance calendar.
        navigation.register_account_link(
            key="meetings",
            label=_("Meetings"),
            url_name="meetings:meeting_list",
            order=310,
            visible="meetings.view_list",
        )
