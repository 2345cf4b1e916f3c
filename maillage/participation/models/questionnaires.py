"""Questionnaires attached to a consultation, their questions and the answers given."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, in_language, user_reference
from maillage.participation.models._common import Channel
from maillage.participation.models.consultations import Consultation


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    RANKING = "ranking", _("Ranking")


# The kinds answered by choosing among the question's choices.
WITH_CHOICES = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING})


class Questionnaire(Timestamped):
    """A set of questions put during a consultation. Anonymous, its answers keep no link to the
    account that gave them (only a keyed digest, so that each person answers once)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    anonymous = models.BooleanField(
        _("anonymous answers"),
        default=False,
        help_text=_("Answers keep no link to the person who gave them."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en or self.title_fr)

    @property
    def intro(self) -> str:
        return in_language(self.intro_fr, self.intro_en or self.intro_fr)


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    label_fr = models.CharField(_("question (French)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_fr = models.CharField(_("help (French)"), max_length=300, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # A scale's bounds and the words at each end ("Not at all", "Very much").
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    scale_min_label = models.CharField(_("lowest value's words"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("highest value's words"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_bounds",
                violation_error_message=_("A scale's highest value is above its lowest."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en or self.label_fr)

    @property
    def help(self) -> str:
        return in_language(self.help_fr, self.help_en or self.help_fr)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_fr = models.CharField(_("choice (French)"), max_length=200)
    label_en = models.CharField(_("choice (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en or self.label_fr)


class Response(models.Model):
    """One person's answers to a questionnaire, given online or gathered in person."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    # Empty when the questionnaire is anonymous or the answers were gathered in person.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaire_responses",
    )
    # A keyed digest of the account and the questionnaire: one answer per person, anonymous or not.
    respondent_key = models.CharField(_("respondent key"), max_length=64, blank=True)
    channel = models.CharField(
        _("gathered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    recorded_by = user_reference(_("recorded by"))
    consent = models.TextField(_("consent given"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["questionnaire", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "respondent_key"],
                condition=~Q(respondent_key=""),
                name="response_once_per_person",
                violation_error_message=_("You have already answered this questionnaire."),
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.ONLINE) | ~Q(consent=""),
                name="response_in_person_consent",
                violation_error_message=_("Answers gathered in person say the consent given."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} — {self.pk}"


class Answer(models.Model):
    """The answer to one question: a text, a value on a scale, or choices (with their rank for a
    ranking)."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("text"), blank=True)
    value = models.SmallIntegerField(_("value"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} — {self.pk}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="choices"
    )
    choice = models.ForeignKey(
        Choice, verbose_name=_("choice"), on_delete=models.CASCADE, related_name="picked"
    )
    # 1 for the first in a ranking; empty for single and multiple choices.
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("choice made")
        verbose_name_plural = _("choices made")
        ordering = ["answer", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="answer_choice_once"),
        ]

    def __str__(self) -> str:
        return str(self.choice)
