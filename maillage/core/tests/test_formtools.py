from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django import forms

from maillage.core.formtools import FilterForm, data_from, date_field, initial_from


class ColourFilters(FilterForm):
    colour = forms.ChoiceField(required=False)
    size = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices("colour", "All colours", [("red", "Red"), ("blue", "Blue")])


def test_filters_offer_everything_first_and_leave_out_what_is_unknown():
    assert ColourFilters().fields["colour"].choices == [
        ("", "All colours"),
        ("red", "Red"),
        ("blue", "Blue"),
    ]
    assert ColourFilters().chosen() is None
    assert ColourFilters({"colour": "red", "size": "3"}).chosen() == {"colour": "red", "size": 3}
    assert ColourFilters({"colour": "green", "size": "3"}).chosen() == {"size": 3}


@dataclass
class EventData:
    title: str
    day: date | None = None
    tags: tuple[str, ...] = ()


def test_a_service_data_class_takes_the_fields_it_has_and_the_converted_values():
    typed = {"title": "Assemblée", "day": date(2026, 3, 1), "note": "not a field", "tags": "a b"}
    assert data_from(EventData, typed, tags=("a", "b")) == EventData(
        "Assemblée", date(2026, 3, 1), ("a", "b")
    )
    assert data_from(EventData, {"title": "Bilan"}) == EventData("Bilan")


def test_initial_values_are_the_instance_attributes_of_the_same_names():
    event = SimpleNamespace(title="Assemblée", day=None, secret="x")
    assert initial_from(event, "title", "day") == {"title": "Assemblée", "day": None}


def test_a_date_field_uses_the_browser_date_picker_and_is_optional_unless_said():
    class Dates(forms.Form):
        start = date_field("Start", required=True)
        end = date_field("End", help_text="Leave empty if open.")

    form = Dates(initial={"start": date(2026, 3, 1)})
    assert '<input type="date" name="start" value="2026-03-01"' in str(form["start"])
    assert form.fields["end"].help_text == "Leave empty if open."
    assert Dates({"start": "2026-03-01", "end": ""}).is_valid()
    assert not Dates({"start": "", "end": "2026-03-01"}).is_valid()
