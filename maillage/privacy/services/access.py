"""Recording who saw or exported contact details."""

from __future__ import annotations

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.privacy.models import AccessKind, ContactAccess

DETAIL_LENGTH = ContactAccess._meta.get_field("detail").max_length or 300


def contact_access_record(*, actor: Viewer, kind: AccessKind, count: int, detail: str = "") -> None:
    """One INSERT, called by the page or export that shows contact details to `actor`. Not in a
    transaction of its own and without an audit event: the row is the log, and a page read must
    stay cheap. Nothing is recorded for a visitor without an account (no page shows them any)."""
    if not isinstance(actor, User):
        return
    ContactAccess.objects.create(
        account=actor, kind=kind, count=max(0, count), detail=detail[:DETAIL_LENGTH]
    )
