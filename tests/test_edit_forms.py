"""Every form that edits a record carries the version it was opened on. Sent after someone else
saved the record, it is refused with the "changed since you opened it" page, keeps what was
typed and overwrites nothing; sent again on the new version, it is saved.

The test walks every URL of the project's apps that names a record (its route has a parameter),
as an administrator, with the permission matrix's sample objects: a new app's edit forms are
covered without more code, and a form about a record that carries no version fails unless its
URL name says it creates something (`…_create`, `…_add`, `…_adopt`, `…_assign`, `…_answer`: a
questionnaire's answer form writes a new response).
"""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import get_resolver
from django.utils import translation

from maillage.core.forms import EditForm
from maillage.core.formtools import FilterForm
from maillage.core.roles import Role
from maillage.core.tests.editing import opened_data
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import version_of
from tests.matrix import make_samples, matrix, reverse_entry, walk_urls

CHANGED = "Cette fiche a été modifiée depuis que vous l’avez ouverte"
# A form that makes a new record (`_submit`: a plan or an objective put to a new consent process).
CREATES = ("_create", "_add", "_adopt", "_assign", "_answer", "_submit")
TYPED_TEXT = "Saisi pendant que quelqu’un d’autre enregistrait"
TYPED_DATE = "2031-03-14"


def record_urls() -> list[str]:
    """The names of the project's own URLs whose route names a record."""
    labels = {c.label for c in apps.get_app_configs() if c.name.startswith("maillage.")}
    with translation.override(settings.LANGUAGE_CODE):
        found = walk_urls(get_resolver().url_patterns)
        return sorted(
            {name for name, route, _p in found if "<" in route and name.split(":")[0] in labels}
        )


EDITS = {
    "governance:assignment_update",
    "governance:circle_amend",
    "governance:membership_leave",
    "governance:membership_remove",
    "governance:policy_amend",
    "governance:policy_status",
    "governance:role_amend",
    "governance:workstream_amend",
    "network:organization_update",
    "network:person_update",
    "network:seat_update",
}


def test_the_walk_finds_the_edit_forms_of_every_app():
    names = record_urls()
    assert set(names) >= EDITS
    assert "network:organization_list" not in names
    assert "admin:index" not in names


@pytest.mark.parametrize("name", record_urls())
def test_a_form_about_a_record_refuses_a_stale_version(name, db):
    expect = matrix()[name]
    with translation.override(settings.LANGUAGE_CODE):  # the page in French, whatever ran before
        url = reverse_entry(name, expect.kwargs(make_samples()))
    client = Client()
    client.force_login(user_with_role(Role.ADMIN))
    opened = client.get(url) if expect.method == "get" else None
    form = opened.context.get("form") if opened is not None and opened.context else None
    if not isinstance(form, forms.Form) or not form.visible_fields():
        return  # no form here: a page, a feed, a confirmation, a button's POST
    if isinstance(form, FilterForm):
        return  # a list's filters (a plan's objectives), read from the query: they edit nothing
    if not isinstance(form, EditForm) or form.record is None:
        assert name.endswith(CREATES), f"{name} edits a record without carrying its version"
        return
    record = type(form.record)._default_manager.get(pk=form.record.pk)
    record.save()  # someone else saves it after the form was opened
    before = model_to_dict(record)
    field, typed = _typed_into(form)

    refused = client.post(url, {**opened_data(form), field: typed})

    assert refused.status_code == 409, name
    assert CHANGED in refused.text
    again = refused.context["form"]
    assert again[field].value() == typed  # what was typed is kept
    assert again["version"].value() == version_of(record)
    assert model_to_dict(type(record)._default_manager.get(pk=record.pk)) == before
    assert client.post(url, opened_data(again)).status_code == 302  # sent again, deliberately


def _typed_into(form: forms.Form) -> tuple[str, str]:
    """A field to type into, and what: the first plain text field, else the first date."""
    fields = [f for f in form.visible_fields() if not f.field.disabled]
    for field in fields:
        if type(field.field) is forms.CharField:
            return field.name, TYPED_TEXT
    dates = [f.name for f in fields if isinstance(f.field, forms.DateField)]
    assert dates, f"{form.__class__.__name__}: no field to type into"
    return dates[0], TYPED_DATE
