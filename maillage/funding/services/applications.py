"""Applications: moving one along its workflow and telling the applying organization."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.services import notify
from maillage.funding import selectors, workflows
from maillage.funding.models import Application
from maillage.funding.services._common import fire
from maillage.funding.verbs import FundingVerb


def application_url(application: Application) -> str:
    return reverse("funding:application_detail", args=[application.pk])


def tell_applicants(application: Application, *, subject: str, body: str) -> None:
    """Notify every active account that acts for the applying organization (and who started
    the application), in the platform and by e-mail once committed."""
    for account in selectors.applicant_accounts(application):
        notify(recipient=account, subject=subject, body=body, url=application_url(application))


@transaction.atomic
def application_transition(
    *,
    actor: Actor,
    application: Application,
    step: str,
    note: str = "",
    payload: dict[str, Any] | None = None,
    **values: Any,
) -> Application:
    """Fire `step` of the application's workflow (checked for `actor`, audited). When the state
    the applicants read changes, they are told, with `note` when given; internal steps of the
    analysis, which all read "Under analysis" to them, stay silent."""
    before = workflows.APPLICATION.label(application.state, public=True)
    fire(
        actor=actor,
        instance=application,
        workflow=workflows.APPLICATION,
        step=step,
        verb=FundingVerb.APPLICATION_TRANSITION,
        payload={"note": note, **(payload or {})} if note else payload,
        **values,
    )
    after = workflows.APPLICATION.label(application.state, public=True)
    if str(after) != str(before):
        with translation.override("fr"):
            subject = _("Your application “%(title)s”: %(state)s") % {
                "title": application.title,
                "state": str(after),
            }
        tell_applicants(application, subject=subject, body=note)
    return application
