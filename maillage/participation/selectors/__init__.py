"""selectors of the participation app, one module per subject."""

from maillage.participation.selectors import trail

__all__ = ["trail"]
