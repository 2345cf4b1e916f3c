"""The person in charge's records in the registry of personal information: their contact."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.personal import Row, Section, declare, register_anonymizer, register_export
from maillage.privacy.models import Officer

OFFICER_PURPOSE = _(
    "To let anyone reach the person in charge of the protection of personal information, as "
    "the law requires."
)
declare(
    "privacy.Officer",
    # Often a general address, but it may be the person's own line.
    fields=["contact_email", "contact_phone"],
    purpose=OFFICER_PURPOSE,
    seen_by=_("everyone: published on the public site and beside the forms"),
    kept=_(
        "while the person is in charge; the earlier ones stay in the register of who was in "
        "charge, without their contact details once anonymized"
    ),
)


def export_privacy_officer(account: User) -> list[Section]:
    records = Officer.objects.filter(account=account).values_list(
        "title", "contact_email", "contact_phone", "created_at"
    )
    return [
        Section(
            key="privacy.officer",
            title=_("Person in charge of personal information"),
            purpose=OFFICER_PURPOSE,
            rows=[
                Row(
                    {
                        gettext("Title"): title,
                        gettext("Contact e-mail"): email,
                        gettext("Contact telephone"): phone,
                        gettext("Named"): named,
                    }
                )
                for title, email, phone, named in records
            ],
        )
    ]


def anonymize_privacy_officer(
    *, account: User, pseudonym: str, actor: Actor, remove_texts: bool = False
) -> None:
    """The earlier records of a person in charge lose their contact; the current one stays as it
    is, since the law requires it published (the administrators name someone else)."""
    current = Officer.objects.order_by("-created_at", "-pk").values_list("pk", flat=True).first()
    earlier = Officer.objects.filter(account=account)
    if current is not None:
        earlier = earlier.exclude(pk=current)
    earlier.update(contact_email="", contact_phone="")


register_export("privacy.officer", export_privacy_officer)
register_anonymizer("privacy.officer", anonymize_privacy_officer)
