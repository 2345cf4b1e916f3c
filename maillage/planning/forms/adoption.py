"""The form that puts a plan or an objective to a consent decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.governance.models import Circle
from maillage.planning.services.adoption import general_circle


class SubmitForm(forms.Form):
    circle = formtools.ModelChoiceField(
        label=_("Circle that decides"),
        queryset=Circle.objects.filter(archived_at__isnull=True),
        help_text=_("The general circle, unless another one holds this decision."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        found = general_circle()
        if found is not None:
            self.fields["circle"].initial = found.pk
