"""Moderation: a person reports a contribution; a moderator hides it with a reason shown in its
place, restores it, or dismisses its reports; staff and a group's lead name its moderators."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.services import notify
from maillage.core.versions import lock
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import Comment, Moderator, Proposal, Report, ReportReason
from maillage.participation.rules.common import takes_part_in
from maillage.participation.verbs import ParticipationVerb

type Contribution = Proposal | Comment


def _locked(contribution: Contribution, *, version: str | None = None) -> Contribution:
    """The contribution read again under a row lock: two moderators acting at once see each
    other's work instead of overwriting it. A `version` other than the contribution's is
    refused (`core.versions.StaleVersion`)."""
    return lock(contribution, version=version)


def _key(contribution: Contribution) -> dict[str, Contribution]:
    return {"proposal" if isinstance(contribution, Proposal) else "comment": contribution}


def _handle_open_reports(actor: Actor, contribution: Contribution) -> int:
    return Report.objects.filter(handled_at__isnull=True, **_key(contribution)).update(
        handled_at=timezone.now(), handled_by=actor if isinstance(actor, User) else None
    )


@transaction.atomic
def report_file(
    *,
    actor: Actor,
    proposal: Proposal | None = None,
    comment: Comment | None = None,
    reason: str,
    details: str = "",
) -> Report:
    """`actor` reports a proposal or a comment; one open report per person and contribution."""
    contribution = proposal if proposal is not None else comment
    if contribution is None or (proposal is not None and comment is not None):
        raise ValidationError(_("A report concerns one proposal or one comment."))
    require(actor, "participation.report", contribution)
    if not isinstance(actor, User):
        raise ValidationError(_("A report is made by a person, under their account."))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose the reason for your report.")})
    if contribution.is_hidden:
        raise ValidationError(_("The moderation has already hidden this contribution."))
    key = _key(contribution)
    if Report.objects.filter(reporter=actor, handled_at__isnull=True, **key).exists():
        raise ValidationError(
            _("You have already reported this contribution. The moderation will look at it.")
        )
    try:
        with transaction.atomic():  # a report sent twice at once: the constraint says no
            report = Report.objects.create(
                reporter=actor, reason=reason, details=details.strip(), **key
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already reported this contribution. The moderation will look at it.")
        ) from error
    audit.record(
        actor=actor,
        verb=ParticipationVerb.REPORTED,
        target=contribution,
        payload={"report": report.pk, "reason": reason},
    )
    return report


def _tell_the_author(contribution: Contribution, reason: str) -> None:
    author = contribution.author
    if author is None or not author.is_active:
        return  # gathered in person: whoever recorded it reads the reason on the page
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(contribution, Proposal):
            subject = _("Your proposal “%(title)s” was hidden by the moderation") % {
                "title": contribution.title
            }
        else:
            subject = _("Your comment was hidden by the moderation")
        body = _(
            "The reason given: %(reason)s\n\nYou may read the code of conduct, and write to the "
            "coordination if you disagree."
        ) % {"reason": reason}
    notify(
        recipient=author,
        subject=subject,
        body=body,
        url=reverse("participation:code_of_conduct"),
    )


@transaction.atomic
def contribution_hide(
    *, actor: Actor, contribution: Contribution, reason: str, version: str | None = None
) -> Contribution:
    """Hide a contribution; `reason` is shown to the public in its place. Its open reports are
    handled; its author is told why. A `version` other than the contribution's is refused: a
    moderator restored or hid it since the form was opened."""
    require(actor, "participation.moderate", contribution)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, in a few words: the public will read it.")})
    contribution = _locked(contribution, version=version)
    if contribution.is_hidden:
        raise ValidationError(_("This contribution is already hidden."))
    contribution.hidden_at = timezone.now()
    contribution.hidden_by = actor if isinstance(actor, User) else None
    contribution.hidden_reason = reason
    contribution.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    handled = _handle_open_reports(actor, contribution)
    audit.record(
        actor=actor,
        verb=ParticipationVerb.HIDDEN,
        target=contribution,
        payload={"reason": reason, "reports_handled": handled},
    )
    _tell_the_author(contribution, reason)
    return contribution


@transaction.atomic
def contribution_restore(*, actor: Actor, contribution: Contribution) -> Contribution:
    """Show a hidden contribution again."""
    require(actor, "participation.moderate", contribution)
    contribution = _locked(contribution)
    if not contribution.is_hidden:
        raise ValidationError(_("This contribution is not hidden."))
    reason = contribution.hidden_reason
    contribution.hidden_at = None
    contribution.hidden_by = None
    contribution.hidden_reason = ""
    contribution.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    audit.record(
        actor=actor,
        verb=ParticipationVerb.RESTORED,
        target=contribution,
        payload={"reason_was": reason},
    )
    return contribution


@transaction.atomic
def reports_dismiss(*, actor: Actor, contribution: Contribution) -> int:
    """The moderator finds nothing against the code of conduct: the open reports are handled,
    the contribution stays. Returns how many reports were handled."""
    require(actor, "participation.moderate", contribution)
    contribution = _locked(contribution)
    handled = _handle_open_reports(actor, contribution)
    if not handled:
        raise ValidationError(_("This contribution has no report waiting."))
    audit.record(
        actor=actor,
        verb=ParticipationVerb.REPORT_DISMISSED,
        target=contribution,
        payload={"reports_handled": handled},
    )
    return handled


def _group_key(group: Circle | Workstream) -> dict[str, Circle | Workstream]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


@transaction.atomic
def moderator_name(*, actor: Actor, group: Circle | Workstream, account: User) -> Moderator:
    """Name `account`, a member of `group`, moderator of the group's consultations."""
    require(actor, "participation.name_moderators", group)
    if not takes_part_in(account, group) or not account.is_active:
        raise ValidationError(
            {"account": _("This person is not a member of this circle or workstream.")}
        )
    if Moderator.objects.filter(account=account, **_group_key(group)).exists():
        raise ValidationError({"account": _("This person already moderates this group.")})
    moderator = Moderator.objects.create(
        account=account,
        named_by=actor if isinstance(actor, User) else None,
        **_group_key(group),
    )
    audit.record(
        actor=actor,
        verb=ParticipationVerb.MODERATOR_NAMED,
        target=group,
        payload={"account": account.pk, "moderator": moderator.pk},
    )
    return moderator


@transaction.atomic
def moderator_remove(*, actor: Actor, moderator: Moderator) -> None:
    """`moderator` no longer moderates its group."""
    group = moderator.circle or moderator.workstream
    require(actor, "participation.name_moderators", group)
    account_id = moderator.account_id
    deleted, _rows = Moderator.objects.filter(pk=moderator.pk).delete()
    if not deleted:
        raise ValidationError(_("This person no longer moderates this group."))
    audit.record(
        actor=actor,
        verb=ParticipationVerb.MODERATOR_REMOVED,
        target=group,
        payload={"account": account_id},
    )
