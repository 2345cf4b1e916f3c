"""Writes of the requests: a person asks, the handlers move the request along its workflow, the
requester is told at each step, and the handlers are reminded of the deadline."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import SYSTEM, Actor
from maillage.core.models import User
from maillage.core.permissions import has_perm, require
from maillage.core.services.notifications import notify
from maillage.privacy.models import DEADLINE, Request, RequestKind
from maillage.privacy.selectors.requests import handlers, requests_due
from maillage.privacy.verbs import RequestVerb
from maillage.privacy.workflows import HANDLER, REQUEST

MESSAGE_MAX = 5000


def _url(item: Request) -> str:
    return reverse("privacy:request_detail", kwargs={"pk": item.pk})


@transaction.atomic
def request_create(
    *, actor: User, kind: str, message: str = "", remove_texts: bool = False
) -> Request:
    """The actor asks about their own information; the handlers are told. The deadline is
    thirty days from receipt (Law 25, s. 32)."""
    require(actor, "privacy.request_create")
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Choose the kind of request.")})
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {"message": _("At most %(count)d characters.") % {"count": MESSAGE_MAX}}
        )
    if remove_texts and kind != RequestKind.DELETION:
        raise ValidationError(
            {"remove_texts": _("Only a request for deletion removes the texts you wrote.")}
        )
    now = timezone.now()
    item = Request.objects.create(
        account=actor,
        kind=kind,
        message=message.strip(),
        remove_texts=remove_texts,
        status=REQUEST.initial,
        received_at=now,
        due_at=now + DEADLINE,
    )
    audit.record(
        actor=actor,
        verb=RequestVerb.CREATED,
        target=item,
        payload={"kind": kind, "remove_texts": remove_texts},
    )
    notify(
        recipient=actor,
        subject=_("Your request was received"),
        body=_("We received your request (%(kind)s). We answer it by %(due)s at the latest.")
        % {"kind": item.get_kind_display(), "due": timezone.localdate(item.due_at).isoformat()},
        url=_url(item),
    )
    for handler in handlers():
        if handler.pk != actor.pk:
            notify(
                recipient=handler,
                subject=_("New request about personal information (%(kind)s)")
                % {"kind": item.get_kind_display()},
                body=_("To be answered by %(due)s.")
                % {"due": timezone.localdate(item.due_at).isoformat()},
                url=_url(item),
            )
    return item


def _roles(actor: Actor) -> set[str] | None:
    if actor is SYSTEM:
        return None
    return {HANDLER} if has_perm(actor, "privacy.handle_requests") else set()


_VERBS = {
    "start": RequestVerb.STARTED,
    "complete": RequestVerb.COMPLETED,
    "refuse": RequestVerb.REFUSED,
}


@transaction.atomic
def request_transition(
    *, actor: Actor, request: Request, transition: str, reason: str = ""
) -> Request:
    """Fire `transition` on the request; a refusal needs its reason, which the requester reads.
    Completing a deletion anonymizes the requester's account for good
    (`anonymization.account_anonymize`), which needs `privacy.anonymize_account`."""
    item = Request.objects.select_for_update().get(pk=request.pk)
    step = REQUEST.check(transition, state=item.status, roles=_roles(actor))
    reason = reason.strip()
    if step.key == "refuse" and not reason:
        raise ValidationError({"reason": _("Say why the request is refused.")})
    deleting = step.key == "complete" and item.kind == RequestKind.DELETION
    if deleting:
        require(actor, "privacy.anonymize_account")
    previous = item.status
    item.status = step.target
    if isinstance(actor, User):
        item.handled_by = actor
    if step.key == "refuse":
        item.refusal_reason = reason
    if step.target in ("completed", "refused"):
        item.completed_at = timezone.now()
    item.save()
    audit.record(
        actor=actor,
        verb=_VERBS[step.key],
        target=item,
        payload={"from": previous, "to": step.target},
    )
    if deleting:
        from maillage.privacy.services.anonymization import account_anonymize

        _tell_deleted(item.account)
        account_anonymize(actor=actor, account=item.account, remove_texts=item.remove_texts)
    else:
        _tell(item, step.key)
    return item


def _tell(item: Request, step: str) -> None:
    subjects = {
        "start": _("Your request is being handled"),
        "complete": _("Your request was answered"),
        "refuse": _("Your request was refused"),
    }
    body = _("Request: %(kind)s.") % {"kind": item.get_kind_display()}
    if step == "refuse":
        body += "\n\n" + _("Reason: %(reason)s") % {"reason": item.refusal_reason}
    notify(recipient=item.account, subject=subjects[step], body=body, url=_url(item))


def _tell_deleted(account: User) -> None:
    """The last word to the person, sent to the address they have now: once anonymized, the
    account has none, and nothing of the message is kept."""
    from django.conf import settings
    from django.core.mail import send_mail

    address = account.email
    with translation.override(settings.LANGUAGE_CODE):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Your information was deleted")
        body = _(
            "As you asked, your name and contact details were removed from the platform and your "
            "account was closed. The collective's records (decisions, minutes, funding files) "
            "remain, under a pseudonym. This cannot be undone."
        )
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


@transaction.atomic
def requests_remind_due(*, actor: Actor, now: datetime | None = None) -> int:
    """Notify the handlers of the open requests due within seven days or late, once a day per
    request. Returns how many requests were reminded."""
    now = now or timezone.now()
    due = requests_due(now=now)
    if not due:
        return 0
    people = handlers()
    today = timezone.localdate(now)
    for item in due:
        late = item.due_at < now
        subject = (
            _("Late request about personal information (no. %(number)s)")
            if late
            else _("Request about personal information due soon (no. %(number)s)")
        ) % {"number": item.pk}
        body = _("Request: %(kind)s. Due on %(due)s.") % {
            "kind": item.get_kind_display(),
            "due": timezone.localdate(item.due_at).isoformat(),
        }
        for person in people:
            notify(recipient=person, subject=subject, body=body, url=_url(item))
        item.reminded_on = today
        item.save(update_fields=["reminded_on", "updated_at"])
        audit.record(actor=actor, verb=RequestVerb.REMINDED, target=item, payload={"late": late})
    return len(due)
