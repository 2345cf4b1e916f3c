"""Invitations into a workstream: sending, withdrawing, accepting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.actions import action_redirect, form_redirect, invitation_answer_page
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.governance import selectors, services
from maillage.governance.forms import InvitationForm
from maillage.governance.models import Invitation, Workstream
from maillage.governance.views._common import (
    _form_page,
    _members_url,
    _workstream,
    workstream_url,
)

if TYPE_CHECKING:
    from maillage.core.models import User

SESSION_INVITATION = "governance_invitation_sent"


_invitation = one_of(Invitation.objects.select_related("workstream"))


def _invitation_workstream(request: HttpRequest, pk: int, **_kwargs: Any) -> Workstream:
    return _invitation(request, pk).workstream


@permission_required("governance.invite", obj=_workstream)
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    workstream = _workstream(request, slug)
    form = InvitationForm(request.POST or None)

    def invite(actor: User) -> str:
        sent = services.invitation_create(
            actor=actor,
            workstream=workstream,
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        # The link exists only now (the database keeps its hash): show it to the inviter once.
        request.session[SESSION_INVITATION] = {
            "workstream": workstream.pk,
            "email": sent.invitation.email,
            "url": sent.accept_url,
        }
        return sent.invitation.email

    return form_redirect(
        request,
        form,
        invite,
        success=lambda email: _("The invitation was sent to %(email)s.") % {"email": email},
        to=_members_url(workstream),
    ) or _form_page(
        request,
        form,
        title=_("Invite someone to “%(name)s”") % {"name": workstream.name},
        group=workstream,
        intro=_(
            "The person receives an e-mail with a link to accept; they log in or create an "
            "account first. You will see the link too, to send it another way."
        ),
        submit=_("Send the invitation"),
    )


@permission_required("governance.invite", obj=_invitation_workstream)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    return action_redirect(
        request,
        lambda actor: services.invitation_revoke(actor=actor, invitation=invitation),
        success=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        to=_members_url(invitation.workstream),
    )


@permission_required("governance.view_structure")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees who invites them to what; only the invited person (an account
    that confirmed the invited address) accepts it, and sees that address in full."""
    return invitation_answer_page(
        request,
        token=token,
        find=selectors.invitation_by_token,
        accept=lambda actor, token: services.invitation_accept(actor=actor, token=token),
        template="governance/invitation_accept.html",
        welcome=lambda invitation, _result: (
            _("Welcome to the workstream “%(name)s”.") % {"name": invitation.workstream.name}
        ),
        landing=lambda invitation: workstream_url(invitation.workstream),
        email=lambda invitation: invitation.email,
        context=lambda invitation: {
            "page": selectors.invitation_page(invitation, viewer=request.user),
            "invitation": invitation,
            "workstream": invitation.workstream,
        },
    )
