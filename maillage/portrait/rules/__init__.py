"""The portrait's permissions, one module per subject."""

from maillage.portrait.rules import maps  # noqa: F401
