from types import SimpleNamespace

from maillage.core.models import ImportJob
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
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


job = {"kwargs": lambda d: {"pk": d.import_job.pk}}

ACCESS = {
    "health": Expect.public(),
    "core:privacy": Expect.public(),
    "core:my_space": Expect.authenticated(),
    "core:notifications": Expect.authenticated(),
    # POST only: a GET is refused whoever asks, after the login check for visitors.
    "core:notification_read": Expect.of(405, 405, 405, 405, 405, 405, kwargs=lambda d: {"pk": 1}),
    "core:import_job": Expect.of(LOGIN, 403, 403, 403, 403, 403, **job),
    "core:import_job_confirm": Expect.of(405, 405, 405, 405, 405, 405, **job),
}
