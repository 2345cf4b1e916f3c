"""The decisions demo: a register of about twenty decisions taken over the past two years by the
circles and workstreams of the governance demo (public and internal, a few due for review within
weeks), a consent process under way in the general circle (its consent round open, a few answers
in, the demo member's still awaited), a closed election (the role held by the person elected
until the end of the term), a closed advice process, a closed proposal poll (in the register) and
an open time poll choosing the date of the regional forum. Written through the services, once: a
process whose title is already there is not started again.

`content` holds what the demo says, `loader` writes it through the services."""

from maillage.decisions.demo.content import (
    ADVICE_WEIGHING,
    CLOSED_POLL,
    DECISIONS,
    TIME_POLL,
    DemoDecision,
)
from maillage.decisions.demo.loader import load

__all__ = ["ADVICE_WEIGHING", "CLOSED_POLL", "DECISIONS", "TIME_POLL", "DemoDecision", "load"]
