import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from maillage.core.actions import action_redirect, form_redirect, form_status, refusal_message
from maillage.core.tests.factories import UserFactory

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
