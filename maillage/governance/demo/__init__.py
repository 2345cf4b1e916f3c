"""Demo data of the collaboration model: a general circle, thematic circles and workstreams with
fictional names, policies with review dates and elected roles with terms, held by the people of
the network's demo, and the workspace of the workstream the guest account belongs to. Called by
`manage.py load_demo` after the network demo; safe to run again (nothing already there is
created twice). People or territories that are missing are skipped.

`content` holds what the demo says, `loader` writes it through the services."""

from maillage.governance.demo.content import GUEST_EMAIL, MEMBER_EMAIL, STAFF_EMAIL
from maillage.governance.demo.loader import load

__all__ = ["GUEST_EMAIL", "MEMBER_EMAIL", "STAFF_EMAIL", "load"]
