"""The governance calendar: reminders of its events and the private iCal feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM
from maillage.core.services import notify
from maillage.governance.feeds import feed_token
from maillage.governance.models import CalendarFeed, Reminder, ReminderKind
from maillage.governance.services._common import _now, _require, _today, _user
from maillage.governance.verbs import GovernanceVerb

# Reminders


DEFAULT_REMINDER_DAYS = 14


def reminder_days() -> int:
    return int(getattr(settings, "MAILLAGE_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


@dataclass
class ReminderReport:
    sent: int = 0
    events: int = 0
    skipped_without_account: list[str] = field(default_factory=list)


@transaction.atomic
def reminders_send(*, actor: Actor = SYSTEM, today: date | None = None) -> ReminderReport:
    """Notify the people concerned by every calendar event due within MAILLAGE_REMINDER_DAYS
    days (14 by default): the holder for a term end, the circle's lead link and secretary for a
    policy review, the workstream's lead link and its sponsors' lead links for a sunset.

    Each (event, person) is notified once: a `Reminder` row with a unique constraint records
    it, so running this twice, or every day, sends nothing more. Events whose date changes are
    new events and are reminded again.
    """
    from maillage.governance.selectors.calendars import reminder_plan

    _require(actor, "governance.manage_roles")
    start = today or _today()
    with translation.override(settings.LANGUAGE_CODE):
        plan = reminder_plan(start=start, end=start + timedelta(days=reminder_days()))
        report = ReminderReport(events=len(plan))
        for item in plan:
            for recipient in item.recipients:
                try:
                    with transaction.atomic():
                        Reminder.objects.create(
                            kind=item.event.kind,
                            object_id=item.event.object_id,
                            event_date=item.event.date,
                            recipient=recipient,
                        )
                        notify(
                            recipient=recipient,
                            subject=_reminder_subject(
                                item.event.kind, item.event.title, item.event.date
                            ),
                            body=item.event.description,
                            url=item.event.url,
                        )
                except IntegrityError:
                    continue  # already reminded
                report.sent += 1
            report.skipped_without_account.extend(item.without_account)
    if report.sent:
        audit.record(
            actor=actor,
            verb=GovernanceVerb.REMINDERS_SENT,
            payload={"sent": report.sent, "date": start.isoformat()},
        )
    return report


def _reminder_subject(kind: str, title: str, when: date) -> str:
    day = long_date(when)
    if kind == ReminderKind.POLICY_REVIEW:
        return _("Policy review on %(date)s: %(title)s") % {"date": day, "title": title}
    if kind == ReminderKind.TERM_END:
        return _("Term ending on %(date)s: %(title)s") % {"date": day, "title": title}
    return _("Workstream sunset on %(date)s: %(title)s") % {"date": day, "title": title}


# The private iCal feed


@transaction.atomic
def calendar_feed_reset(*, actor: Actor) -> str:
    """Give `actor`'s iCal feed a new link; earlier links stop working. Returns the new token."""
    _require(actor, "governance.view_calendar")
    user = _user(actor)
    assert user is not None
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.generation += 1
    feed.reset_at = _now()
    feed.save(update_fields=["generation", "reset_at"])
    audit.record(actor=actor, verb=GovernanceVerb.CALENDAR_FEED_RESET, target=user, payload={})
    return feed_token(user.pk, feed.generation)
