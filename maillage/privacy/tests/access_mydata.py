"""Permission matrix of "my data": every account sees its own, and asks for copies of it; a copy
is downloaded by its own account only (the sample copy is nobody's of the matrix: 404)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from maillage.core.roles import Role
    from maillage.core.tests.factories import user_with_role
    from maillage.privacy.models import DataCopy

    now = timezone.now()
    data.data_copy = DataCopy.objects.create(
        account=user_with_role(Role.CITIZEN),
        file_format="zip",
        language="fr",
        state="ready",
        ready_at=now,
        expires_at=now + timedelta(days=7),
        file="mes-donnees/0/inconnu/mes-donnees.zip",
    )


ACCESS = {
    "privacy:my_data": Expect.authenticated(),
    "privacy:my_data_section": Expect.authenticated(kwargs=lambda d: {"key": "core.account"}),
    "privacy:my_data_copy": Expect.authenticated(404, kwargs=lambda d: {"pk": d.data_copy.pk}),
}
