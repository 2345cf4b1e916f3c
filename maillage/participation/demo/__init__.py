"""The participation demo: four consultations of the governance demo's circles and workstreams,
one in each phase (information, contributions, analysis, report back with its report written),
their proposals, comments and supports (some gathered in person, with who recorded them and the
consent given), a questionnaire with a few answers, and a few proposals followed on their trail:
studied, taken up by a consent decision of the decisions app (one of them done), one not
retained with its reason. Written once: a consultation whose address is already there is not
written again, a proposal already answered is not moved again.

`content` holds what the demo says, `loader` writes it."""

from maillage.participation.demo.content import CONSULTATIONS, TRAILS
from maillage.participation.demo.loader import load

__all__ = ["CONSULTATIONS", "TRAILS", "load"]
