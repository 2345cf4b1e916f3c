"""Decision processes, their rounds and answers, and the register of decisions they produce.

A process belongs to a circle or to a workstream; its `kind` says which method it follows
(consent for now; advice, elections and polls come as further kinds with their own workflows) and
its `state` is a key of that kind's workflow (`workflows.py`). Rounds and answers are generic:
a round has a kind (clarifying questions, quick reactions, consent…) and a number; an answer is
a person's position in a round, with the organization whose voice it carries.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import Timestamped, user_reference
from maillage.decisions.workflows import WORKFLOWS
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Organization, Person, Seat


class ProcessKind(models.TextChoices):
    CONSENT = "consent", _("Consent decision")


class ProcessMode(models.TextChoices):
    LIVE = "live", _("In a meeting (live)")
    ASYNC = "async", _("Asynchronous, with a deadline")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


def _exactly_one_group() -> Q:
    return (Q(circle__isnull=False) & Q(workstream__isnull=True)) | (
        Q(circle__isnull=True) & Q(workstream__isnull=False)
    )


class Process(Timestamped):
    """A proposal on its way to a decision, in a circle or a workstream."""

    kind = models.CharField(
        _("process"), max_length=16, choices=ProcessKind.choices, default=ProcessKind.CONSENT
    )
    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_processes",
    )
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_processes",
    )
    title = models.CharField(_("title"), max_length=255)
    # The proposal as it stands; each amendment keeps the earlier text as a `ProposalVersion`.
    proposal = models.TextField(_("proposal"))
    rationale = models.TextField(_("rationale"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # When the decision, once taken, is to be reviewed.
    review_date = models.DateField(_("review date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=32, default="draft", db_index=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=8, choices=ProcessMode.choices, default=ProcessMode.ASYNC
    )
    # When the open consent round of an asynchronous process closes itself.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    facilitator = user_reference(_("facilitator"))
    created_by = user_reference(_("proposed by"))
    # The circle an escalated process was handed to.
    escalated_to = models.ForeignKey(
        Circle,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_processes",
    )

    class Meta:
        verbose_name = _("decision process")
        verbose_name_plural = _("decision processes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "deadline"], name="process_state_deadline")]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_group(),
                name="process_circle_xor_workstream",
                violation_error_message=_(
                    "A decision process belongs either to a circle or to a workstream."
                ),
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
    def state_label(self) -> str:
        return str(WORKFLOWS[self.kind].label(self.state))


class ProposalVersion(models.Model):
    """A text the proposal had: version 1 as presented, then one per amendment."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = user_reference(_("written by"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="proposal_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} — v{self.number}"


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


class Remark(Timestamped):
    """A clarifying question or a quick reaction, said in its round."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="remarks"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"))
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("question or reaction")
        verbose_name_plural = _("questions and reactions")
        ordering = ["round", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.text[:40]}"


class Position(models.TextChoices):
    CONSENT = "consent", _("Consent")
    OBJECTION = "objection", _("Objection")


class Answer(Timestamped):
    """A person's answer in a round: consent or objection (with its reasoning) in a consent round.

    `organization` is whose voice it carries when the person sits for one in the group (as its
    seat's holder or one of its substitutes): an organization has one voice, however many of its
    people answer. An answer given offline is recorded by the facilitator (`recorded_by`)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="answers"
    )
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
    position = models.CharField(_("answer"), max_length=16, choices=Position.choices)
    reason = models.TextField(_("reasoning"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    recorded_by = user_reference(_("recorded by"))

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
            models.CheckConstraint(
                condition=~Q(channel=Channel.OFFLINE) | Q(recorded_by__isnull=False),
                name="answer_offline_has_recorder",
                violation_error_message=_("An answer given offline names who recorded it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"

    @property
    def offline(self) -> bool:
        return self.channel == Channel.OFFLINE


class Decision(Timestamped):
    """An entry of the register: what a closed process decided, why, and who took part.

    `participation` keeps, as the process closed, each voice and how it answered (names and
    organizations as they were then), so the register still says who decided after people and
    seats change."""

    process = models.OneToOneField(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="decision"
    )
    circle = models.ForeignKey(
        Circle,
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    kind = models.CharField(_("process followed"), max_length=16, choices=ProcessKind.choices)
    participation = models.JSONField(_("participation"), default=list, blank=True)
    decided_at = models.DateTimeField(_("decided"))
    effective_date = models.DateField(_("effective date"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["visibility", "-decided_at"], name="decision_register")]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_group(),
                name="decision_circle_xor_workstream",
                violation_error_message=_("A decision belongs either to a circle or a workstream."),
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True)
                | Q(review_date__gte=models.F("effective_date")),
                name="decision_review_after_effect",
                violation_error_message=_("A decision is reviewed after it takes effect."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> Circle | Workstream:
        group = self.circle if self.circle_id else self.workstream
        assert group is not None
        return group


class StructuralChange(models.Model):
    """A change of the collaboration model a proposal carries, applied once consented.

    `action` and `params` are a governance change (`governance.changes`: "workstream.create" now;
    "circle.create", "role.amend", "policy.adopt" share the same form), validated when added and
    replayed through governance's services when the decision is taken."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="changes"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    action = models.CharField(_("change"), max_length=64)
    params = models.JSONField(_("parameters"), default=dict)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    # What applying it created or changed, named without knowing its model.
    result_type = models.CharField(_("result type"), max_length=64, blank=True)
    result_id = models.CharField(_("result"), max_length=64, blank=True)
    result_repr = models.CharField(_("result name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("structural change")
        verbose_name_plural = _("structural changes")
        ordering = ["process", "position", "pk"]

    def __str__(self) -> str:
        return self.action

    @property
    def change(self) -> dict[str, object]:
        return {"action": self.action, "params": self.params}
