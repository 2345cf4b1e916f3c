"""Forms of meetings: the meeting, its agenda items, attendance and action items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import EditForm
from maillage.core.formtools import DateInput, ModelChoiceField, date_field, initial_from
from maillage.decisions.models import Process
from maillage.governance.models import Membership
from maillage.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingFormat,
    Rsvp,
)
from maillage.meetings.services import (
    ActionItemData,
    AgendaItemData,
    AttendanceData,
    MeetingData,
)
from maillage.network.models import Person


class TimeInput(forms.TimeInput):
    """The browser's time picker (it reads and writes 24-hour times)."""

    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class PersonField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _people(members: Sequence[Membership]) -> Any:
    return Person.objects.filter(pk__in=[m.person_id for m in members]).order_by(
        "last_name", "first_name"
    )


class MeetingForm(EditForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=MeetingFormat.choices,
        initial=MeetingFormat.IN_PERSON,
        widget=forms.RadioSelect,
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=255,
        required=False,
        help_text=_("The address, for a meeting in person or hybrid."),
    )
    link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For a meeting online or hybrid."),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end = forms.TimeField(label=_("End time"), widget=TimeInput())
    facilitator = PersonField(
        label=_("Facilitator"), required=False, queryset=Person.objects.none()
    )
    secretary = PersonField(label=_("Secretary"), required=False, queryset=Person.objects.none())
    notes = forms.CharField(
        label=_("General notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: Any,
        members: Sequence[Membership],
        meeting: Meeting | None = None,
        **kwargs: Any,
    ) -> None:
        if meeting is not None and "initial" not in kwargs:
            starts = timezone.localtime(meeting.starts_at)
            kwargs["initial"] = {
                **initial_from(meeting, "title", "format", "place", "link", "notes"),
                "day": starts.date(),
                "start": starts.time().replace(second=0, microsecond=0),
                "end": timezone.localtime(meeting.ends_at).time().replace(second=0, microsecond=0),
                "facilitator": meeting.facilitator_id,
                "secretary": meeting.secretary_id,
            }
        super().__init__(*args, **kwargs)
        people = _people(members)
        for name in ("facilitator", "secretary"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = people

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting ends after it starts."))
        return data

    def to_data(self) -> MeetingData:
        data = self.cleaned_data
        day: dt.date = data["day"]
        return MeetingData(
            title=data["title"],
            format=data["format"],
            place=data["place"],
            link=data["link"],
            starts_at=timezone.make_aware(dt.datetime.combine(day, data["start"])),
            ends_at=timezone.make_aware(dt.datetime.combine(day, data["end"])),
            facilitator=data["facilitator"],
            secretary=data["secretary"],
            notes=data["notes"],
        )


class ProcessField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.state_label})"


class AgendaItemForm(EditForm):
    title = forms.CharField(label=_("Item"), max_length=255)
    presenter = PersonField(label=_("Presenter"), required=False, queryset=Person.objects.none())
    process = ProcessField(
        label=_("Decision process taken up"),
        required=False,
        queryset=Process.objects.none(),
        help_text=_(
            "A proposal of this circle or workstream under way, presented or decided here."
        ),
    )
    duration = forms.IntegerField(
        label=_("Duration (minutes)"), required=False, min_value=1, max_value=600
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was said and agreed on this item; the minutes carry it."),
    )

    def __init__(
        self,
        *args: Any,
        members: Sequence[Membership],
        processes: Any = None,
        item: AgendaItem | None = None,
        **kwargs: Any,
    ) -> None:
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(item, "title", "duration", "notes"),
                "presenter": item.presenter_id,
                "process": item.process_id,
            }
        super().__init__(*args, **kwargs)
        field = self.fields["presenter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _people(members)
        choice = self.fields["process"]
        assert isinstance(choice, forms.ModelChoiceField)
        choice.queryset = processes if processes is not None else Process.objects.none()

    def to_data(self) -> AgendaItemData:
        return AgendaItemData(**self.cleaned_data)


class ActionItemForm(forms.Form):
    person = PersonField(label=_("Who"), queryset=Person.objects.none())
    text = forms.CharField(label=_("What"), max_length=500)
    due_date = date_field(_("Due date"))
    agenda_item = ModelChoiceField(
        label=_("Agenda item"), required=False, queryset=AgendaItem.objects.none()
    )

    def __init__(
        self, *args: Any, members: Sequence[Membership], meeting: Meeting, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        item = self.fields["agenda_item"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(item, forms.ModelChoiceField)
        person.queryset = _people(members)
        item.queryset = meeting.agenda_items.all()

    def to_data(self) -> ActionItemData:
        return ActionItemData(**self.cleaned_data)


NOT_RECORDED = ""


class AttendanceForm(EditForm):
    """One row per member: their attendance, and who stood in for them (one of their seat's
    substitutes)."""

    def __init__(
        self,
        *args: Any,
        members: Sequence[Membership],
        recorded: dict[int, tuple[str, int | None]],
        meeting: Meeting,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"] = forms.CharField(
            label=_("Remarks on attendance"),
            max_length=500,
            required=False,
            initial=meeting.attendance_note,
            help_text=_("Who arrived late or left early, who joined online…"),
        )
        self.members = list(members)
        self.rows: list[tuple[Membership, str, str]] = []
        for membership in self.members:
            person = membership.person
            status, substitute = recorded.get(person.pk, (NOT_RECORDED, None))
            status_name, substitute_name = f"status_{person.pk}", f"substitute_{person.pk}"
            seat = membership.seat
            self.fields[status_name] = forms.ChoiceField(
                label=str(person),
                required=False,
                choices=[(NOT_RECORDED, _("Not recorded")), *AttendanceStatus.choices],
                initial=status,
                help_text=str(seat.organization) if seat is not None else "",
            )
            substitutes = list(seat.substitutes.all()) if seat is not None else []
            self.fields[substitute_name] = forms.TypedChoiceField(
                label=_("Substitute of %(person)s") % {"person": person},
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("None")), *((p.pk, str(p)) for p in substitutes)],
                initial=substitute,
            )
            self.rows.append((membership, status_name, substitute_name))

    def row_fields(self) -> list[tuple[Membership, forms.BoundField, forms.BoundField]]:
        return [(m, self[status], self[substitute]) for m, status, substitute in self.rows]

    def to_entries(self) -> list[AttendanceData]:
        seats = [m.seat for m in self.members if m.seat is not None]
        substitutes = {p.pk: p for seat in seats for p in seat.substitutes.all()}
        entries = []
        for membership, status_name, substitute_name in self.rows:
            status = self.cleaned_data.get(status_name) or NOT_RECORDED
            if status == NOT_RECORDED:
                continue
            entries.append(
                AttendanceData(
                    person=membership.person,
                    status=status,
                    seat=membership.seat,
                    substitute=substitutes.get(self.cleaned_data.get(substitute_name) or 0),
                )
            )
        return entries


class RsvpForm(forms.Form):
    rsvp = forms.ChoiceField(label=_("Your answer"), choices=Rsvp.choices, widget=forms.RadioSelect)


class MinutesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the minutes"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
