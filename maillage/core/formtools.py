"""What the apps' form classes share, beside `core.forms` which runs them: date fields, filters read
from the query string, an edit form's initial values, a service's data made from what was typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class DateInput(forms.DateInput):
    """The browser's date picker (it reads and writes ISO dates)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    """A date typed with the browser's date picker; optional unless said."""
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class FilterForm(forms.Form):
    """A list's filters, read from the query string: an unknown value is left out, never an
    error page."""

    def set_choices(self, name: str, everything: Any, choices: Iterable[tuple[str, Any]]) -> None:
        """Give the choice field `name` its choices, after the option that filters nothing."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", everything), *choices]

    def chosen(self) -> dict[str, Any] | None:
        """The valid values chosen, or None when the query string asks for nothing."""
        if not self.is_bound:
            return None
        self.is_valid()
        return getattr(self, "cleaned_data", {})


def initial_from(instance: object, *names: str) -> dict[str, Any]:
    """The initial values of an edit form's fields named like the instance's attributes."""
    return {name: getattr(instance, name) for name in names}


def data_from[D: DataclassInstance](cls: type[D], values: Mapping[str, Any], **overrides: Any) -> D:
    """A service's data class made from a form's cleaned data: each of its fields the form has, at
    the value typed, then `overrides` (the values that need converting); the rest keep their
    defaults."""
    names = {field.name for field in dataclasses.fields(cls)}
    return cls(**{name: value for name, value in values.items() if name in names} | overrides)
