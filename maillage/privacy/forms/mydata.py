"""Asking for a copy of "my data": which format (one button each)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.privacy.models import CopyFormat


class DataCopyForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=CopyFormat.choices,
        error_messages={"required": _("Choose the format of the copy.")},
    )
