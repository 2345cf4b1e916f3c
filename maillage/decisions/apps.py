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
        from maillage.decisions import panels, replies, rules, verbs  # noqa: F401 (registrations)

        super().ready()
        replies.register()  # a consent round's answers by e-mail
        # My space: the consent rounds awaiting the person's answer.
        my_space.AWAITING.register(panels.my_answers)
