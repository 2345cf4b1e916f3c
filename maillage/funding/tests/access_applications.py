"""Permission matrix rows of the applications' pages (see tests/access.py).

The sample accounts act for no organization: only staff read an application, see the table
and make the staff's moves; nobody of the matrix may change the application (it is the
applying organization's), and staff open the start page without a form (they act for none)."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.base import ContentFile

from maillage.funding.models import Attachment, Revision
from maillage.funding.tests.factories import ApplicationFactory, CallFactory
from tests.matrix import LOGIN, REDIRECT, Expect


def sample(data: SimpleNamespace) -> None:
    data.fund_application = ApplicationFactory.create(title="Demande témoin")
    data.fund_app_call = CallFactory.create(title="Appel témoin des demandes")
    Revision.objects.create(
        application=data.fund_application, number=1, stage="full", content={"title": "Demande"}
    )
    attachment = Attachment(
        application=data.fund_application, title="Résolution", filename="resolution.pdf", size=15
    )
    attachment.file.save("resolution.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    attachment.save()
    data.fund_attachment = attachment


application = {"kwargs": lambda d: {"pk": d.fund_application.pk}}
attachment = {"kwargs": lambda d: {"pk": d.fund_application.pk, "attachment": d.fund_attachment.pk}}
nobody = (LOGIN, 403, 403, 403, 403, 403)

ACCESS: dict[str, Expect] = {
    "funding:application_list": Expect.staff(),
    "funding:application_batch": Expect.staff(REDIRECT, method="post"),
    "funding:application_mine": Expect.staff(),
    "funding:application_start": Expect.staff(kwargs=lambda d: {"pk": d.fund_app_call.pk}),
    "funding:application_detail": Expect.staff(**application),
    "funding:application_edit": Expect.of(*nobody, **application),
    "funding:application_submit": Expect.of(*nobody, **application),
    "funding:application_withdraw": Expect.staff(REDIRECT, method="post", **application),
    "funding:application_move": Expect.staff(
        REDIRECT, method="post", kwargs=lambda d: {"pk": d.fund_application.pk, "step": "screen"}
    ),
    "funding:application_pdf": Expect.staff(**application),
    "funding:application_revision": Expect.staff(
        kwargs=lambda d: {"pk": d.fund_application.pk, "number": 1}
    ),
    "funding:application_comment_add": Expect.staff(REDIRECT, method="post", **application),
    "funding:application_attachment_add": Expect.of(*nobody, method="post", **application),
    "funding:application_attachment": Expect.staff(**attachment),
    "funding:application_attachment_remove": Expect.of(*nobody, method="post", **attachment),
}
