"""The forms of consultations: the list's filters, a consultation's texts and group, and its
four phases (one form per phase, sent together)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import FilterForm, date_field
from maillage.governance.forms._common import strategies_field
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.participation.models import PHASE_ORDER, Consultation, PhaseKind
from maillage.participation.services.consultations import PhaseData, phase_errors
from maillage.territories.forms import TerritoryChoiceField, TerritoryMultipleChoiceField


class ConsultationFilterForm(FilterForm):
    """The list's filters, read from the query string; an unknown value filters nothing."""

    territory = TerritoryChoiceField(
        label=_("Territory"), empty_label=_("All territories"), whole=True
    )
    strategy = forms.ChoiceField(label=_("Strategy"), required=False)
    phase = forms.ChoiceField(
        label=_("Phase under way"),
        required=False,
        choices=[("", _("Every phase")), *PhaseKind.choices],
    )

    def __init__(self, *args: Any, strategies: list[Strategy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategies = {strategy.key: strategy for strategy in strategies}
        self.set_choices("strategy", _("All strategies"), [(s.key, s.name) for s in strategies])

    def filters(self) -> dict[str, Any]:
        data = self.chosen() or {}
        return {
            "territory": data.get("territory"),
            "strategy": self.strategies.get(data.get("strategy") or ""),
            "phase": data.get("phase") or "",
        }


def group_key(group: Circle | Workstream) -> str:
    return f"{'circle' if isinstance(group, Circle) else 'workstream'}-{group.pk}"


class ConsultationForm(EditForm):
    """A consultation's texts, its group (only those the person may choose), what it concerns
    and its period."""

    title_fr = forms.CharField(label=_("Title in French"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    question_fr = forms.CharField(
        label=_("The question, in French"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Ask it in plain words, as you would to a neighbour."),
    )
    question_en = forms.CharField(
        label=_("The question, in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    group = forms.ChoiceField(label=_("Who asks: a circle or a workstream"))
    territories = TerritoryMultipleChoiceField(label=_("Territories concerned"))
    strategies = strategies_field()
    starts_on = date_field(_("Starts on"), required=True)
    ends_on = date_field(_("Ends on"), required=True)

    def __init__(
        self,
        *args: Any,
        circles: list[Circle],
        workstreams: list[Workstream],
        consultation: Consultation | None = None,
        **kwargs: Any,
    ) -> None:
        if consultation is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(consultation, name)
                for name in ("title_fr", "title_en", "question_fr", "question_en")
            } | {
                "group": group_key(consultation.group),
                "territories": list(consultation.territories.all()),
                "strategies": list(consultation.strategies.all()),
                "starts_on": consultation.starts_on,
                "ends_on": consultation.ends_on,
            }
        super().__init__(*args, **kwargs)
        groups: dict[str, Circle | Workstream] = {
            **{group_key(c): c for c in circles},
            **{group_key(w): w for w in workstreams},
        }
        if consultation is not None:
            # Its present group stays a choice, even for someone who may not choose it anew.
            groups.setdefault(group_key(consultation.group), consultation.group)
        self.groups = groups
        choices: list[Any] = [("", _("Choose…"))]
        for label, kind in ((_("Circles"), Circle), (_("Workstreams"), Workstream)):
            options = [(key, g.name) for key, g in groups.items() if isinstance(g, kind)]
            if options:
                choices.append((label, options))
        field = self.fields["group"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        group = self.groups.get(data.pop("group", None) or "")
        data["circle"] = group if isinstance(group, Circle) else None
        data["workstream"] = group if isinstance(group, Workstream) else None
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end comes on or after the start."))
        return data


class PhaseForm(forms.Form):
    """One phase: its dates and what people read while it runs."""

    starts_on = date_field(_("Starts on"), required=True)
    ends_on = date_field(_("Ends on"), required=True)
    text_fr = forms.CharField(
        label=_("What happens, in French"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    text_en = forms.CharField(
        label=_("What happens, in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class BasePhaseFormSet(forms.BaseFormSet[PhaseForm]):
    """The four phases, in order: each inside the consultation's period, after the one before."""

    consultation: Consultation

    def kinds(self) -> list[tuple[str, PhaseForm]]:
        return [
            (str(PhaseKind(kind).label), form)
            # Fewer forms only when the management data was tampered with (an error says so).
            for kind, form in zip(PHASE_ORDER, self.forms, strict=False)
        ]

    def phases(self) -> list[PhaseData]:
        return [
            PhaseData(kind=kind, **form.cleaned_data)
            for kind, form in zip(PHASE_ORDER, self.forms, strict=True)
        ]

    def clean(self) -> None:
        if len(self.forms) != len(PHASE_ORDER) or any(form.errors for form in self.forms):
            return
        errors = phase_errors(self.consultation.starts_on, self.consultation.ends_on, self.phases())
        for index, fields in errors.items():
            for name, message in fields.items():
                self.forms[index].add_error(name, message)


PhaseFormSet = forms.formset_factory(
    PhaseForm,
    formset=BasePhaseFormSet,
    extra=0,
    min_num=len(PHASE_ORDER),
    max_num=len(PHASE_ORDER),
    validate_min=True,
    validate_max=True,
    absolute_max=len(PHASE_ORDER),
)


def phase_formset(data: Any, consultation: Consultation) -> BasePhaseFormSet:
    by_kind = {str(p.kind): p for p in consultation.phases.all()}
    initial = [
        {
            "starts_on": by_kind[kind].starts_on,
            "ends_on": by_kind[kind].ends_on,
            "text_fr": by_kind[kind].text_fr,
            "text_en": by_kind[kind].text_en,
        }
        if kind in by_kind
        else {}
        for kind in PHASE_ORDER
    ]
    formset = PhaseFormSet(data, initial=initial, prefix="phase")
    assert isinstance(formset, BasePhaseFormSet)
    formset.consultation = consultation
    return formset


class PhasesForm(EditForm):
    """The four phases sent together (`formset`), with the version of the consultation they
    were opened on."""

    def __init__(self, data: Any, *, consultation: Consultation) -> None:
        super().__init__(data)
        self.formset = phase_formset(data, consultation)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.formset.is_valid() and valid
