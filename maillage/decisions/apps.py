from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from maillage.core.apps import MenuItem, NavigationMixin


class DecisionsConfig(NavigationMixin, AppConfig):
    name = "maillage.decisions"
    label = "decisions"
    verbose_name = _("Decisions")
    menu_item = MenuItem("decisions:register", order=400)
    stylesheet = "decisions/decisions.css"

    def ready(self) -> None:
        from maillage.core import my_space
        from maillage.decisions import calendar, panels, replies, rules, verbs  # noqa: F401
        from maillage.governance.calendar_sources import register_calendar_source

        super().ready()
        replies.register()  # a consent round's answers by e-mail
        # The decisions due for review on the governance calendar, its feed and My space.
        register_calendar_source(calendar.SOURCE)
        # My space: the consent rounds awaiting the person's answer.
        my_space.AWAITING.register(panels.my_answers)
