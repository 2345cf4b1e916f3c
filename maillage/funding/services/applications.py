"""Applications: starting one, saving it as it is written, submitting it (each submission kept
as a revision), withdrawing it, its documents and comments, moving it along its workflow and
telling the applying organization."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import has_perm, require
from maillage.core.services import notify
from maillage.core.uploads import check_upload, safe_filename
from maillage.core.versions import lock
from maillage.funding import selectors, workflows
from maillage.funding.models import (
    Application,
    Attachment,
    BudgetLine,
    Call,
    Comment,
    OtherFunding,
    RequiredAttachment,
    Revision,
    Stage,
)
from maillage.funding.rules import tied_organization_ids
from maillage.funding.selectors.applications import accepts_applications, content_of, missing_items
from maillage.funding.services._common import fire, user_of
from maillage.funding.verbs import FundingVerb
from maillage.governance.models import Strategy
from maillage.network.models import Organization
from maillage.territories.models import Territory


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
    if step == "invite":
        # The intention was retained: the full application is written next.
        values.setdefault("stage", Stage.FULL)
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


# --- Starting and writing ------------------------------------------------------------------


def _reference_prefix(call: Call) -> str:
    """`FQIS-2026-`: the fund's short name (its slug's first word) and the call's year."""
    short = re.split(r"[-_]", call.fund.slug)[0].upper() or "APP"
    return f"{short}-{call.opens_on.year}-"


def _next_reference(call: Call) -> str:
    prefix = _reference_prefix(call)
    taken = Application.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


@transaction.atomic
def application_start(
    *, actor: Actor, call: Call, organization: Organization, title: str
) -> Application:
    """Start an application to `call` in the name of `organization` (one the actor acts for),
    with a reference unique per fund and year (`FQIS-2026-0001`); an intention first when the
    call has two steps."""
    require(actor, "funding.apply")
    call = lock(call)  # serializes the references of the call's applications
    if not accepts_applications(call):
        raise ValidationError(_("This call for projects does not take applications now."))
    if organization.pk not in tied_organization_ids(actor):
        raise ValidationError(
            {"organization": _("You may apply only in the name of an organization you act for.")}
        )
    if not title.strip():
        raise ValidationError({"title": _("Give the project a title.")})
    application = Application(
        call=call,
        organization=organization,
        reference=_next_reference(call),
        title=title.strip(),
        stage=Stage.INTENTION if call.two_steps else Stage.FULL,
        created_by=user_of(actor),
    )
    return audit.audited_save(
        actor=actor,
        instance=application,
        verb=FundingVerb.APPLICATION_STARTED,
        payload=lambda a: {
            "call": call.pk,
            "organization": organization.pk,
            "reference": a.reference,
        },
    )


@dataclass(frozen=True)
class BudgetItem:
    category: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class FundingItem:
    source: str
    amount: Decimal
    status: str


@dataclass(frozen=True)
class ApplicationData:
    """What the applicant typed: every field may still be empty in a draft."""

    title: str
    summary: str = ""
    amount_requested: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    populations: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    territories: list[Territory] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    co_applicants: list[Organization] = field(default_factory=list)
    budget: list[BudgetItem] = field(default_factory=list)
    other_funding: list[FundingItem] = field(default_factory=list)


@transaction.atomic
def application_save(
    *, actor: Actor, application: Application, data: ApplicationData, version: str | None = None
) -> Application:
    """Save what the applicant typed, complete or not (a draft is saved as it is written);
    refused only for what cannot be kept (a project ending before it starts) or a version
    that someone else saved since the form was opened."""
    application = lock(application, version=version)
    require(actor, "funding.edit_application", application)
    if not data.title.strip():
        raise ValidationError({"title": _("Give the project a title.")})
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise ValidationError({"end_date": _("A project cannot end before it starts.")})
    before = content_of(application)
    keys = {s.key for s in application.call.sections.all()}
    application.title = data.title.strip()
    application.summary = data.summary
    # The field is nullable; `money()` types it as a Decimal.
    application.amount_requested = data.amount_requested  # type: ignore[assignment]
    application.start_date = data.start_date
    application.end_date = data.end_date
    application.populations = data.populations
    application.answers = {k: v for k, v in data.answers.items() if k in keys}
    application.full_clean(exclude=["reference"])
    application.save()
    application.territories.set(data.territories)
    application.strategies.set(data.strategies)
    application.co_applicants.set(
        [o for o in data.co_applicants if o.pk != application.organization_id]
    )
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            category=item.category,
            description=item.description,
            amount=item.amount,
        )
        for item in data.budget
    )
    application.other_funding.all().delete()
    OtherFunding.objects.bulk_create(
        OtherFunding(application=application, source=i.source, amount=i.amount, status=i.status)
        for i in data.other_funding
    )
    changed = sorted(k for k, v in content_of(application).items() if before.get(k) != v)
    if changed:
        audit.record(
            actor=actor,
            verb=FundingVerb.APPLICATION_SAVED,
            target=application,
            payload={"fields": changed},
        )
    return application


@transaction.atomic
def application_submit(*, actor: Actor, application: Application) -> Application:
    """Submit the application (or resubmit it after more information was asked): refused
    with the checklist while something is missing; each submission keeps a revision of
    everything it says."""
    application = lock(application)
    require(actor, "funding.edit_application", application)
    missing = missing_items(application)
    if missing:
        raise ValidationError(missing)
    step = "resubmit" if application.state == "more_information" else "submit"
    number = application.revision + 1
    Revision.objects.create(
        application=application,
        number=number,
        stage=application.stage,
        content=content_of(application),
        submitted_by=user_of(actor),
    )
    return application_transition(
        actor=actor,
        application=application,
        step=step,
        payload={"revision": number},
        submitted_at=timezone.now(),
        revision=number,
    )


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application, note: str = "") -> Application:
    """Withdraw the application (the applying organization, or staff)."""
    require(actor, "funding.view_application", application)
    return application_transition(actor=actor, application=application, step="withdraw", note=note)


# --- Documents and comments ----------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "MAILLAGE_FUNDING_MAX_UPLOAD_MB", 10)) * 1024 * 1024


@transaction.atomic
def attachment_add(
    *,
    actor: Actor,
    application: Application,
    upload: File[Any],
    title: str = "",
    required: RequiredAttachment | None = None,
) -> Attachment:
    """Add a document (PDF, office document, image), its type read from its content and its
    size within `MAILLAGE_FUNDING_MAX_UPLOAD_MB`; refused at the `file` field otherwise."""
    require(actor, "funding.edit_application", application)
    try:
        kind = check_upload(upload, max_bytes=max_upload_bytes())
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if required is not None and required.call_id != application.call_id:
        raise ValidationError({"required": _("This document is not one the call asks for.")})
    filename = safe_filename(upload.name or "", kind)
    attachment = Attachment(
        application=application,
        required=required,
        title=(title.strip() or (required.title if required else filename))[:200],
        filename=filename,
        size=upload.size or 0,
        uploaded_by=user_of(actor),
    )
    attachment.file.save(filename, upload, save=False)
    return audit.audited_save(
        actor=actor,
        instance=attachment,
        verb=FundingVerb.ATTACHMENT_ADDED,
        target=application,
        payload=lambda a: {"attachment": a.pk, "filename": a.filename, "size": a.size},
    )


@transaction.atomic
def attachment_remove(*, actor: Actor, attachment: Attachment) -> None:
    """Remove a document while the application may be changed; its file goes with it once
    the transaction commits (a rollback keeps it)."""
    application = attachment.application
    require(actor, "funding.edit_application", application)
    audit.record(
        actor=actor,
        verb=FundingVerb.ATTACHMENT_REMOVED,
        target=application,
        payload={"attachment": attachment.pk, "filename": attachment.filename},
    )
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def comment_add(*, actor: Actor, application: Application, text: str, shared: bool) -> Comment:
    """A comment: internal (staff and reviewers not in conflict) or shared with the
    applicant. The applicant's own comments are always shared, a reviewer's always internal
    (only staff speak to the applicant); a shared comment of the staff is sent to the
    applicant."""
    require(actor, "funding.view_application", application)
    internal = has_perm(actor, "funding.view_analysis", application)
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    comment = audit.audited_save(
        actor=actor,
        instance=Comment(
            application=application,
            author=user_of(actor),
            text=text.strip(),
            shared=not internal or (shared and has_perm(actor, "funding.manage")),
        ),
        verb=FundingVerb.COMMENT_ADDED,
        target=application,
        payload=lambda c: {"comment": c.pk, "shared": c.shared},
    )
    if comment.shared and internal:
        with translation.override("fr"):
            subject = _("A message about your application “%(title)s”") % {
                "title": application.title
            }
        tell_applicants(application, subject=subject, body=comment.text)
    return comment
