from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django import forms

from maillage.core.formtools import FilterForm, data_from, initial_from


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
