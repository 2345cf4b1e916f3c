from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict

from maillage.core.formtools import (
    CheckboxPicker,
    FilterForm,
    ModelChoiceField,
    ModelMultipleChoiceField,
    QuickSelect,
    data_from,
    date_field,
    initial_from,
    query_text,
    row_key,
    typed,
)
from maillage.core.models import User
from maillage.core.tests.factories import UserFactory


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


@pytest.mark.parametrize("value", ["", "a", "y", None, "missing"])
def test_the_quick_select_writes_what_django_select_writes(value):
    choices = [("", "Tous <les>"), ("a", "A & B"), ("Groupe", [("x", "X"), ("y", "Y")])]
    attrs = {"id": "id_s", "class": "c", "aria-describedby": "h", "required": True}
    expected = forms.Select(attrs=attrs, choices=choices).render("s", value)
    assert QuickSelect(attrs=attrs, choices=choices).render("s", value) == expected


def test_filter_forms_render_their_selects_quickly_with_the_field_label():
    form = ColourFilters({"colour": "blue"})
    assert isinstance(form.fields["colour"].widget, QuickSelect)
    html = str(form["colour"])
    assert '<option value="blue" selected>Blue</option>' in html
    assert 'id="id_colour"' in html


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


class Accounts(forms.Form):
    one = ModelChoiceField(queryset=User.objects.all(), required=False)
    several = ModelMultipleChoiceField(queryset=User.objects.all(), required=False)


HUGE = "9" * 30


@pytest.mark.django_db
@pytest.mark.parametrize("key", [HUGE, "-" + HUGE, str(2**63), str(-(2**63) - 1)])
def test_a_key_out_of_its_column_range_is_a_choice_that_does_not_exist(key):
    user = UserFactory.create()
    form = Accounts({"one": key, "several": [str(user.pk), key]})
    assert not form.is_valid()
    # French by default, at the field, as for any choice that does not exist.
    assert form.errors["one"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert form.errors["several"] == [f"Sélectionnez un choix valide. {key} n’en fait pas partie."]


@pytest.mark.django_db
def test_keys_in_range_or_not_numbers_are_left_to_django():
    user = UserFactory.create()
    assert Accounts({"one": str(user.pk), "several": [str(user.pk)]}).is_valid()
    form = Accounts({"one": "abc", "several": ["abc"]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "several"}
    assert Accounts({"one": str(2**63 - 1), "several": [str(2**63 - 1)]}).is_valid() is False


def test_a_text_from_the_query_string_loses_control_characters_and_is_cut():
    assert query_text({"q": "  sécurité\x00 alimentaire\n "}, "q") == "sécurité alimentaire"
    assert query_text({"q": "x" * 500}, "q", max_length=10) == "x" * 10
    assert query_text({}, "q") == ""


class Picked(forms.Form):
    things = forms.MultipleChoiceField(
        required=False,
        widget=CheckboxPicker,
        choices=[
            ("a", "A & B"),
            ("Group <1>", [("x", "X"), ("y", "Y")]),
            ("Group 2", [("z", "Z")]),
        ],
    )


def test_a_checkbox_picker_puts_each_group_in_a_fieldset_after_the_loose_choices():
    html = str(Picked({"things": ["y"]})["things"])
    assert html.startswith('<div id="id_things" class="picker" data-picker ')
    assert 'data-picker-filter="Filtrer la liste"' in html
    assert 'data-picker-many="{n} éléments choisis"' in html
    loose, group1, group2 = html.split("<fieldset")
    assert '<label for="id_things_0"><input type="checkbox" name="things" value="a"' in loose
    assert "A &amp; B</label>" in loose
    assert "<legend>Group &lt;1&gt;</legend>" in group1
    assert 'value="y" id="id_things_1_1" checked> Y</label>' in group1
    assert "<legend>Group 2</legend>" in group2 and 'value="z"' in group2
    assert html.count("<fieldset") == html.count("</fieldset>") == 2


def test_a_checkbox_picker_validates_like_django_checkboxes():
    assert Picked({"things": ["a", "z"]}).is_valid()
    assert not Picked({"things": ["nope"]}).is_valid()


@pytest.mark.parametrize(
    ("value", "key"),
    [("12", 12), (12, 12), (" 7 ", 7), ("", None), (None, None), ("abc", None), ("-3", None)],
)
def test_a_row_key_is_a_number_the_column_holds(value, key):
    assert row_key(User, value) == key


def test_a_thirty_digit_key_is_no_row_key():
    assert row_key(User, "9" * 30) is None


def test_typed_gives_what_a_sent_form_holds_as_initial_values():
    class Trip(forms.Form):
        where = forms.CharField()
        when = date_field("When")
        things = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)

    sent = Trip({"where": "Baie-Saint-Paul", "when": "2031-02-30", "things": ["b"]})
    assert not sent.is_valid()  # an impossible date: kept as typed all the same
    again = Trip(initial=typed(sent))
    assert not again.is_bound
    assert again["where"].value() == "Baie-Saint-Paul"
    assert again["when"].value() == "2031-02-30"
    assert again["things"].value() == ["b"]


def test_a_filter_forms_query_holds_its_valid_values_only():
    class Filters(FilterForm):
        q = forms.CharField(required=False)
        kind = forms.ChoiceField(required=False, choices=[("", "—"), ("a", "A"), ("b", "B")])
        kinds = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])

    data = QueryDict("q=+loger+&kind=zzz&kinds=a&kinds=b&junk=1&page=3")
    assert Filters(data).query() == "q=loger&kinds=a&kinds=b"
    assert Filters(None).query() == ""
