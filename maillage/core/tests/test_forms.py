from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from maillage.core.forms import Done, apply_errors, submit


class NameForm(forms.Form):
    name = forms.CharField()


def test_errors_of_a_service_go_to_their_field_or_to_the_top():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    apply_errors(form, ValidationError({"name": "Taken.", "elsewhere": "Wrong."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Wrong."]
    plain = NameForm({"name": "y"})
    plain.is_valid()
    apply_errors(plain, ValidationError("Refused."))
    assert plain.non_field_errors() == ["Refused."]


def test_submit_runs_the_service_only_for_a_valid_post():
    factory = RequestFactory()
    calls = []
    assert submit(factory.get("/"), NameForm(), lambda: calls.append(1)) is None
    assert submit(factory.post("/"), NameForm({"name": ""}), lambda: calls.append(2)) is None
    assert calls == []
    done = submit(factory.post("/"), NameForm({"name": "Habitation"}), lambda: "created")
    assert done == Done("created")


def test_submit_keeps_the_input_and_shows_the_service_refusal():
    form = NameForm({"name": "Habitation"})

    def refuse():
        raise ValidationError({"name": "A circle already has this name."})

    assert submit(RequestFactory().post("/"), form, refuse) is None
    assert form.errors["name"] == ["A circle already has this name."]
    assert form["name"].value() == "Habitation"
