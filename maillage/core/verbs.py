"""The core's audit verbs."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class CoreVerb(Verbs):
    USER_CREATED = "user.created", _("account created")
    USER_ROLE_CHANGED = "user.role_changed", _("role changed")
    NOTIFICATION_READ = "notification.read", _("notification read")


register_verbs(CoreVerb)
