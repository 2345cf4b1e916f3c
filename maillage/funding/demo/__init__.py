"""The funding demo: a fund like the region's FQIS 2024-2029 split among the territories for
two fiscal years, the committee that analyses the projects, a past call whose projects were
screened, reviewed (with a conflict of interest), recommended, consented and funded (their
agreements signed, first payments made, one declined), and an open call with applications
submitted and one still a draft. Written through the services, once: a fund whose name is
already there is not written again.

`content` holds what the demo says, `loader` writes it through the services."""

from maillage.funding.demo.loader import load

__all__ = ["load"]
