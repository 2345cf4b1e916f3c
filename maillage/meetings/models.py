"""Meetings of circles and workstreams: agenda, invitations and answers, attendance by person
and seat, action items, minutes.

An agenda item may name the decision process it takes up (`AgendaItem.process`); the decisions
taken in a meeting are those of its agenda's processes decided during it
(`selectors.meeting_decisions`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.core.uploads import private_storage
from maillage.decisions.models import Process
from maillage.governance.models import Circle, Workstream
from maillage.governance.models._common import exactly_one, owner_reference
from maillage.meetings.workflows import COMING_STATES, HELD_STATES, MEETING
from maillage.network.models import Person, Seat


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class Meeting(Timestamped):
    """A meeting of one circle or one workstream."""

    circle = owner_reference(Circle, _("circle"), "meetings")
    workstream = owner_reference(Workstream, _("workstream"), "meetings")
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(
        _("format"), max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    link = models.URLField(_("online link"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    state = models.CharField(
        _("status"), max_length=16, choices=MEETING.choices, default=MEETING.initial
    )
    state_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    facilitator = models.ForeignKey(
        Person,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_facilitated",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_recorded",
    )
    notes = models.TextField(_("general notes"), blank=True)
    # Who arrived late or left early, who joined online: what the attendance table cannot say.
    attendance_note = models.CharField(_("remarks on attendance"), max_length=500, blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    # The minutes (procès-verbal), made as a PDF by a task or on request.
    minutes = models.FileField(
        _("minutes"), upload_to="meetings/minutes/", storage=private_storage, blank=True
    )
    minutes_language = models.CharField(
        _("language of the minutes"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    minutes_made_at = models.DateTimeField(_("minutes made"), null=True, blank=True)
    # The meeting at which the minutes were adopted (the next one of the group).
    minutes_adopted_at = models.ForeignKey(
        "self",
        verbose_name=_("minutes adopted at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_adopted",
    )
    created_by = user_reference(_("planned by"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("circle", "workstream"),
                name="meeting_circle_xor_workstream",
                violation_error_message=_("A meeting is either of a circle or of a workstream."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=MEETING.keys),
                name="meeting_state_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(format__in=MeetingFormat.values),
                name="meeting_format_valid",
                violation_error_message=_("Unknown format."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group

    @property
    def is_coming(self) -> bool:
        return self.state in COMING_STATES

    @property
    def was_held(self) -> bool:
        return self.state in HELD_STATES

    @property
    def state_label(self) -> str:
        return str(MEETING.label(self.state))


class AgendaItem(Timestamped):
    """One item of a meeting's agenda, with the notes taken on it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items_presented",
    )
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The decision process the item takes up (a proposal presented, a round held).
    process = models.ForeignKey(
        Process,
        verbose_name=_("decision process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__isnull=True) | Q(duration__lte=600),
                name="agenda_item_duration_sane",
                violation_error_message=_("An item lasts ten hours at most."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Rsvp(models.TextChoices):
    YES = "yes", _("I will attend")
    NO = "no", _("I will not attend")
    MAYBE = "maybe", _("Maybe")


class Invitee(models.Model):
    """A member of the group invited to the meeting, and their answer."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitees"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="meeting_invites"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    rsvp = models.CharField(_("answer"), max_length=8, choices=Rsvp.choices, blank=True)
    rsvp_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="invitee_once_per_meeting",
                violation_error_message=_("This person is already invited."),
            ),
            models.CheckConstraint(
                condition=Q(rsvp="") | Q(rsvp__in=Rsvp.values),
                name="invitee_rsvp_valid",
                violation_error_message=_("Unknown answer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
    REPRESENTED = "represented", _("Represented by a substitute")


class Attendance(models.Model):
    """Whether a person was at the meeting, for which seat, and who stood in for them."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    seat = models.ForeignKey(
        Seat,
        verbose_name=_("on behalf of (seat)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices)
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("substitute"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances_as_substitute",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message=_("This person's attendance is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="attendance_status_valid",
                violation_error_message=_("Unknown attendance."),
            ),
            models.CheckConstraint(
                condition=(Q(status=AttendanceStatus.REPRESENTED) & Q(substitute__isnull=False))
                | (~Q(status=AttendanceStatus.REPRESENTED) & Q(substitute__isnull=True)),
                name="attendance_substitute_when_represented",
                violation_error_message=_(
                    "Name the substitute of a person represented, only then."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"


class ActionItem(Timestamped):
    """Something a person is to do after the meeting (*suivi*)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("who"), on_delete=models.PROTECT, related_name="action_items"
    )
    text = models.CharField(_("what"), max_length=500)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["done", F("due_date").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=True) | Q(done_at__isnull=True),
                name="action_item_done_at_when_done",
                violation_error_message=_("Only a done action item has a completion date."),
            ),
        ]

    def __str__(self) -> str:
        return self.text
