"""What the decisions app's forms share: date-time inputs, the facilitator and the person fields."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.core.formtools import ModelChoiceField
from maillage.decisions.selectors import Voice


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


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _speakers(voice_list: list[Voice]) -> list[int]:
    return [p.pk for v in voice_list for p in [*v.holders, *v.substitutes]]
