"""What every app's forms share: forms parse, services validate, and a service's errors come back
at the field that caused them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.imports import Importer, ImportFileError, read_upload


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
