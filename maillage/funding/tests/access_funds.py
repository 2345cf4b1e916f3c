"""Permission matrix rows of the funds and envelopes pages (see tests/access.py): staff only."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.funding.tests.factories import FundFactory
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    data.fund = FundFactory.create(name="Fonds témoin", slug="fonds-temoin")


fund = {"kwargs": lambda d: {"slug": d.fund.slug}}

ACCESS: dict[str, Expect] = {
    "funding:fund_list": Expect.staff(),
    "funding:fund_create": Expect.staff(),
    "funding:fund_detail": Expect.staff(**fund),
    "funding:fund_update": Expect.staff(**fund),
    "funding:envelope_create": Expect.staff(**fund),
    "funding:transfer_create": Expect.staff(**fund),
    "funding:carry_over_create": Expect.staff(**fund),
    "funding:split_create": Expect.staff(**fund),
}
