"""A poll put to a group, a step of it, a vote (one's own or recorded offline)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import ModelChoiceField, date_field
from maillage.core.models import User
from maillage.decisions.forms._common import (
    FacilitatorField,
    PersonChoiceField,
    _speakers,
    datetime_field,
)
from maillage.decisions.models import (
    Availability,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Visibility,
    Vote,
)
from maillage.decisions.selectors import Voice
from maillage.decisions.services import PollData
from maillage.governance.models import (
    Circle,
    Membership,
    Workstream,
)
from maillage.network.models import Person

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
