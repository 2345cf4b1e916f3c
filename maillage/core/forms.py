"""What every app's forms share: forms parse, services validate, and a service's errors come back
at the field that caused them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest


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
