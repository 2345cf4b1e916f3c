"""The form of a privacy impact assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core import formtools
from maillage.core.forms import EditForm
from maillage.privacy.parts import platform_parts


class AssessmentForm(EditForm):
    project = forms.CharField(label=_("Project"), max_length=200)
    assessed_on = formtools.date_field(_("Assessed on"), required=True)
    findings = forms.CharField(
        label=_("Findings"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_("The information collected, its purpose, its sensitivity, who sees it."),
    )
    measures = forms.CharField(
        label=_("Measures"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
        help_text=_("What the collective does to protect the information."),
    )
    covers = forms.MultipleChoiceField(
        label=_("Parts of the platform covered"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their staff pages show the assessment."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read when the form is made: the apps are all loaded by then.
        covers = self.fields["covers"]
        assert isinstance(covers, forms.MultipleChoiceField)
        covers.choices = platform_parts()
