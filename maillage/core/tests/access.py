from types import SimpleNamespace

from maillage.core import services
from maillage.core.actors import SYSTEM
from maillage.core.models import ImportJob
from maillage.core.roles import Role
from maillage.core.tests.factories import UserFactory, user_with_role
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    # Someone else's import: no role sees it, only its uploader (tested in test_import_jobs).
    data.import_job = ImportJob.objects.create(
        kind="tests.words",
        uploaded_by=user_with_role(Role.STAFF),
        file_name="mots.csv",
        language="fr-ca",
        state="checked",
    )
    # A citizen's account, whose access staff may change, and an invitation to the platform.
    data.account = UserFactory.create(role=Role.CITIZEN)
    sent = services.platform_invitation_create(actor=SYSTEM, email="invitee@example.org")
    data.platform_invitation, data.platform_invitation_token = sent.invitation, sent.token


job = {"kwargs": lambda d: {"pk": d.import_job.pk}}
account = {"kwargs": lambda d: {"pk": d.account.pk}}
invitation = {"kwargs": lambda d: {"pk": d.platform_invitation.pk}}

ACCESS = {
    "health": Expect.public(),
    "core:my_space": Expect.authenticated(),
    "core:notifications": Expect.authenticated(),
    "core:notification_preferences": Expect.authenticated(),
    # POST only: a GET is refused whoever asks, after the login check for visitors.
    "core:notification_read": Expect.of(405, 405, 405, 405, 405, 405, kwargs=lambda d: {"pk": 1}),
    "core:import_job": Expect.of(LOGIN, 403, 403, 403, 403, 403, **job),
    "core:import_job_confirm": Expect.of(405, 405, 405, 405, 405, 405, **job),
    # The staff's pages of accounts and access.
    "core:account_list": Expect.staff(),
    "core:account_detail": Expect.staff(**account),
    "core:account_access": Expect.staff(**account),
    "core:platform_invitation_list": Expect.staff(),
    "core:platform_invitation_resend": Expect.of(405, 405, 405, 405, 405, 405, **invitation),
    "core:platform_invitation_revoke": Expect.of(405, 405, 405, 405, 405, 405, **invitation),
    # Anyone holding the link sees the invitation; only the invited person may accept it.
    "core:platform_invitation_accept": Expect.public(
        kwargs=lambda d: {"token": d.platform_invitation_token}
    ),
}
