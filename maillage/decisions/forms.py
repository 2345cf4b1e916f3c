"""Forms of the decisions app: a proposal, its amendment, a step of its process, a question or
reaction, an answer (one's own, or one given offline and recorded by the facilitator)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField, date_field
from maillage.core.models import User
from maillage.decisions.models import (
    Availability,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Position,
    ProcessMode,
    Visibility,
    Vote,
)
from maillage.decisions.selectors import Voice
from maillage.decisions.services import PollData, ProcessData
from maillage.governance.changes import change_validate
from maillage.governance.models import Circle, Membership, Workstream
from maillage.network.models import Person


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (it reads and writes ISO local times)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def datetime_field(label: Any, *, required: bool = False, help_text: Any = "") -> Any:
    return forms.DateTimeField(
        label=label, required=required, widget=DateTimeInput(), help_text=help_text
    )


class FacilitatorField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


# The structural changes a proposal may carry, by governance action; each one is a set of this
# form's fields turned into the action's parameters. Creating a circle, amending a role and
# adopting a policy come as further entries.
CHANGE_KINDS = (("", _("None")), ("workstream.create", _("Create a workstream")))
# A parameter of a change and the field where its error is shown.
CHANGE_FIELDS = {
    "name": "workstream_name",
    "mandate": "workstream_mandate",
    "sunset_date": "workstream_sunset_date",
}


class ProcessForm(forms.Form):
    """A proposal put to a circle or a workstream, and the structural change it may carry."""

    title = forms.CharField(label=_("Title"), max_length=255)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 8}))
    rationale = forms.CharField(
        label=_("Why this proposal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    mode = forms.ChoiceField(
        label=_("How the decision is taken"),
        choices=ProcessMode.choices,
        initial=ProcessMode.ASYNC,
        widget=forms.RadioSelect,
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the decision"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_("A public decision is readable by anyone in the register."),
    )
    facilitator = FacilitatorField(
        label=_("Facilitator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of the group with an account; you, if nobody is chosen."),
    )
    review_date = date_field(_("Review date"))
    change = forms.ChoiceField(
        label=_("Structural change carried by the proposal"),
        choices=CHANGE_KINDS,
        required=False,
        help_text=_("Applied once the proposal is consented."),
    )
    workstream_name = forms.CharField(label=_("Name of the new workstream"), required=False)
    workstream_mandate = forms.CharField(
        label=_("Its mandate"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    workstream_sunset_date = date_field(_("Its sunset date"))

    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        key = "circle" if isinstance(group, Circle) else "workstream"
        members = Membership.objects.filter(ended_at__isnull=True, **{key: group}).values(
            "person__user_id"
        )
        self.fields["facilitator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members, is_active=True
        ).order_by("last_name", "first_name")

    def _sponsors(self) -> list[str]:
        if isinstance(self.group, Circle):
            return [self.group.slug]
        return list(self.group.sponsors.order_by("pk").values_list("slug", flat=True))

    def changes(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        if data.get("change") != "workstream.create":
            return []
        params: dict[str, Any] = {"name": data["workstream_name"], "sponsors": self._sponsors()}
        if data.get("workstream_mandate"):
            params["mandate"] = data["workstream_mandate"]
        if data.get("workstream_sunset_date"):
            params["sunset_date"] = data["workstream_sunset_date"].isoformat()
        return [{"action": "workstream.create", "params": params}]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for change in self.changes():
            try:
                change_validate(change)
            except ValidationError as error:
                for param, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(CHANGE_FIELDS.get(param, "change"), message)
        return data

    def to_data(self) -> ProcessData:
        data = self.cleaned_data
        return ProcessData(
            title=data["title"],
            proposal=data["proposal"],
            rationale=data["rationale"],
            mode=data["mode"],
            visibility=data["visibility"],
            facilitator=data["facilitator"],
            review_date=data["review_date"],
            circle=self.group if isinstance(self.group, Circle) else None,
            workstream=self.group if isinstance(self.group, Workstream) else None,
            changes=self.changes(),
        )


class AmendForm(EditForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 10}))
    note = forms.CharField(
        label=_("What changed, and why"),
        required=False,
        max_length=500,
        help_text=_("For instance, how an objection was integrated."),
    )


class TransitionForm(forms.Form):
    """A step of the process, fired by its button; opening an asynchronous consent round
    takes its deadline."""

    transition = forms.CharField(widget=forms.HiddenInput)
    deadline = datetime_field(
        _("Deadline of the consent round"),
        help_text=_("At this time the round closes itself."),
    )


class RemarkForm(forms.Form):
    text = forms.CharField(
        label=_("Your question or reaction"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Your answer"), choices=Position.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reasoning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for an objection: what harm it would do, and why."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("position") == Position.OBJECTION and not (data.get("reason") or "").strip():
            self.add_error("reason", _("An objection states its reasoning."))
        return data


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _speakers(voice_list: list[Voice]) -> list[int]:
    return [p.pk for v in voice_list for p in [*v.holders, *v.substitutes]]


class RecordAnswerForm(AnswerForm):
    """An answer given offline (in the room, by phone), recorded by the facilitator. Prefixed:
    it shares the page with the facilitator's own answer form."""

    prefix = "record"
    person = PersonChoiceField(label=_("Who answered"), queryset=Person.objects.none())

    field_order = ["person", "position", "reason"]

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=_speakers(voices)
        ).order_by("last_name", "first_name")
        self.fields["position"].label = _("Their answer")


class RecordRemarkForm(RemarkForm):
    prefix = "record"
    person = PersonChoiceField(label=_("Who spoke"), queryset=Person.objects.none())

    field_order = ["person", "text"]

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=_speakers(voices)
        ).order_by("last_name", "first_name")
        self.fields["text"].label = _("Their question or reaction")


# Polls


class PollForm(forms.Form):
    """A poll put to a circle or a workstream: its question, kind, options and settings."""

    title = forms.CharField(label=_("Title"), max_length=255)
    question = forms.CharField(
        label=_("Question or proposal"), widget=forms.Textarea(attrs={"rows": 5})
    )
    variant = forms.ChoiceField(
        label=_("Kind of poll"),
        choices=PollVariant.choices,
        initial=PollVariant.PROPOSAL,
        widget=forms.RadioSelect,
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line. For a time poll, one date and time per line, e.g. 2026-12-03 14:00. "
            "A proposal has none: its answers are agree, abstain, disagree and block."
        ),
    )
    opens_at = datetime_field(
        _("Opening"), help_text=_("To schedule the opening; otherwise it opens when you open it.")
    )
    closes_at = datetime_field(_("Closing"), required=True)
    quorum = forms.IntegerField(
        label=_("Quorum (minimum voices)"), min_value=0, max_value=1000, initial=0
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous votes"),
        required=False,
        help_text=_("Nobody sees who voted what; only who voted."),
    )
    hide_results = forms.BooleanField(label=_("Hide the results until closing"), required=False)
    max_score = forms.IntegerField(
        label=_("Highest score (score poll)"), min_value=1, max_value=100, initial=5
    )
    dots = forms.IntegerField(
        label=_("Dots per voice (dot vote)"), min_value=1, max_value=100, initial=10
    )
    remind_hours = forms.IntegerField(
        label=_("Remind the awaited voices, hours before closing"),
        min_value=0,
        max_value=336,
        initial=24,
        help_text=_("0: no reminder."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the result"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
    )
    facilitator = FacilitatorField(
        label=_("Facilitator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of the group with an account; you, if nobody is chosen."),
    )
    review_date = date_field(_("Review date"))

    def __init__(self, *args: Any, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        key = "circle" if isinstance(group, Circle) else "workstream"
        members = Membership.objects.filter(ended_at__isnull=True, **{key: group}).values(
            "person__user_id"
        )
        self.fields["facilitator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members, is_active=True
        ).order_by("last_name", "first_name")

    def _times(self, lines: list[str]) -> list[datetime]:
        field = forms.DateTimeField()
        times = []
        for line in lines:
            try:
                value = field.clean(line)
            except ValidationError:
                self.add_error(
                    "options",
                    _("“%(line)s” is not a date and time (e.g. 2026-12-03 14:00).")
                    % {"line": line[:40]},
                )
                return []
            times.append(value)
        return times

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = [line.strip() for line in (data.get("options") or "").splitlines() if line.strip()]
        data["times"] = self._times(lines) if data.get("variant") == PollVariant.TIME else []
        data["labels"] = lines if data.get("variant") != PollVariant.TIME else []
        return data

    def to_data(self) -> PollData:
        data = self.cleaned_data
        return PollData(
            title=data["title"],
            question=data["question"],
            variant=data["variant"],
            options=data["labels"],
            times=data["times"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            quorum=data["quorum"],
            anonymous=data["anonymous"],
            hide_results=data["hide_results"],
            max_score=data["max_score"],
            dots=data["dots"],
            remind_hours=data["remind_hours"],
            visibility=data["visibility"],
            facilitator=data["facilitator"],
            review_date=data["review_date"],
            circle=self.group if isinstance(self.group, Circle) else None,
            workstream=self.group if isinstance(self.group, Workstream) else None,
        )


class PollTransitionForm(forms.Form):
    """A step of a poll; closing a time poll may name the date chosen."""

    transition = forms.CharField(widget=forms.HiddenInput)
    chosen = ModelChoiceField(
        label=_("Date chosen"),
        queryset=PollOption.objects.none(),
        required=False,
        help_text=_("By default, the date most can attend."),
    )

    def __init__(self, *args: Any, poll: Poll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = PollOption.objects.filter(  # type: ignore[attr-defined]
            poll=poll
        ).order_by("position")


def _option_field_name(option: PollOption) -> str:
    return f"option_{option.pk}"


class VoteForm(forms.Form):
    """One's vote, its fields made for the poll's variant: a position for a proposal, else one
    field per option (a score, a rank, dots, or yes / maybe / no)."""

    position = forms.ChoiceField(
        label=_("Your vote"), choices=PollPosition.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, poll: Poll, options: list[PollOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.options = options
        if poll.variant == PollVariant.PROPOSAL:
            return
        del self.fields["position"]
        for option in options:
            self.fields[_option_field_name(option)] = self._field(option)
        self.order_fields([*(_option_field_name(o) for o in options), "reason"])

    def _field(self, option: PollOption) -> forms.Field:
        variant, label = self.poll.variant, option.label
        if variant == PollVariant.SCORE:
            return forms.IntegerField(label=label, min_value=0, max_value=self.poll.max_score)
        if variant == PollVariant.RANKED:
            return forms.IntegerField(
                label=label,
                min_value=1,
                max_value=len(self.options),
                required=False,
                help_text=_("1 for your first choice; leave empty not to rank it."),
            )
        if variant == PollVariant.DOTS:
            return forms.IntegerField(
                label=label, min_value=0, max_value=self.poll.dots, required=False
            )
        return forms.TypedChoiceField(
            label=label,
            choices=list(reversed(Availability.choices)),
            coerce=int,
            widget=forms.RadioSelect,
        )

    def values(self) -> dict[int, int]:
        data = self.cleaned_data
        return {
            option.pk: data[_option_field_name(option)] or 0
            for option in self.options
            if _option_field_name(option) in data
        }

    @classmethod
    def initial_for(cls, vote: Vote | None, values: dict[int, int]) -> dict[str, Any]:
        if vote is None:
            return {}
        return {
            "position": vote.position,
            "reason": vote.reason,
            **{f"option_{pk}": value for pk, value in values.items()},
        }


class RecordVoteForm(VoteForm):
    """A vote given offline, recorded by the facilitator (prefixed: it shares the page with the
    facilitator's own vote form)."""

    prefix = "record"
    person = PersonChoiceField(label=_("Who voted"), queryset=Person.objects.none())

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=_speakers(voices)
        ).order_by("last_name", "first_name")
        self.order_fields(["person", *self.fields])
