"""Polls: a process of kind "poll" with its settings, options and votes.

A poll is one question put to a circle or a workstream with one of five variants: a proposal
(agree, abstain, disagree, block), a score of each option, a ranking of the options, dots spread
over the options, or a time poll (yes, maybe or no for each date and time). The voices are those
of a consent round (`selectors.voices`): one per organization, a substitute votes when its holder
has not, never twice (one vote per voice, by constraint).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped
from maillage.decisions.models.processes import Process
from maillage.decisions.models.rounds import Voiced, recorder_named


class PollVariant(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal (agree, abstain, disagree, block)")
    SCORE = "score", _("Score each option")
    RANKED = "ranked", _("Ranked choice")
    DOTS = "dots", _("Dot vote")
    TIME = "time", _("Time poll (meeting dates)")


class PollPosition(models.TextChoices):
    AGREE = "agree", _("Agree")
    ABSTAIN = "abstain", _("Abstain")
    DISAGREE = "disagree", _("Disagree")
    BLOCK = "block", _("Block")


class Availability(models.IntegerChoices):
    """A time poll's answer for one date and time (the value of its `VoteChoice`)."""

    NO = 0, _("No")
    MAYBE = 1, _("Maybe")
    YES = 2, _("Yes")


class Poll(Timestamped):
    """A poll's settings, attached to its process (whose title and proposal are the question)."""

    process = models.OneToOneField(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="poll"
    )
    variant = models.CharField(_("kind of poll"), max_length=16, choices=PollVariant.choices)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"))
    # The fewest voices that must vote for the result to stand (0: none required).
    quorum = models.PositiveIntegerField(_("quorum (minimum voices)"), default=0)
    anonymous = models.BooleanField(_("anonymous votes"), default=False)
    hide_results = models.BooleanField(_("results hidden until closing"), default=False)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    dots = models.PositiveSmallIntegerField(_("dots per voice"), default=10)
    # How long before closing the voices still awaited are reminded, once (`reminded_at`).
    remind_hours = models.PositiveSmallIntegerField(
        _("reminder before closing (hours)"), default=24
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    # The date and time a closed time poll chose.
    chosen = models.ForeignKey(
        "PollOption",
        verbose_name=_("chosen date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        indexes = [models.Index(fields=["closes_at"], name="poll_closes_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_opening",
                violation_error_message=_("A poll closes after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.process)


class PollOption(models.Model):
    """An option of a poll: a label, or a date and time for a time poll."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("option"), max_length=255)
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)

    class Meta:
        verbose_name = _("poll option")
        verbose_name_plural = _("poll options")
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="poll_option_position"),
        ]

    def __str__(self) -> str:
        return self.label


class Vote(Voiced):
    """A voice's vote in a poll. `voice` is the voice's key (`selectors.Voice.key`): one vote per
    person and one per voice, so an organization is never counted twice; a holder's vote
    replaces their substitute's. A proposal's vote has a `position`; the other variants keep a
    value per option (`VoteChoice`)."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="votes"
    )
    voice = models.CharField(_("voice"), max_length=64)
    position = models.CharField(
        _("position"), max_length=16, choices=PollPosition.choices, blank=True
    )
    reason = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["poll", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="vote_one_per_person"),
            models.UniqueConstraint(fields=["poll", "voice"], name="vote_one_per_voice"),
            recorder_named(
                "vote_offline_has_recorder", _("A vote given offline names who recorded it.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll} — {self.person}"


class VoteChoice(models.Model):
    """A vote's value for one option: a score, a rank (1 first), dots, or an availability."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="choices"
    )
    option = models.ForeignKey(
        PollOption, verbose_name=_("option"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("value"))

    class Meta:
        verbose_name = _("vote value")
        verbose_name_plural = _("vote values")
        constraints = [
            models.UniqueConstraint(fields=["vote", "option"], name="vote_choice_one_per_option"),
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.value}"
