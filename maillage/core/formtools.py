"""What the apps' form classes share, beside `core.forms` which runs them: date fields, filters read
from the query string, choices of rows that refuse impossible keys, an edit form's initial values, a
service's data made from what was typed."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

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


def _attrs(attrs: Mapping[str, Any]) -> str:
    """HTML attributes as Django's `attrs.html` writes them (True: the bare name; False: none)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """Django's `Select`, writing the same HTML (byte for byte) in Python: Django's templates
    include one template per option, milliseconds for a filter of a hundred territories."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(str(group_name))}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(str(option['label']))}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value above is escaped


class PickerTexts:
    """What the script of a `CheckboxPicker` writes around it, in the page's language: the filter
    box's label, the count of choices ticked (none, one, `{n}`), and the note when nothing
    matches what was typed. A picker of some kind of thing names it in a subclass."""

    NAMES = ("filter", "none", "one", "many", "no_match")
    filter: Any = _("Filter the list")
    none: Any = _("Nothing chosen")
    one: Any = _("1 chosen")
    many: Any = _("{n} chosen")
    no_match: Any = _("Nothing in the list matches.")


def _option_html(option: Mapping[str, Any]) -> str:
    return (
        f'<li><label for="{conditional_escape(option["attrs"]["id"])}"><input type="checkbox" '
        f'name="{conditional_escape(option["name"])}" value="{conditional_escape(option["value"])}"'
        f"{_attrs(option['attrs'])}> {conditional_escape(str(option['label']))}</label></li>"
    )


class CheckboxPicker(forms.CheckboxSelectMultiple):
    """Checkboxes for a long list: the choices outside any group first, then each group in a
    `<fieldset>` whose legend is the group's name; written in Python like `QuickSelect`.

    This is the whole list without JavaScript. The core's script (`maillage/js/forms.js`) adds a
    filter box that narrows the list as one types, folds the groups (`<details>`, open where
    something is ticked) and counts what is ticked, with `texts`."""

    texts: type[PickerTexts] = PickerTexts

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        texts = {key: str(getattr(self.texts, key)) for key in self.texts.NAMES}
        data = "".join(
            f' data-picker-{key.replace("_", "-")}="{conditional_escape(text)}"'
            for key, text in texts.items()
        )
        wrapper = widget["attrs"].get("id")
        wrapper_id = f' id="{conditional_escape(wrapper)}"' if wrapper else ""
        parts = [f'<div{wrapper_id} class="picker" data-picker{data}>']
        loose: list[str] = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name is None:
                loose += [_option_html(option) for option in options]
                continue
            if loose:
                parts.append(f'<ul class="picker-list">{"".join(loose)}</ul>')
                loose = []
            parts.append(
                f'<fieldset class="picker-group"><legend>{conditional_escape(str(group_name))}'
                f'</legend><ul class="picker-list">'
                f"{''.join(_option_html(option) for option in options)}</ul></fieldset>"
            )
        if loose:
            parts.append(f'<ul class="picker-list">{"".join(loose)}</ul>')
        parts.append("</div>")
        return mark_safe("".join(parts))  # every value above is escaped


class FilterForm(forms.Form):
    """A list's filters, read from the query string: an unknown value is left out, never an
    error page. Its single-choice fields render through `QuickSelect`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                quick = QuickSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                quick.is_required = field.widget.is_required
                field.widget = quick

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

    def query(self) -> str:
        """The valid values chosen, as a query string: what a kept list's links may carry
        (`page_query`), so they never repeat a value the list did not read."""
        pairs: list[tuple[str, str]] = []
        for name, value in (self.chosen() or {}).items():
            if name in self.errors or value in (None, "", [], ()):
                continue
            many = isinstance(value, (list, tuple, QuerySet))
            for item in value if many else [value]:
                pairs.append((name, str(self.fields[name].prepare_value(item))))
        return urlencode(pairs)


def query_text(params: Mapping[str, Any], name: str, *, max_length: int = 200) -> str:
    """A text read from the query string (a search, a slug in a link): trimmed, cut at
    `max_length`, without control characters, which a query cannot carry (PostgreSQL refuses
    NUL, SQLite ends the statement at it)."""
    text = str(params.get(name) or "")[: max_length * 2]
    return "".join(c for c in text if unicodedata.category(c) != "Cc").strip()[:max_length]


def _integer_range(field: Field[Any, Any], using: str) -> tuple[int | None, int | None] | None:
    """The values an integer column can hold on the database `using`; None for another column."""
    kind = field.get_internal_type()
    if not kind.endswith(("IntegerField", "AutoField")):
        return None
    return connections[using].ops.integer_field_range(kind)


def _check_key_range(choice: forms.ModelChoiceField[Any], value: Any) -> None:
    """Refuse, as a choice that does not exist, a key its column cannot hold (a 30-digit id):
    without this, Django's lookup of several keys overflows the database driver (a 500)."""
    rows = choice.queryset
    assert rows is not None
    model = rows.model
    key = model._meta.get_field(choice.to_field_name) if choice.to_field_name else model._meta.pk
    assert isinstance(key, Field)
    bounds = _integer_range(key, rows.db)
    if bounds is None:
        return
    try:
        number = int(str(value))
    except ValueError:
        return  # not a number: Django refuses it as such
    low, high = bounds
    if (low is not None and number < low) or (high is not None and number > high):
        message = choice.error_messages["invalid_choice"]
        raise ValidationError(message, code="invalid_choice", params={"value": value})


class ModelChoiceField(forms.ModelChoiceField[Any]):
    """Django's choice of a row, refusing a key out of its column's range with a field error.
    Forms use this one, never Django's (a test checks it)."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not isinstance(value, Model):
            _check_key_range(self, value)
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField[Any]):
    """Django's choice of several rows, refusing a key out of its column's range with a field
    error. Forms use this one, never Django's (a test checks it)."""

    def _check_values(self, value: Any) -> QuerySet[Any]:
        if isinstance(value, list | tuple):
            for key in value:
                if isinstance(key, str | int):
                    _check_key_range(self, key)
        checked: QuerySet[Any] = super()._check_values(value)  # type: ignore[misc]
        return checked


def row_key(model: type[Model], value: Any) -> int | None:
    """A row's key as a form sent it (an `<option>`'s value), or None when it is not one that
    the model's key column can hold: a query never sees a 30-digit id."""
    text = str(getattr(value, "pk", value) or "").strip()
    if not text.isdigit():
        return None
    number = int(text)
    bounds = _integer_range(model._meta.pk, "default") if model._meta.pk else None
    if bounds is None:
        return None
    low, high = bounds
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def typed(form: forms.Form) -> dict[str, Any]:
    """What a sent form holds, as the initial values of the same form shown again without
    errors (a step that is not a submission)."""
    return {name: form[name].value() for name in form.fields}


def initial_from(instance: object, *names: str) -> dict[str, Any]:
    """The initial values of an edit form's fields named like the instance's attributes."""
    return {name: getattr(instance, name) for name in names}


def data_from[D: DataclassInstance](cls: type[D], values: Mapping[str, Any], **overrides: Any) -> D:
    """A service's data class made from a form's cleaned data: each of its fields the form has, at
    the value typed, then `overrides` (the values that need converting); the rest keep their
    defaults."""
    names = {field.name for field in dataclasses.fields(cls)}
    return cls(**{name: value for name, value in values.items() if name in names} | overrides)
