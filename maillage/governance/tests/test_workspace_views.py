"""The workspace's pages: its tabs for its members only, documents uploaded and downloaded through
permission-checked views, announcements and deliverables edited, the same query count at two
sizes."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import services
from maillage.governance.models import Announcement, Document
from maillage.governance.services import AnnouncementData, DeliverableData, DocumentData
from maillage.governance.tests.factories import days, guest_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
TABS = ("workspace", "workspace_documents", "workspace_deliverables", "workspace_contacts")
REASON = "n’est ouvert qu’à ses membres et au personnel de coordination"


def login(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs=kwargs)


def tab(space, name):
    return url(name, slug=space.workstream.slug)


def share(space, actor=None, name="rapport.pdf", content=PDF, title="Rapport"):
    return services.document_add(
        actor=actor or space.guest,
        workstream=space.workstream,
        data=DocumentData(title=title),
        upload=SimpleUploadedFile(name, content),
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_each_tab_opens_to_a_guest_member_and_is_refused_to_others_with_a_reason(space):
    guest, outsider = login(space.guest), login(space.outsider)
    citizen = login(user_with_role(PlatformRole.CITIZEN))
    for name in TABS:
        page = guest.get(tab(space, name))
        assert page.status_code == 200, name
        assert "Espace de travail : Participation sociale" in page.text
        assert 'aria-current="page"' in page.text
        refused = outsider.get(tab(space, name))
        assert refused.status_code == 403, name
        assert REASON in refused.text
        assert citizen.get(tab(space, name)).status_code == 403
        anonymous = Client().get(tab(space, name))
        assert anonymous.status_code == 302 and "/comptes/login/" in anonymous["Location"]


def test_the_contacts_are_for_the_members_not_for_partner_members_outside(space):
    contacts = login(space.guest).get(tab(space, "workspace_contacts"))
    assert space.member.email in contacts.text and "418 555-0202" in contacts.text
    assert f'href="mailto:{space.member.email}"' in contacts.text

    # A partner member outside the workstream sees its page, without the workspace or contacts.
    page = login(space.outsider).get(url("workstream_detail", slug=space.workstream.slug))
    assert page.status_code == 200
    assert "418 555-0101" not in page.text and space.guest.email not in page.text
    assert tab(space, "workspace") not in page.text
    assert (
        tab(space, "workspace")
        in login(space.guest).get(url("workstream_detail", slug=space.workstream.slug)).text
    )


def test_a_guest_uploads_a_document_and_downloads_it_with_safe_headers(space):
    guest = login(space.guest)
    form = guest.get(tab(space, "document_add"))
    assert 'enctype="multipart/form-data"' in form.text
    assert 'accept=".pdf,.docx' in form.text

    sent = guest.post(
        tab(space, "document_add"),
        {
            "title": "Compte rendu",
            "description": "Rencontre de juin.",
            "file": SimpleUploadedFile("Compte rendu du 1er août.pdf", PDF),
        },
    )
    document = Document.objects.get()
    assert sent.status_code == 302 and sent["Location"] == url("document_detail", pk=document.pk)
    page = guest.get(sent["Location"])
    assert "Compte rendu du 1er août.pdf" in page.text and "version 1" in page.text

    download = guest.get(url("document_download", pk=document.pk))
    assert download.status_code == 200
    assert body(download) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''Compte%20rendu%20du%201er%20ao%C3%BBt.pdf"
    )
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"

    assert login(space.outsider).get(url("document_download", pk=document.pk)).status_code == 403
    anonymous = Client().get(url("document_download", pk=document.pk))
    assert anonymous.status_code == 302 and "/comptes/login/" in anonymous["Location"]


def test_a_refused_file_is_said_at_its_field_and_the_form_keeps_what_was_typed(space):
    refused = login(space.member).post(
        tab(space, "document_add"),
        {
            "title": "Mon titre",
            "description": "Ma description",
            "file": SimpleUploadedFile("programme.exe", b"MZ\x90\x00"),
        },
    )
    assert refused.status_code == 400
    assert "Ce type de fichier n’est pas accepté" in refused.text
    assert 'value="Mon titre"' in refused.text and "Ma description" in refused.text
    assert not Document.objects.exists()


def test_a_new_version_is_uploaded_and_each_version_downloads(space):
    document = share(space, name="plan.pdf")
    first = document.current
    member = login(space.member)
    sent = member.post(
        url("document_version_add", pk=document.pk),
        {"note": "Corrigé", "file": SimpleUploadedFile("plan.pdf", PDF + b"%v2\n")},
    )
    assert sent.status_code == 302
    page = member.get(url("document_detail", pk=document.pk))
    assert "version 2" in page.text and "Corrigé" in page.text and "version 1" in page.text

    assert body(member.get(url("document_download", pk=document.pk))) == PDF + b"%v2\n"
    assert body(member.get(url("document_version_download", pk=first.pk))) == PDF
    outsider = login(space.outsider)
    assert outsider.get(url("document_version_download", pk=first.pk)).status_code == 403
    assert outsider.get(url("document_version_add", pk=document.pk)).status_code == 403


def test_an_archived_document_is_no_longer_listed_or_served(space):
    document = share(space, title="Brouillon")
    guest = login(space.guest)
    confirm = guest.get(url("document_archive", pk=document.pk))
    assert confirm.status_code == 200 and "Archiver le document" in confirm.text
    assert guest.post(url("document_archive", pk=document.pk)).status_code == 302

    listed = guest.get(tab(space, "workspace_documents")).text
    assert "Le document « Brouillon » est archivé." in listed
    assert url("document_detail", pk=document.pk) not in listed
    assert guest.get(url("document_detail", pk=document.pk)).status_code == 404
    assert guest.get(url("document_download", pk=document.pk)).status_code == 404
    version = document.versions.get()
    assert guest.get(url("document_version_download", pk=version.pk)).status_code == 404
    # A member who did not share it may not archive it.
    other = share(space, actor=space.guest, title="Notes")
    assert login(space.member).get(url("document_archive", pk=other.pk)).status_code == 403


def test_the_lead_posts_amends_and_removes_an_announcement(
    space, django_capture_on_commit_callbacks
):
    lead = login(space.lead)
    assert "Publier une annonce" in lead.get(tab(space, "workspace")).text
    assert "Publier une annonce" not in login(space.guest).get(tab(space, "workspace")).text

    with django_capture_on_commit_callbacks(execute=True):
        sent = lead.post(
            tab(space, "announcement_create"),
            {"title": "Rencontre", "text": "Jeudi à 13 h.", "pinned": "on"},
        )
    assert sent.status_code == 302 and sent["Location"] == tab(space, "workspace")
    assert {m.to[0] for m in mail.outbox} == {space.guest.email, space.member.email}
    listed = login(space.guest).get(tab(space, "workspace"))
    assert (
        "Rencontre" in listed.text and "Jeudi à 13 h." in listed.text and "épinglée" in listed.text
    )

    announcement = Announcement.objects.get()
    form = lead.get(url("announcement_amend", pk=announcement.pk))
    version = form.context["form"]["version"].value()
    amended = lead.post(
        url("announcement_amend", pk=announcement.pk),
        {"title": "Rencontre reportée", "text": "Vendredi.", "version": version},
    )
    assert amended.status_code == 302
    announcement.refresh_from_db()
    assert (announcement.title, announcement.pinned) == ("Rencontre reportée", False)

    assert (
        login(space.guest).post(url("announcement_remove", pk=announcement.pk)).status_code == 403
    )
    assert lead.post(url("announcement_remove", pk=announcement.pk)).status_code == 302
    assert not Announcement.objects.exists()


def test_a_refused_announcement_keeps_what_was_typed(space):
    refused = login(space.staff).post(
        tab(space, "announcement_create"), {"title": "", "text": "Un texte tapé"}
    )
    assert refused.status_code == 400
    assert "Un texte tapé" in refused.text
    assert not Announcement.objects.exists()


def test_deliverables_get_an_owner_among_the_members_who_marks_them_done(space):
    deliverable = services.deliverable_add(
        actor=space.staff, workstream=space.workstream, data=DeliverableData(title="Portrait")
    )
    lead = login(space.lead)
    form = lead.get(url("deliverable_amend", pk=deliverable.pk))
    owners = form.context["form"].fields["owner"].queryset
    assert set(owners) == {space.lead.person, space.guest.person, space.member.person}
    version = form.context["form"]["version"].value()
    sent = lead.post(
        url("deliverable_amend", pk=deliverable.pk),
        {
            "title": "Portrait",
            "due_date": days(20).isoformat(),
            "owner": space.guest.person.pk,
            "version": version,
        },
    )
    assert sent.status_code == 302
    assert sent["Location"] == tab(space, "workspace_deliverables")
    refused = lead.post(
        url("deliverable_amend", pk=deliverable.pk),
        {"title": "Portrait", "owner": space.outsider.person.pk},
    )
    assert refused.status_code == 400  # not one of the choices

    guest = login(space.guest)
    listed = guest.get(tab(space, "workspace_deliverables"))
    assert "Zoé Lamarée" in listed.text and "Marquer comme réalisé" in listed.text
    assert (
        "Marquer comme réalisé"
        not in login(space.member).get(tab(space, "workspace_deliverables")).text
    )
    assert guest.post(url("deliverable_done", pk=deliverable.pk), {"done": "1"}).status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.done
    done = login(space.member).post(url("deliverable_done", pk=deliverable.pk), {"done": "0"})
    assert done.status_code == 403


def fill(space, count: int) -> Document:
    """`count` members, announcements, documents of two versions and deliverables with owners;
    the last document, to open its page."""
    document = None
    for n in range(count):
        person = guest_of(space.workstream, first_name=f"Invité {n}", last_name="Test").person
        services.announcement_post(
            actor=space.staff,
            workstream=space.workstream,
            data=AnnouncementData(title=f"Annonce {n}", text="Texte", pinned=n % 3 == 0),
        )
        document = share(space, actor=space.member, title=f"Document {n}")
        services.document_version_add(
            actor=space.staff,
            document=document,
            upload=SimpleUploadedFile("rapport.pdf", PDF),
        )
        services.deliverable_add(
            actor=space.staff,
            workstream=space.workstream,
            data=DeliverableData(title=f"Livrable {n}", due_date=days(n - 3), owner=person),
        )
    assert document is not None
    return document


def test_the_workspace_pages_keep_their_query_count_as_they_fill(space, query_budget):
    meter = query_budget(16)
    guest = login(space.guest)
    pages = [tab(space, name) for name in TABS]
    small_document = fill(space, 3)
    small = [meter.get(guest, path) for path in pages]
    small.append(meter.get(guest, url("document_detail", pk=small_document.pk)))
    large_document = fill(space, 30)
    for _n in range(10):  # a document of many versions
        services.document_version_add(
            actor=space.staff,
            document=large_document,
            upload=SimpleUploadedFile("rapport.pdf", PDF),
        )
    large = [meter.get(guest, path) for path in pages]
    large.append(meter.get(guest, url("document_detail", pk=large_document.pk)))
    assert large == small
