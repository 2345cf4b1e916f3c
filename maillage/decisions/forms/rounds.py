"""A question or reaction, an answer: one's own, or one given offline and recorded by the
facilitator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.decisions.forms._common import (
    PersonChoiceField,
    _speakers,
)
from maillage.decisions.models import (
    Position,
)
from maillage.decisions.selectors import Voice
from maillage.network.models import Person


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
