"""The core's audit verbs."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Verbs, register_verbs


class CoreVerb(Verbs):
    USER_CREATED = "user.created", _("account created")
    USER_ROLE_CHANGED = "user.role_changed", _("role changed")
    USER_DEACTIVATED = "user.deactivated", _("account deactivated")
    USER_REACTIVATED = "user.reactivated", _("account reactivated")
    PLATFORM_INVITATION_SENT = "platform_invitation.sent", _("invitation to the platform sent")
    PLATFORM_INVITATION_RESENT = (
        "platform_invitation.resent",
        _("invitation to the platform sent again"),
    )
    PLATFORM_INVITATION_REVOKED = (
        "platform_invitation.revoked",
        _("invitation to the platform withdrawn"),
    )
    PLATFORM_INVITATION_ACCEPTED = (
        "platform_invitation.accepted",
        _("invitation to the platform accepted"),
    )
    NOTIFICATION_READ = "notification.read", _("notification read")
    NOTIFICATION_PREFERENCE_CHANGED = (
        "notification_preference.changed",
        _("notification preferences changed"),
    )
    IMPORT_UPLOADED = "import.uploaded", _("file uploaded for import")
    IMPORT_CHECKED = "import.checked", _("file checked, without errors")
    IMPORT_REFUSED = "import.refused", _("file refused: errors")
    IMPORT_CONFIRMED = "import.confirmed", _("import confirmed")
    IMPORT_APPLIED = "import.applied", _("file imported")
    IMPORT_FAILED = "import.failed", _("import failed, nothing changed")
    EMAIL_REPLY_RECEIVED = "email_reply.received", _("reply by e-mail received")
    EMAIL_REPLY_RECORDED = "email_reply.recorded", _("answer by e-mail recorded")
    EMAIL_REPLY_REFUSED = "email_reply.refused", _("reply by e-mail not recorded")


register_verbs(CoreVerb)
