from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "maillage.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from maillage.core import my_space, navigation
        from maillage.governance.calendar_sources import register_calendar_source
        from maillage.governance.panels import GROUP_PANELS
        from maillage.meetings import (  # noqa: F401 (registrations)
            calendar,
            panels,
            receivers,
            rules,
            verbs,
        )

        # The meetings on the governance calendar, its iCal feed and My space's next dates.
        register_calendar_source(calendar.SOURCE)
        # A circle's or a workstream's page lists its latest meetings.
        GROUP_PANELS.register(panels.group_meetings_panel)
        # My space: the action items the person carries.
        my_space.AWAITING.register(panels.my_action_items)
        # The coming meetings of the person's groups, beside the governance calendar.
        navigation.register_account_link(
            key="meetings",
            label=_("Meetings"),
            url_name="meetings:meeting_list",
            order=310,
            visible="meetings.view_list",
        )
