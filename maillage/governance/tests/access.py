"""Permission matrix of the governance pages (see tests/matrix.py).

The sample accounts of the matrix hold no role in these circles and belong to no workstream, so
the forms reserved to a workstream's lead link or to a circle's policy roles answer as for staff.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.core.permissions import SYSTEM
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors, services
from maillage.governance.models import Accountability, CircleMode, Deliverable
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
)
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    circle = CircleFactory.create(name="Cercle témoin de la matrice", mode=CircleMode.OPEN)
    workstream = WorkstreamFactory.create(name="Chantier témoin", sponsors=[circle])
    role = RoleFactory.create(circle=circle, name="Rôle témoin")
    data.gov_circle = circle
    data.gov_workstream = workstream
    data.gov_role = role
    data.gov_role_accountability = Accountability.objects.create(role=role, text="Veiller")
    data.gov_circle_accountability = Accountability.objects.create(circle=circle, text="Porter")
    data.gov_assignment = RoleAssignmentFactory.create(role=role)
    data.gov_policy = PolicyFactory.create(circle=circle)
    data.gov_membership = MembershipFactory.create(circle=circle)
    data.gov_deliverable = Deliverable.objects.create(workstream=workstream, title="Rapport")
    sent = services.invitation_create(
        actor=SYSTEM, workstream=workstream, email="matrice@example.org"
    )
    data.gov_invitation = sent.invitation
    data.gov_invitation_token = sent.token
    data.gov_feed_token = selectors.calendar_feed_token(user_with_role("member"))
    data.gov_announcement = services.announcement_post(
        actor=SYSTEM,
        workstream=workstream,
        data=services.AnnouncementData(title="Rencontre", text="Jeudi à 13 h."),
    )
    data.gov_document = services.document_add(
        actor=SYSTEM,
        workstream=workstream,
        data=services.DocumentData(title="Compte rendu"),
        upload=SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4\n%%EOF\n"),
    )


circle = {"kwargs": lambda d: {"slug": d.gov_circle.slug}}
workstream = {"kwargs": lambda d: {"slug": d.gov_workstream.slug}}
role = {"kwargs": lambda d: {"pk": d.gov_role.pk}}
assignment = {"kwargs": lambda d: {"pk": d.gov_assignment.pk}}
policy = {"kwargs": lambda d: {"pk": d.gov_policy.pk}}
membership = {"kwargs": lambda d: {"pk": d.gov_membership.pk}}
deliverable = {"kwargs": lambda d: {"pk": d.gov_deliverable.pk}}
announcement = {"kwargs": lambda d: {"pk": d.gov_announcement.pk}}
document = {"kwargs": lambda d: {"pk": d.gov_document.pk}}

ACCESS = {
    # The public structure: names, purposes, mandates, roles (holders only for those who may).
    "governance:map": Expect.public(),
    "governance:circle_list": Expect.public(),
    "governance:circle_detail": Expect.public(**circle),
    "governance:workstream_list": Expect.public(),
    "governance:workstream_detail": Expect.public(**workstream),
    # The link of an invitation shows whom it invites where, to anyone who has it.
    "governance:invitation_accept": Expect.public(
        kwargs=lambda d: {"token": d.gov_invitation_token}
    ),
    # A calendar application subscribes without a session: the signed token stands for the
    # account (a bad token is refused: see test_ical_feed).
    "governance:calendar_ical": Expect.public(kwargs=lambda d: {"token": d.gov_feed_token}),
    # Inside circles and workstreams.
    "governance:circle_members": Expect.members(**circle),
    "governance:workstream_members": Expect.members(**workstream),
    "governance:policy_detail": Expect.members(**policy),
    "governance:calendar": Expect.authenticated(),
    # A workstream's workspace: its members (none of the sample accounts) and staff only; a
    # partner member outside it is refused (its members' contact details, Law 25).
    "governance:workspace": Expect.staff(**workstream),
    "governance:workspace_documents": Expect.staff(**workstream),
    "governance:workspace_deliverables": Expect.staff(**workstream),
    "governance:workspace_contacts": Expect.staff(**workstream),
    "governance:document_detail": Expect.staff(**document),
    "governance:document_download": Expect.staff(**document),
    "governance:document_version_download": Expect.staff(
        kwargs=lambda d: {"pk": d.gov_document.current_id}
    ),
    "governance:document_add": Expect.staff(**workstream),
    "governance:document_version_add": Expect.staff(**document),
    "governance:document_archive": Expect.staff(**document),
    "governance:announcement_create": Expect.staff(**workstream),
    "governance:announcement_amend": Expect.staff(**announcement),
    # Staff forms (and, for a workstream, its lead link; for policies, the circle's roles).
    "governance:circle_create": Expect.staff(),
    "governance:circle_amend": Expect.staff(**circle),
    "governance:circle_archive": Expect.staff(**circle),
    "governance:circle_accountability_add": Expect.staff(**circle),
    "governance:circle_member_add": Expect.staff(**circle),
    "governance:circle_role_create": Expect.staff(**circle),
    "governance:policy_adopt": Expect.staff(**circle),
    "governance:policy_amend": Expect.staff(**policy),
    "governance:policy_status": Expect.staff(**policy),
    "governance:role_amend": Expect.staff(**role),
    "governance:role_archive": Expect.staff(**role),
    "governance:role_assign": Expect.staff(**role),
    "governance:role_accountability_add": Expect.staff(**role),
    "governance:assignment_update": Expect.staff(**assignment),
    "governance:assignment_end": Expect.staff(**assignment),
    "governance:workstream_create": Expect.staff(),
    "governance:workstream_amend": Expect.staff(**workstream),
    "governance:workstream_archive": Expect.staff(**workstream),
    "governance:workstream_member_add": Expect.staff(**workstream),
    "governance:workstream_role_create": Expect.staff(**workstream),
    "governance:deliverable_add": Expect.staff(**workstream),
    "governance:deliverable_amend": Expect.staff(**deliverable),
    "governance:invitation_create": Expect.staff(**workstream),
    "governance:membership_leave": Expect.staff(**membership),
    "governance:membership_remove": Expect.staff(**membership),
    # The seat list of those forms, reloaded by HTMX when the person changes.
    "governance:role_assign_seats": Expect.staff(**role),
    "governance:circle_member_seats": Expect.staff(**circle),
    "governance:workstream_member_seats": Expect.staff(**workstream),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "governance:circle_join": Expect.members(405, **circle),
    "governance:calendar_feed_reset": Expect.authenticated(),
    "governance:circle_accountability_remove": Expect.staff(
        405, kwargs=lambda d: {"pk": d.gov_circle_accountability.pk}
    ),
    "governance:role_accountability_remove": Expect.staff(
        405, kwargs=lambda d: {"pk": d.gov_role_accountability.pk}
    ),
    "governance:workstream_transition": Expect.staff(405, **workstream),
    "governance:deliverable_done": Expect.staff(405, **deliverable),
    "governance:deliverable_remove": Expect.staff(405, **deliverable),
    "governance:announcement_remove": Expect.staff(405, **announcement),
    "governance:invitation_revoke": Expect.staff(405, kwargs=lambda d: {"pk": d.gov_invitation.pk}),
}
