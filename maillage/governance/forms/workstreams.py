"""Forms of workstreams, their status and their deliverables."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import FilterForm, data_from, date_field, initial_from
from maillage.governance import workflows
from maillage.governance.forms._common import (
    NamedMultipleChoiceField,
    QuorumFields,
    ScopeMixin,
    check_dates,
    levels_field,
    lines,
    lines_field,
    sectors_field,
    set_queryset,
    strategies_field,
    territory_field,
)
from maillage.governance.models import Circle, Deliverable, Workstream
from maillage.governance.services import DeliverableData, WorkstreamData
from maillage.network.forms import PersonChoiceField
from maillage.network.models import Person


class WorkstreamFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *workflows.WORKSTREAM.choices],
    )
    past_sunset = forms.BooleanField(label=_("Only those past their sunset date"), required=False)

    def values(self) -> tuple[str, bool]:
        chosen = self.chosen() or {}
        return chosen.get("status") or "", bool(chosen.get("past_sunset"))


class WorkstreamForm(ScopeMixin, EditForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    mandate = forms.CharField(
        label=_("Mandate"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    sponsors = NamedMultipleChoiceField(
        label=_("Sponsoring circles"),
        queryset=Circle.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sponsoring circle.")},
    )
    start_date = date_field(_("Start date"))
    sunset_date = date_field(
        _("Sunset date"), help_text=_("When the mandate ends unless it is renewed.")
    )
    deliverables = lines_field(_("Expected deliverables"), rows=3)
    territories = territory_field(_("Territories concerned"))
    levels = levels_field()
    strategies = strategies_field()
    sectors = sectors_field()
    quorum_seats = QuorumFields.base_fields["quorum_seats"]
    quorum_sectors = QuorumFields.base_fields["quorum_sectors"]
    quorum_required_sectors = QuorumFields.base_fields["quorum_required_sectors"]

    def __init__(
        self,
        *args: Any,
        workstream: Workstream | None = None,
        sponsor: Circle | None = None,
        can_change_sponsors: bool = True,
        **kwargs: Any,
    ) -> None:
        if workstream is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(workstream, "name", "mandate", "start_date", "sunset_date"),
                "sponsors": [c.pk for c in workstream.sponsors.all()],
                **self.scope_initial(workstream),
            }
        elif sponsor is not None:
            kwargs.setdefault("initial", {})["sponsors"] = [sponsor.pk]
        super().__init__(*args, **kwargs)
        field = self.fields["sponsors"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Circle.objects.filter(archived_at__isnull=True).order_by("name")
        if workstream is not None:
            del self.fields["deliverables"]
            if not can_change_sponsors:
                field.disabled = True
                field.help_text = _("Only coordination staff may change the sponsoring circles.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(
            self, "start_date", "sunset_date", _("The sunset date comes after the start date.")
        )
        return data

    def to_data(self) -> WorkstreamData:
        data = self.cleaned_data
        return data_from(
            WorkstreamData,
            data,
            sponsors=list(data["sponsors"]),
            deliverables=[DeliverableData(title=t) for t in lines(data.get("deliverables", ""))],
            **self.scope_data(),
        )


class DeliverableForm(EditForm):
    title = forms.CharField(label=_("Deliverable"), max_length=255)
    due_date = date_field(_("Due date"))
    owner = PersonChoiceField(
        label=_("Owner"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("One of the workstream's members, who carries it and may mark it as done."),
    )

    def __init__(
        self,
        *args: Any,
        workstream: Workstream,
        deliverable: Deliverable | None = None,
        **kwargs: Any,
    ) -> None:
        if deliverable is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(deliverable, "title", "due_date", "owner")
        super().__init__(*args, **kwargs)
        set_queryset(
            self,
            "owner",
            Person.objects.filter(
                memberships__workstream=workstream, memberships__ended_at__isnull=True
            )
            .distinct()
            .order_by("last_name", "first_name"),
        )

    def to_data(self) -> DeliverableData:
        return data_from(DeliverableData, self.cleaned_data)
