"""What every app's forms share: forms parse, services validate, and a service's errors come back
at the field that caused them; an edit form carries the version of the record it edits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.actors import Viewer
from maillage.core.formtools import FilterForm
from maillage.core.imports import Importer, ImportFileError, read_upload
from maillage.core.models import EmailDelivery, Timestamped, User
from maillage.core.permissions import has_perm
from maillage.core.roles import Role
from maillage.core.versions import StaleVersion, version_of

VERSION = "version"


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors at the form's fields (others at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class Done[T]:
    """What a service returned for a form that was accepted."""

    value: T


def submit[T](request: HttpRequest, form: forms.Form, action: Callable[[], T]) -> Done[T] | None:
    """Run `action` (a service call) for a valid POST of `form`.

    Returns `Done(result)` when the service accepted it; None when the form must be shown again,
    with the service's `ValidationError` at the fields it names (the view then answers 400 and the
    form keeps what the person typed).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Done(action())
    except ValidationError as error:
        apply_errors(form, error)
        return None


class NotificationPreferenceForm(forms.Form):
    """How the account receives its notifications by e-mail, and in which language."""

    email_delivery = forms.ChoiceField(
        label=gettext_lazy("Notification e-mails"),
        choices=EmailDelivery.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Notifications are always listed on the platform. E-mails that await your answer "
            "(with a deadline, which you may answer by replying) are always sent at once."
        ),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class ImportUploadForm(forms.Form):
    """What a file holds, and the file. The file as a whole is read here (its type, size,
    encoding, columns and number of rows), so that what is wrong with it shows at its field at
    once; its rows are checked afterwards, by a task. A valid form's `cleaned_data` holds the
    decoded `text` and its number of `rows`."""

    kind = forms.ChoiceField(label=gettext_lazy("What the file contains"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, importers: Sequence[Importer[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.importers = {importer.key: importer for importer in importers}
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(importer.key, importer.label) for importer in importers]
        kind.initial = importers[0].key
        self.fields["file"].help_text = _(
            "UTF-8 (or Windows “CSV”), comma or semicolon separated, .csv; at most %(rows)s rows "
            "and %(size)s."
        ) % {
            "rows": number_format(settings.MAILLAGE_IMPORT_MAX_ROWS, force_grouping=True),
            "size": filesizeformat(settings.MAILLAGE_MAX_UPLOAD_BYTES),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        importer = self.importers.get(cleaned.get("kind", ""))
        upload = cleaned.get("file")
        if importer is None or upload is None:
            return cleaned
        try:
            text = read_upload(upload)
            rows = len(importer.parse(text))
        except ImportFileError as error:
            self.add_error("file", str(error))
            return cleaned
        limit = settings.MAILLAGE_IMPORT_MAX_ROWS
        if rows > limit:
            self.add_error(
                "file",
                _(
                    "This file has %(rows)s rows; an import takes at most %(limit)s. "
                    "Split it into several files."
                )
                % {
                    "rows": number_format(rows, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                },
            )
        elif not rows:
            self.add_error("file", _("The file has a header line but no rows to import."))
        else:
            cleaned.update(text=text, rows=rows)
        return cleaned


@dataclass(frozen=True)
class Difference:
    """A field whose saved value is not what the person sent: saving again would replace it."""

    label: str
    saved: str
    typed: str


@dataclass(frozen=True)
class Conflict:
    """Why a change was refused: the record was saved since the form was opened."""

    changed_at: datetime
    changed_by: User | None
    differences: list[Difference]


class EditForm(forms.Form):
    """A form that may edit an existing record (`core.actions.edit_page` runs it). It carries
    the version the record had when the form was opened, in a hidden field; when a service
    refuses that version as stale, the form keeps what was typed, takes the record's new
    version (sending it again is then deliberate) and says what differs (`conflict`)."""

    record: Timestamped | None = None  # the record edited, once `carry_version` names it
    conflict: Conflict | None = None
    # The version the form was sent with (None without one), once it is cleaned.
    sent_version: str | None = None

    def carry_version(self, instance: Timestamped) -> None:
        self.record = instance
        self.fields[VERSION] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version_of(instance)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The version goes to the service on its own: `cleaned_data` stays what was typed.
        self.sent_version = data.pop(VERSION, None) or None
        return data

    def refuse_stale(self, stale: StaleVersion, *, saved: forms.Form) -> None:
        """Show the refusal of a stale version; `saved` is the form as it opens now."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix(VERSION)] = version_of(stale.instance)
        self.data = data
        self.conflict = Conflict(
            changed_at=stale.changed_at,
            changed_by=stale.changed_by,
            differences=[
                Difference(
                    label=str(field.label),
                    saved=_shown(field, saved[name].value()),
                    typed=_shown(field, self[name].value()),
                )
                for name, field in self.fields.items()
                if name in saved.fields
                and not field.disabled
                and not field.widget.is_hidden
                and field.has_changed(saved.get_initial_for_field(field, name), self[name].data)
            ],
        )


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the person reads it: the labels of the choices, yes or no, the text."""
    values = list(value) if isinstance(value, list | tuple) else [value]
    values = [v for v in values if v not in (None, "")]
    if not values:
        return str(_("(empty)"))
    if isinstance(field, forms.BooleanField):
        return str(_("Yes") if values[0] else _("No"))
    if isinstance(field, forms.ChoiceField):
        labels = _choice_labels(cast(Iterable[Any], field.choices))
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return ", ".join(str(v) for v in values)


def _choice_labels(choices: Iterable[Any]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            labels |= _choice_labels(label)
        else:
            labels[str(getattr(key, "value", key))] = str(label)
    return labels


# The staff's account pages


class AccountFilterForm(FilterForm):
    """The account list's filters, read from the query string. Unknown values are ignored."""

    # Not "Search": the header's search box, on every page, already says it.
    q = forms.CharField(
        label=gettext_lazy("Name or e-mail address"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[("", gettext_lazy("All roles")), *Role.choices],
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[
            ("", gettext_lazy("Active or not")),
            ("active", gettext_lazy("Active")),
            ("inactive", gettext_lazy("Deactivated")),
        ],
    )

    def filters(self) -> dict[str, str]:
        data = self.chosen() or {}
        return {
            "q": (data.get("q") or "").strip(),
            "role": data.get("role") or "",
            "state": data.get("state") or "",
        }


class AccountAccessForm(EditForm):
    """An account's access, as staff change it: its role among those the viewer may give, whether
    it is active, and why (the history keeps the reason)."""

    role = forms.ChoiceField(label=gettext_lazy("Role"), widget=forms.RadioSelect)
    is_active = forms.BooleanField(
        label=gettext_lazy("Active account"),
        required=False,
        help_text=gettext_lazy(
            "A deactivated account can no longer log in; nothing it wrote is deleted."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the change"),
        max_length=255,
        help_text=gettext_lazy(
            "Kept in the history of the account, for instance: “end of mandate at the "
            "forum of June 2026”."
        ),
        error_messages={"required": gettext_lazy("Say why: the history of the account keeps it.")},
    )

    def __init__(self, *args: Any, account: User, viewer: Viewer, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"role": account.role, "is_active": account.is_active})
        super().__init__(*args, **kwargs)
        # The roles the viewer may give, and the account's own (kept as it is).
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [
            (value, label)
            for value, label in Role.choices
            if value == account.role or has_perm(viewer, "core.grant_role", value)
        ]
