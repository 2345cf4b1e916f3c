import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from maillage.core.forms import Difference, Done, EditForm, _shown, apply_errors, submit
from maillage.core.versions import StaleVersion, version_of
from maillage.network.tests.factories import PersonFactory


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


class ContactForm(EditForm):
    name = forms.CharField(label="Nom")
    level = forms.ChoiceField(
        label="Palier", choices=[("local", "Local"), ("regional", "Régional")]
    )
    sectors = forms.MultipleChoiceField(
        label="Secteurs",
        required=False,
        choices=[("Réseaux", [("sante", "Santé"), ("scolaire", "Scolaire")])],
    )
    public = forms.BooleanField(label="Public", required=False)
    note = forms.CharField(label="Note", required=False)


@pytest.mark.django_db
def test_an_edit_form_carries_the_version_and_keeps_it_out_of_what_was_typed():
    person = PersonFactory.create()
    opened = ContactForm()
    opened.carry_version(person)
    assert opened["version"].value() == version_of(person)
    assert opened["version"].is_hidden
    sent = ContactForm({"name": "Habitation", "level": "local", "version": "v1"})
    sent.carry_version(person)
    assert sent.is_valid()
    assert sent.sent_version == "v1"
    assert "version" not in sent.cleaned_data
    without = ContactForm({"name": "Habitation", "level": "local"})
    without.carry_version(person)
    assert without.is_valid() and without.sent_version is None


@pytest.mark.django_db
def test_a_stale_edit_keeps_what_was_typed_takes_the_new_version_and_says_what_differs():
    person = PersonFactory.create()
    typed = QueryDict(mutable=True)
    typed.update({"name": "Habitation", "level": "local", "note": "Même", "version": "v1"})
    typed.setlist("sectors", ["sante", "scolaire"])
    form = ContactForm(typed)
    form.carry_version(person)
    assert form.is_valid()
    saved = ContactForm(
        initial={"name": "Logement", "level": "regional", "sectors": ["sante"], "note": "Même"}
    )
    form.refuse_stale(StaleVersion(person, changed_by=None), saved=saved)
    assert form["version"].value() == version_of(person)
    assert form["name"].value() == "Habitation"
    assert form.data.getlist("sectors") == ["sante", "scolaire"]
    assert form.conflict is not None and form.conflict.changed_at == person.updated_at
    assert form.conflict.differences == [
        Difference(label="Nom", saved="Logement", typed="Habitation"),
        Difference(label="Palier", saved="Régional", typed="Local"),
        Difference(label="Secteurs", saved="Santé", typed="Santé, Scolaire"),
    ]
    with translation.override("fr-ca"):
        assert _shown(forms.CharField(), "") == "(vide)"
        assert _shown(forms.BooleanField(), True) == "Oui"
