"""Permission matrix rows of the applications' pages (see tests/access.py).

The sample accounts act for no organization: only staff read an application."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.funding.tests.factories import ApplicationFactory
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    data.fund_application = ApplicationFactory.create(title="Demande témoin")


application = {"kwargs": lambda d: {"pk": d.fund_application.pk}}

ACCESS: dict[str, Expect] = {
    "funding:application_detail": Expect.staff(**application),
}
