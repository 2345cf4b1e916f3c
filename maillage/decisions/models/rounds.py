"""The rounds of a process: questions and reactions said in them, answers given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.decisions.models.processes import Process
from maillage.network.models import Organization, Person, Seat

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class RoundKind(models.TextChoices):
    CLARIFYING = "clarifying", _("Clarifying questions")
    REACTIONS = "reactions", _("Quick reactions")
    CONSENT = "consent", _("Consent round")


class RoundOutcome(models.TextChoices):
    OPEN = "", _("Open")
    DONE = "done", _("Done")
    CONSENTED = "consented", _("Consent given")
    OBJECTIONS = "objections", _("Objections raised")
    NO_ANSWER = "no_answer", _("Nobody answered")
    INTERRUPTED = "interrupted", _("Interrupted")


class Round(models.Model):
    """One round of a process: its kind, its number among the rounds of that kind, the version of
    the proposal it is about, and how it ended."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="rounds"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RoundKind.choices)
    number = models.PositiveIntegerField(_("number"), default=1)
    proposal_version = models.PositiveIntegerField(_("proposal version"), default=1)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When the voices still awaited were reminded before the deadline (once per round).
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=RoundOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["process", "opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "kind", "number"], name="round_unique_number"
            ),
            # One round open at a time in a process.
            models.UniqueConstraint(
                fields=["process"],
                condition=Q(closed_at__isnull=True),
                name="round_one_open_per_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Channel(models.TextChoices):
    WEB = "web", _("On the platform")
    OFFLINE = "offline", _("Given offline, recorded by the facilitator")
    EMAIL = "email", _("By e-mail")


class Recorded(Timestamped):
    """Words a person gave on the platform, by e-mail, or offline and recorded for them by
    someone else (`recorded_by`), who is then named."""

    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        abstract = True

    @property
    def offline(self) -> bool:
        return self.channel == Channel.OFFLINE


def recorder_named(name: str, message: _StrPromise) -> models.CheckConstraint:
    """The constraint that words given offline name who recorded them."""
    return models.CheckConstraint(
        condition=~Q(channel=Channel.OFFLINE) | Q(recorded_by__isnull=False),
        name=name,
        violation_error_message=message,
    )


class Voiced(Recorded):
    """Words that carry a voice: the person's own, or, when they sit in the group for an
    organization (as its seat's holder or one of its substitutes), that organization's."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seat = models.ForeignKey(
        Seat,
        verbose_name=_("seat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    as_substitute = models.BooleanField(_("as a substitute"), default=False)

    class Meta:
        abstract = True


class Remark(Recorded):
    """A clarifying question or a quick reaction, said in its round."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="remarks"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("question or reaction")
        verbose_name_plural = _("questions and reactions")
        ordering = ["round", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.text[:40]}"


class Position(models.TextChoices):
    CONSENT = "consent", _("Consent")
    OBJECTION = "objection", _("Objection")


class Answer(Voiced):
    """A person's answer in a round: consent or objection (with its reasoning) in a consent round.

    `organization` is whose voice it carries when the person sits for one in the group (as its
    seat's holder or one of its substitutes): an organization has one voice, however many of its
    people answer. An answer given offline is recorded by the facilitator (`recorded_by`)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="answers"
    )
    position = models.CharField(_("answer"), max_length=16, choices=Position.choices)
    reason = models.TextField(_("reasoning"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["round", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="answer_one_per_person"),
            models.CheckConstraint(
                condition=~Q(position=Position.OBJECTION) | ~Q(reason=""),
                name="answer_objection_has_reason",
                violation_error_message=_("An objection states its reasoning."),
            ),
            recorder_named(
                "answer_offline_has_recorder", _("An answer given offline names who recorded it.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"
