"""The consents page: one checkbox per purpose, each with its explanation."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.privacy.models import EXPLANATIONS, Purpose


class ConsentsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for purpose in Purpose:
            self.fields[purpose.value] = forms.BooleanField(
                label=purpose.label, help_text=EXPLANATIONS[purpose], required=False
            )

    def answers(self) -> dict[str, bool]:
        return {purpose.value: bool(self.cleaned_data[purpose.value]) for purpose in Purpose}
