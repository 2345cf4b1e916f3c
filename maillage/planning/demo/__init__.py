"""The planning demo: the regional work plan 2024-2029, its vision, four needs tied to the
region's territories and indicators, three orientations, a dozen objectives with their targets
(read from the portrait when its indicator is there, counted otherwise with progress updates),
their actions carried by the governance demo's circles and workstreams; two objectives adopted
through consent decisions of the general circle, a third before it. Written once: a plan whose
address is already there is not written again.

`content` holds what the demo says, `loader` writes it."""

from maillage.planning.demo.content import PLAN
from maillage.planning.demo.loader import load

__all__ = ["PLAN", "load"]
