"""Permission predicates of the participation app, one module per subject; each refusal carries
a translated reason (`core.permissions.add_perm`). `common` holds what the subjects share."""

from maillage.participation.rules import (  # noqa: F401 (registrations)
    common,
    consultations,
    moderation,
    proposals,
    questionnaires,
    trail,
)
