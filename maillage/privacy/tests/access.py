"""Permission matrix of the privacy pages (see tests/matrix.py): each subject's rows live in
`access_<subject>.py`, merged here."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.privacy.tests import access_registers
from maillage.privacy.tests.access_registers import REGISTERS_ACCESS


def sample(data: SimpleNamespace) -> None:
    access_registers.sample(data)


ACCESS = {**REGISTERS_ACCESS}
