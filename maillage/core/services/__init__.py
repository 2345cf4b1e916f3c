"""Every write of the core: one function per action, checked, validated and audited."""

from maillage.core.services.accounts import (
    AccessChange,
    account_create,
    account_update_access,
    apply_role,
    user_set_active,
    user_set_role,
)
from maillage.core.services.imports import (
    ERRORS_KEPT,
    PROGRESS_EVERY,
    import_job_apply,
    import_job_check,
    import_job_confirm,
    import_job_create,
    import_job_fail,
)
from maillage.core.services.invitations import (
    PlatformInvitationSent,
    platform_invitation_accept,
    platform_invitation_create,
    platform_invitation_resend,
    platform_invitation_revoke,
)
from maillage.core.services.notifications import (
    AwaitedAnswer,
    digests_send,
    notification_mark_read,
    notification_preference_set,
    notify,
)
from maillage.core.services.replies import ReplyReceived, email_reply_receive

__all__ = [
    "ERRORS_KEPT",
    "PROGRESS_EVERY",
    "AccessChange",
    "AwaitedAnswer",
    "PlatformInvitationSent",
    "ReplyReceived",
    "account_create",
    "account_update_access",
    "apply_role",
    "digests_send",
    "email_reply_receive",
    "import_job_apply",
    "import_job_check",
    "import_job_confirm",
    "import_job_create",
    "import_job_fail",
    "notification_mark_read",
    "notification_preference_set",
    "notify",
    "platform_invitation_accept",
    "platform_invitation_create",
    "platform_invitation_resend",
    "platform_invitation_revoke",
    "user_set_active",
    "user_set_role",
]
