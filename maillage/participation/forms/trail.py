"""The forms of the influence trail: sending an input to a group, moving its status, and a
consultation's report back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import ModelChoiceField
from maillage.governance.models import Circle, Workstream
from maillage.participation import workflows
from maillage.participation.models import Consultation
from maillage.participation.selectors.trail import answer_decisions, answer_processes

_TEXT = {"rows": 4}


class RouteForm(forms.Form):
    """The circle or workstream an input is sent to (`group` cleans to the group itself)."""

    group = forms.ChoiceField(label=_("Send it to"))
    reason = forms.CharField(
        label=_("Why this group (optional)"),
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circles = Circle.objects.filter(archived_at__isnull=True).order_by("name")
        workstreams = Workstream.objects.filter(archived_at__isnull=True).order_by("name")
        self.fields["group"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a circle or a workstream")),
            (_("Circles"), [(f"circle:{c.pk}", c.name) for c in circles]),
            (_("Workstreams"), [(f"workstream:{w.pk}", w.name) for w in workstreams]),
        ]

    def clean_group(self) -> Circle | Workstream:
        kind, _sep, pk = str(self.cleaned_data["group"]).partition(":")
        model = Circle if kind == "circle" else Workstream
        group = model.objects.filter(pk=pk, archived_at__isnull=True).first()
        if group is None:
            raise forms.ValidationError(_("Choose a circle or a workstream."))
        return group


class MoveForm(forms.Form):
    """A step of the trail: the transitions open from the input's status, and, to take it up,
    the decisions of its group."""

    transition = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("What you say to the public"),
        help_text=_("Required when the input is not retained: say why, in plain words."),
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    process = ModelChoiceField(Circle.objects.none(), label=_("Decision process"), required=False)
    decision = ModelChoiceField(
        Circle.objects.none(), label=_("Decision of the register"), required=False
    )
    carried_by = ModelChoiceField(
        Workstream.objects.filter(archived_at__isnull=True).order_by("name"),
        label=_("Workstream that carries it (optional)"),
        required=False,
    )

    def __init__(self, *args: Any, status: str, group: Circle | Workstream, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [  # type: ignore[attr-defined]
            (t.key, t.label) for t in workflows.TRAIL.transitions_from(status)
        ]
        self.fields["process"].queryset = answer_processes(group)  # type: ignore[attr-defined]
        self.fields["decision"].queryset = answer_decisions(group)  # type: ignore[attr-defined]


class ReportBackForm(EditForm):
    """A consultation's report back, in French and in English; it carries the consultation's
    version (`core.actions.edit_page`)."""

    heard_fr = forms.CharField(label=_("What we heard (French)"), widget=forms.Textarea)
    heard_en = forms.CharField(
        label=_("What we heard (English)"), required=False, widget=forms.Textarea
    )
    decided_fr = forms.CharField(label=_("What was decided (French)"), widget=forms.Textarea)
    decided_en = forms.CharField(
        label=_("What was decided (English)"), required=False, widget=forms.Textarea
    )
    not_retained_fr = forms.CharField(
        label=_("What was not retained, and why (French)"), required=False, widget=forms.Textarea
    )
    not_retained_en = forms.CharField(
        label=_("What was not retained, and why (English)"), required=False, widget=forms.Textarea
    )

    @classmethod
    def initial_of(cls, consultation: Consultation) -> dict[str, str]:
        return {name: getattr(consultation, name) for name in cls.base_fields}
