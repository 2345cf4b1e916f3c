import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from maillage.core.actions import (
    action_redirect,
    edit_page,
    form_redirect,
    form_status,
    refusal_message,
)
from maillage.core.forms import EditForm
from maillage.core.tests.factories import UserFactory
from maillage.core.versions import lock, version_of
from maillage.network.models import Person
from maillage.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str, data: dict[str, str] | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = UserFactory()
    request._messages = CookieStorage(request)
    return request


def _said(request: HttpRequest) -> list[tuple[str, str]]:
    return [(message.tags, message.message) for message in get_messages(request)]


def test_a_form_the_service_accepts_says_so_and_redirects_with_its_result():
    request = _request("post", {"name": "Habitation"})
    form = NameForm(request.POST)
    actors = []

    def create(actor):
        actors.append(actor)
        return "habitation"

    response = form_redirect(
        request, form, create, success=lambda slug: f"Created {slug}.", to=lambda slug: f"/{slug}/"
    )
    assert response is not None and response.status_code == 302
    assert response["Location"] == "/habitation/"
    assert actors == [request.user]
    assert _said(request) == [("success", "Created habitation.")]


def test_a_form_is_shown_again_with_the_refusal_at_its_field():
    request = _request("post", {"name": "Habitation"})
    form = NameForm(request.POST)

    def refuse(actor):
        raise ValidationError({"name": "Taken."})

    assert form_redirect(request, form, refuse, success="Created.", to="/x/") is None
    assert form.errors["name"] == ["Taken."]
    assert form_status(form) == 400
    assert _said(request) == []
    shown = _request("get")
    assert form_redirect(shown, NameForm(), refuse, success="Created.", to="/x/") is None
    assert form_status(NameForm()) == form_status(None) == 200


def test_a_button_runs_the_service_and_a_refusal_becomes_an_error_message():
    done = _request("post")
    response = action_redirect(done, lambda actor: actor.pk, success="Archived.", to="/list/")
    assert response["Location"] == "/list/"
    assert _said(done) == [("success", "Archived.")]

    def refuse(actor):
        raise ValidationError(["Still in use.", "Try later."])

    refused = _request("post")
    response = action_redirect(refused, refuse, success="Archived.", to="/list/", refused_to="/x/")
    assert response["Location"] == "/x/"
    assert _said(refused) == [("error", "Still in use. Try later.")]


def test_only_the_named_refusals_are_caught():
    def deny(actor):
        raise PermissionDenied("Not your turn.")

    with pytest.raises(PermissionDenied):
        action_redirect(_request("post"), deny, success="Done.", to="/")
    request = _request("post")
    response = action_redirect(
        request, deny, success="Done.", to="/", refusals=(ValidationError, PermissionDenied)
    )
    assert response["Location"] == "/"
    assert _said(request) == [("error", "Not your turn.")]
    assert refusal_message(PermissionDenied("No.")) == "No."


class PhoneForm(EditForm):
    phone = forms.CharField(label="Téléphone")


def _page(form: PhoneForm) -> HttpResponse:
    return HttpResponse(form["version"].value(), status=form_status(form))


def test_an_edit_page_opens_on_the_record_version_and_runs_the_service_with_it():
    person = PersonFactory.create()
    shown = edit_page(
        _request("get"), person, PhoneForm, _never, success="Saved.", to="/p/", page=_page
    )
    assert (shown.status_code, shown.content.decode()) == (200, version_of(person))
    calls = []

    def update(actor, form, version):
        calls.append((actor, form.cleaned_data, version))
        return person

    request = _request("post", {"phone": "418", "version": version_of(person)})
    response = edit_page(request, person, PhoneForm, update, success="Saved.", to="/p/", page=_page)
    assert (response.status_code, response["Location"]) == (302, "/p/")
    assert calls == [(request.user, {"phone": "418"}, version_of(person))]
    assert _said(request) == [("success", "Saved.")]


def test_an_edit_refused_as_stale_shows_the_form_again_with_the_new_version():
    person = PersonFactory.create(phone="418 555-0100")
    opened = version_of(person)
    Person.objects.get(pk=person.pk).save()  # someone else saves after this form was opened

    def update(actor, form, version):
        with transaction.atomic():
            lock(person, version=version)

    request = _request("post", {"phone": "819", "version": opened})
    response = edit_page(request, person, PhoneForm, update, success="Saved.", to="/p/", page=_page)
    assert response.status_code == 409
    assert response.content.decode() == version_of(Person.objects.get(pk=person.pk)) != opened
    assert _said(request) == []


def test_an_edit_refused_by_the_service_stays_at_its_fields():
    def refuse(actor, form, version):
        raise ValidationError({"phone": "Invalid."})

    person = PersonFactory.create()
    request = _request("post", {"phone": "x", "version": version_of(person)})
    response = edit_page(request, person, PhoneForm, refuse, success="Saved.", to="/", page=_page)
    assert response.status_code == 400


def _never(actor, form, version):
    raise AssertionError("no service for a GET")
