"""A workstream's workspace: announcements told to its members, documents shared with their
versions through the storage API, deliverables carried by an owner; who may read and do what."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from maillage.core.models import AuditEvent, Notification
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import StaleVersion, version_of
from maillage.governance import selectors, services
from maillage.governance.models import Announcement, Document, DocumentVersion
from maillage.governance.paths import page_url
from maillage.governance.services import (
    SYSTEM,
    AnnouncementData,
    DeliverableData,
    DocumentData,
)
from maillage.governance.tests.factories import days, guest_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def upload(name="rapport.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def events(workstream):
    return list(
        AuditEvent.objects.filter(target_id=str(workstream.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def stored(space) -> list[str]:
    """Every file name in the storage, walking its folders."""
    storage = space.storage
    found, folders = [], [""]
    while folders:
        folder = folders.pop()
        subfolders, files = storage.listdir(folder)
        found += [f"{folder}/{name}".lstrip("/") for name in files]
        folders += [f"{folder}/{name}".lstrip("/") for name in subfolders]
    return sorted(found)


# Announcements


def test_the_lead_posts_an_announcement_and_every_other_member_is_told(
    space, django_capture_on_commit_callbacks
):
    gone = guest_of(space.workstream, first_name="Paul", last_name="Parti")
    services.membership_leave(
        actor=gone, membership=gone.person.memberships.get(workstream=space.workstream)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        announcement = services.announcement_post(
            actor=space.lead,
            workstream=space.workstream,
            data=AnnouncementData(title=" Rencontre jeudi ", text="À 13 h, au local.", pinned=True),
        )

    assert (announcement.title, announcement.pinned, announcement.author) == (
        "Rencontre jeudi",
        True,
        space.lead,
    )
    assert events(space.workstream)[-1] == "workstream.announcement_posted"
    told = Notification.objects.filter(subject="Participation sociale : Rencontre jeudi")
    assert {n.recipient for n in told} == {space.guest, space.member}
    assert {n.url for n in told} == {page_url("workspace", slug=space.workstream.slug)}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([space.guest.email, space.member.email])


@pytest.mark.parametrize("who", ["guest", "member", "outsider"])
def test_only_staff_and_the_lead_post_announcements(space, who):
    with translation.override("fr-ca"), pytest.raises(PermissionDenied) as refused:
        services.announcement_post(
            actor=getattr(space, who),
            workstream=space.workstream,
            data=AnnouncementData(title="Annonce", text="Texte"),
        )
    assert "premier lien du chantier" in str(refused.value)
    assert not Announcement.objects.exists()


def test_an_announcement_needs_a_title_and_a_text(space):
    with translation.override("fr-ca"), pytest.raises(ValidationError) as refused:
        services.announcement_post(
            actor=space.staff, workstream=space.workstream, data=AnnouncementData(" ", "")
        )
    assert refused.value.message_dict == {
        "title": ["Donnez un titre à l’annonce."],
        "text": ["Rédigez l’annonce."],
    }


def test_an_announcement_is_amended_on_its_version_then_removed(space):
    announcement = services.announcement_post(
        actor=space.staff,
        workstream=space.workstream,
        data=AnnouncementData(title="Rencontre", text="Jeudi."),
    )
    opened = version_of(announcement)
    Announcement.objects.get(pk=announcement.pk).save()  # someone else saved it since

    with pytest.raises(StaleVersion):
        services.announcement_amend(
            actor=space.lead,
            announcement=announcement,
            data=AnnouncementData(title="Rencontre reportée", text="Vendredi."),
            version=opened,
        )
    announcement.refresh_from_db()
    services.announcement_amend(
        actor=space.lead,
        announcement=announcement,
        data=AnnouncementData(title="Rencontre reportée", text="Vendredi.", pinned=True),
        version=version_of(announcement),
    )
    amended = AuditEvent.objects.get(verb="workstream.announcement_amended")
    assert amended.payload["title"] == ["Rencontre", "Rencontre reportée"]
    assert amended.payload["pinned"] == [False, True]

    pk = announcement.pk
    services.announcement_remove(actor=space.lead, announcement=announcement)
    assert not Announcement.objects.exists()
    removed = AuditEvent.objects.get(verb="workstream.announcement_removed")
    assert removed.payload == {"announcement": pk, "title": "Rencontre reportée"}


def test_nothing_is_posted_or_shared_in_an_archived_workstream(space):
    services.workstream_archive(actor=SYSTEM, workstream=space.workstream)
    with translation.override("fr-ca"):
        with pytest.raises(ValidationError, match="Ce chantier est archivé"):
            services.announcement_post(
                actor=space.staff,
                workstream=space.workstream,
                data=AnnouncementData(title="Annonce", text="Texte"),
            )
        with pytest.raises(ValidationError, match="Ce chantier est archivé"):
            services.document_add(
                actor=space.staff,
                workstream=space.workstream,
                data=DocumentData(title="Rapport"),
                upload=upload(),
            )
    assert not stored(space)


def test_announcements_are_listed_pinned_first_then_newest(space):
    for title, pinned in (("Ancienne", False), ("Épinglée", True), ("Récente", False)):
        services.announcement_post(
            actor=space.staff,
            workstream=space.workstream,
            data=AnnouncementData(title=title, text="…", pinned=pinned),
        )
    listed = selectors.workspace_announcements(viewer=space.guest, workstream=space.workstream)
    assert [a.title for a in listed] == ["Épinglée", "Récente", "Ancienne"]
    assert not selectors.workspace_announcements(
        viewer=space.outsider, workstream=space.workstream
    ).exists()


# Documents


def test_a_guest_shares_a_document_stored_through_the_storage_api(space):
    document = services.document_add(
        actor=space.guest,
        workstream=space.workstream,
        data=DocumentData(title="Portrait des lieux", description="Première ébauche."),
        upload=upload("C:\\Mes documents\\Portrait des lieux (v1).pdf"),
    )

    version = document.current
    assert (version.number, version.uploaded_by, document.created_by) == (
        1,
        space.guest,
        space.guest,
    )
    assert version.filename == "Portrait des lieux (v1).pdf"
    assert (version.content_type, version.size) == ("application/pdf", len(PDF))
    assert version.file.name.startswith(f"chantiers/{space.workstream.pk}/documents/")
    assert version.file.name.endswith("/portrait-des-lieux-v1.pdf")
    assert stored(space) == [version.file.name]
    with space.storage.open(version.file.name) as kept:
        assert kept.read() == PDF
    added = AuditEvent.objects.get(verb="workstream.document_added")
    assert added.payload == {
        "document": document.pk,
        "title": "Portrait des lieux",
        "version": 1,
        "filename": "Portrait des lieux (v1).pdf",
    }


def test_a_document_without_a_title_takes_its_files_name(space):
    document = services.document_add(
        actor=space.member,
        workstream=space.workstream,
        data=DocumentData(title="  "),
        upload=upload("Procès-verbal du 1er août.pdf"),
    )
    assert document.title == "Procès-verbal du 1er août"


def test_a_new_version_keeps_the_earlier_ones(space):
    document = services.document_add(
        actor=space.guest,
        workstream=space.workstream,
        data=DocumentData(title="Liste des lieux"),
        upload=upload("lieux.csv", "lieu\nCafé\n".encode()),
    )
    second = services.document_version_add(
        actor=space.member,
        document=document,
        upload=upload("lieux.csv", "lieu\nCafé\nCuisine\n".encode()),
        note="Un lieu de plus.",
    )

    document.refresh_from_db()
    assert document.current == second
    versions = list(document.versions.order_by("number"))
    assert [(v.number, v.uploaded_by, v.note) for v in versions] == [
        (1, space.guest, ""),
        (2, space.member, "Un lieu de plus."),
    ]
    assert versions[0].file.name != versions[1].file.name
    with space.storage.open(versions[0].file.name) as first:
        assert first.read() == "lieu\nCafé\n".encode()
    assert events(space.workstream)[-2:] == [
        "workstream.document_added",
        "workstream.document_version_added",
    ]


REFUSED = {
    "exe": ("installeur.exe", b"MZ\x90\x00", "Ce type de fichier n’est pas accepté"),
    "disguised": ("rapport.pdf", PNG, "n’est pas celui d’un fichier « .pdf »"),
    "empty": ("vide.pdf", b"", "Le fichier est vide."),
    "too large": ("gros.pdf", PDF + b"x" * 100, "Le fichier est trop volumineux"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_of_a_wrong_type_or_size_is_refused_at_its_field_in_french(space, settings, case):
    settings.MAILLAGE_DOCUMENT_MAX_BYTES = 100
    name, content, said = REFUSED[case]
    document = services.document_add(
        actor=space.guest,
        workstream=space.workstream,
        data=DocumentData(title="Rapport"),
        upload=upload(),
    )
    kept = stored(space)

    with translation.override("fr-ca"):
        with pytest.raises(ValidationError) as first:
            services.document_add(
                actor=space.guest,
                workstream=space.workstream,
                data=DocumentData(title="Autre"),
                upload=upload(name, content),
            )
        with pytest.raises(ValidationError) as later:
            services.document_version_add(
                actor=space.guest, document=document, upload=upload(name, content)
            )

    for refusal in (first.value, later.value):
        assert list(refusal.message_dict) == ["file"]
        assert said in refusal.message_dict["file"][0]
    assert Document.objects.count() == 1
    assert DocumentVersion.objects.count() == 1
    assert stored(space) == kept  # nothing refused reached the storage


def test_who_may_archive_a_document(space):
    shared = services.document_add(
        actor=space.guest,
        workstream=space.workstream,
        data=DocumentData(title="Notes"),
        upload=upload(),
    )
    with translation.override("fr-ca"), pytest.raises(PermissionDenied, match="déposé"):
        services.document_archive(actor=space.member, document=shared)

    services.document_archive(actor=space.guest, document=shared)
    shared.refresh_from_db()
    assert shared.is_archived and shared.archived_by == space.guest
    assert shared.versions.count() == 1  # its versions are kept
    assert not selectors.workspace_documents(viewer=space.guest, workstream=space.workstream)
    with pytest.raises(ValidationError):
        services.document_archive(actor=space.lead, document=shared)
    with pytest.raises(ValidationError):
        services.document_version_add(actor=space.guest, document=shared, upload=upload())

    other = services.document_add(
        actor=space.member,
        workstream=space.workstream,
        data=DocumentData(title="Budget"),
        upload=upload(),
    )
    services.document_archive(actor=space.lead, document=other)
    assert events(space.workstream).count("workstream.document_archived") == 2


def test_a_partner_member_outside_the_workstream_shares_nothing(space):
    with translation.override("fr-ca"), pytest.raises(PermissionDenied, match="membres du"):
        services.document_add(
            actor=space.outsider,
            workstream=space.workstream,
            data=DocumentData(title="Intrus"),
            upload=upload(),
        )
    assert not Document.objects.exists()


# Deliverables


def test_a_deliverable_is_carried_by_a_member_who_is_told(space):
    deliverable = services.deliverable_add(
        actor=space.lead,
        workstream=space.workstream,
        data=DeliverableData(title="Portrait", due_date=days(30), owner=space.guest.person),
    )
    assert deliverable.owner == space.guest.person
    [told] = Notification.objects.filter(recipient=space.guest, subject__contains="Portrait")
    assert told.url == page_url("workspace_deliverables", slug=space.workstream.slug)
    assert "Il est prévu pour le" in told.body

    with translation.override("fr-ca"), pytest.raises(ValidationError) as refused:
        services.deliverable_amend(
            actor=space.lead,
            deliverable=deliverable,
            data=DeliverableData(title="Portrait", owner=space.outsider.person),
        )
    assert refused.value.message_dict == {
        "owner": ["Choisissez l’un des membres actuels du chantier."]
    }

    opened = version_of(deliverable)
    deliverable.save()  # someone else saved it since
    with pytest.raises(StaleVersion):
        services.deliverable_amend(
            actor=space.lead,
            deliverable=deliverable,
            data=DeliverableData(title="Portrait", owner=space.member.person),
            version=opened,
        )
    deliverable.refresh_from_db()
    services.deliverable_amend(
        actor=space.lead,
        deliverable=deliverable,
        data=DeliverableData(title="Portrait", due_date=days(40), owner=space.member.person),
        version=version_of(deliverable),
    )
    deliverable.refresh_from_db()
    assert (deliverable.owner, deliverable.due_date) == (space.member.person, days(40))
    assert Notification.objects.filter(recipient=space.member, subject__contains="Portrait")
    amended = AuditEvent.objects.get(verb="workstream.deliverable_amended")
    assert amended.payload["owner"] == ["Zoé Lamarée", "Anatole Beaulac"]


def test_the_owner_marks_their_deliverable_done_and_no_other_member_may(space):
    deliverable = services.deliverable_add(
        actor=space.staff,
        workstream=space.workstream,
        data=DeliverableData(title="Bilan", owner=space.guest.person),
    )
    with translation.override("fr-ca"), pytest.raises(PermissionDenied, match="responsable"):
        services.deliverable_set_done(actor=space.member, deliverable=deliverable, done=True)

    services.deliverable_set_done(actor=space.guest, deliverable=deliverable, done=True)
    deliverable.refresh_from_db()
    assert deliverable.done

    services.membership_leave(
        actor=space.guest,
        membership=space.guest.person.memberships.get(workstream=space.workstream),
    )
    with pytest.raises(PermissionDenied):
        services.deliverable_set_done(actor=space.guest, deliverable=deliverable, done=False)


# Who sees the workspace


def test_the_workspace_opens_to_its_members_and_staff_only(space):
    workstream = space.workstream
    guest = selectors.workspace_of(viewer=space.guest, workstream=workstream)
    lead = selectors.workspace_of(viewer=space.lead, workstream=workstream)
    staff = selectors.workspace_of(viewer=space.staff, workstream=workstream)
    assert guest is not None and lead is not None and staff is not None
    assert (guest.can_post, guest.can_share, guest.can_change) == (False, True, False)
    assert (lead.can_post, lead.can_share, lead.can_change) == (True, True, True)
    assert (staff.can_post, staff.can_share, staff.can_change) == (True, True, True)
    for outside in (space.outsider, user_with_role(PlatformRole.CITIZEN), AnonymousUser()):
        assert selectors.workspace_of(viewer=outside, workstream=workstream) is None
        assert selectors.workspace_contacts(viewer=outside, workstream=workstream) == []
        assert selectors.workspace_deliverables(viewer=outside, workstream=workstream) == []


def test_the_contacts_give_each_members_email_and_telephone(space):
    rows = selectors.workspace_contacts(viewer=space.guest, workstream=space.workstream)
    contacts = {str(r.person): (r.person.email, r.person.phone) for r in rows}
    assert contacts == {
        "Bastien Hautecôte": (space.lead.email, space.lead.person.phone),
        "Anatole Beaulac": (space.member.email, "418 555-0202"),
        "Zoé Lamarée": (space.guest.email, "418 555-0101"),
    }
