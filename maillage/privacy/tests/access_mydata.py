"""Permission matrix of "my data": every account sees and downloads its own."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """Nothing: each role reads its own data."""


ACCESS = {
    "privacy:my_data": Expect.authenticated(),
    "privacy:my_data_download": Expect.authenticated(),
    "privacy:my_data_pdf": Expect.authenticated(),
}
