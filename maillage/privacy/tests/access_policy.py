"""Permission matrix rows of the privacy policy: public reading, publication by the person in
charge and administrators, what changed for every signed-in account."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.core.permissions import SYSTEM
from maillage.privacy.services.policy import policy_publish
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    data.policy = policy_publish(actor=SYSTEM, text_fr="Politique.", text_en="Policy.")


ACCESS: dict[str, Expect] = {
    "privacy:policy": Expect.public(),
    "privacy:policy_versions": Expect.public(),
    "privacy:policy_publish": Expect.admin(),
    "privacy:policy_changes": Expect.authenticated(),
}
