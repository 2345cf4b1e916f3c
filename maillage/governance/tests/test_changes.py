import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent
from maillage.governance import changes
from maillage.governance.changes import change_apply, change_describe, change_validate
from maillage.governance.models import Circle, Policy, Role, RoleKind, Workstream
from maillage.governance.selectors import link_inconsistencies
from maillage.governance.services import SYSTEM
from maillage.governance.tests.factories import PersonFactory
from maillage.network.tests.factories import mrc

pytestmark = pytest.mark.django_db


def through_json(change):
    """What a proposal stores and reads back."""
    return json.loads(json.dumps(change))


def apply(actor, action, **params):
    return change_apply(actor=actor, change=through_json({"action": action, "params": params}))


def test_a_circle_is_created_amended_and_archived_from_data(staff, general):
    place = mrc("2416", "Charlevoix")
    circle = apply(
        staff,
        "circle.create",
        name="Habitation",
        parent="cercle-general",
        purpose="Un toit pour toutes et tous.",
        accountabilities=["Documenter les besoins"],
        strategies=["concertation-intersectorielle"],
        territories=[place.slug],
        levels=["supralocal"],
        mode="open",
    )
    assert isinstance(circle, Circle) and circle.parent == general
    assert circle.mode == "open" and list(circle.territories.all()) == [place]
    assert circle.roles.filter(kind=RoleKind.DELEGATE).exists()

    apply(staff, "circle.amend", circle="habitation", accountabilities=["Documenter", "Porter"])
    circle.refresh_from_db()
    assert circle.purpose == "Un toit pour toutes et tous."  # untouched: not in the change
    assert list(circle.accountabilities.values_list("text", flat=True)) == ["Documenter", "Porter"]
    assert circle.strategies.count() == 1

    apply(staff, "circle.archive", circle="habitation")
    assert Circle.objects.get(pk=circle.pk).is_archived
    verbs = list(AuditEvent.objects.filter(target_id=str(circle.pk)).values_list("verb", flat=True))
    assert "circle.accountability_added" in verbs and "circle.archived" in verbs


def test_roles_are_created_assigned_and_amended_from_data(staff, general):
    apply(staff, "circle.create", name="Sécurité alimentaire", parent="cercle-general")
    delegate = Role.objects.get(circle__slug="securite-alimentaire", kind="delegate")
    person = PersonFactory()
    apply(staff, "role.assign", role=delegate.pk, person=person.slug, start_date="2026-01-15")
    assert delegate.assignments.get().term_end == dt.date(2028, 1, 15)
    assert link_inconsistencies() == []
    role = apply(
        staff,
        "role.create",
        circle="securite-alimentaire",
        name="Veille",
        accountabilities=["Lire les politiques publiques"],
        elected=True,
        term_months=12,
    )
    secretary = Role.objects.get(circle__slug="securite-alimentaire", kind="secretary")
    with pytest.raises(ValidationError):  # one secretary per circle
        apply(staff, "role.amend", role=role.pk, kind="secretary")
    apply(staff, "role.archive", role=secretary.pk)
    apply(staff, "role.amend", role=role.pk, kind="secretary")
    role.refresh_from_db()
    # The secretary kind may amend policies by default; the rest was kept.
    assert role.kind == "secretary" and role.may_amend_policies and role.elected
    apply(staff, "role.unassign", role=delegate.pk, person=person.slug)
    assert not delegate.assignments.filter(ended_at=None).exists()
    apply(staff, "role.archive", role=role.pk)
    assert Role.objects.get(pk=role.pk).is_archived and secretary.assignments.count() == 0


def test_workstreams_and_policies_from_data(staff, general):
    workstream = apply(
        staff,
        "workstream.create",
        name="Transport collectif rural",
        sponsors=["cercle-general"],
        sunset_date="2027-06-30",
        deliverables=["Carte de l'offre"],
    )
    assert isinstance(workstream, Workstream) and workstream.sunset_date == dt.date(2027, 6, 30)
    apply(staff, "workstream.transition", workstream=workstream.slug, transition="launch")
    apply(staff, "workstream.amend", workstream=workstream.slug, mandate="Cartographier.")
    workstream.refresh_from_db()
    assert workstream.status == "active" and workstream.mandate == "Cartographier."
    assert workstream.deliverables.get().title == "Carte de l'offre"

    policy = apply(
        staff,
        "policy.adopt",
        circle="cercle-general",
        title="Accueil",
        text="v1",
        review_date="2027-01-01",
    )
    apply(staff, "policy.amend", policy=policy.pk, text="v2", note="Précision")
    policy.refresh_from_db()
    assert policy.text == "v2" and policy.title == "Accueil" and policy.version == 2
    assert policy.review_date == dt.date(2027, 1, 1)
    apply(staff, "policy.renew", policy=policy.pk, review_date="2028-01-01")
    apply(staff, "policy.retire", policy=policy.pk)
    assert Policy.objects.get(pk=policy.pk).status == "retired"
    apply(staff, "workstream.archive", workstream=workstream.slug)
    assert Workstream.objects.get(pk=workstream.pk).is_archived


def test_a_consented_decision_applies_as_the_system(general):
    circle = apply(SYSTEM, "circle.create", name="Influence citoyenne", parent="cercle-general")
    assert circle.pk


def test_the_services_still_check_who_applies(member, general):
    with pytest.raises(PermissionDenied):
        apply(member, "circle.create", name="X", parent="cercle-general")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"action": "circle.explode", "params": {}}, "action"),
        ({"action": "circle.create", "params": {"purpose": "sans nom"}}, "name"),
        ({"action": "circle.create", "params": {"name": "X", "colour": "red"}}, "colour"),
        ({"action": "circle.create", "params": {"name": "X", "parent": "nulle-part"}}, "parent"),
        ({"action": "circle.create", "params": {"name": "X", "mode": "secret"}}, "mode"),
        ({"action": "circle.create", "params": {"name": "X", "levels": ["galactic"]}}, "levels"),
        ({"action": "circle.create", "params": {"name": 3}}, "name"),
        ({"action": "circle.create", "params": {"name": "X", "domains": "un seul"}}, "domains"),
        ({"action": "workstream.create", "params": {"name": "X", "sponsors": []}}, "sponsors"),
        (
            {
                "action": "workstream.create",
                "params": {
                    "name": "X",
                    "sponsors": ["cercle-general"],
                    "sunset_date": "31/12/2027",
                },
            },
            "sunset_date",
        ),
        ({"action": "role.create", "params": {"name": "Sans cercle"}}, "circle"),
        ({"action": "role.amend", "params": {"role": "un"}}, "role"),
        ({"action": "role.amend", "params": {"role": 9999}}, "role"),
        (
            {"action": "role.create", "params": {"circle": "cercle-general", "elected": "oui"}},
            "elected",
        ),
    ],
)
def test_invalid_changes_are_refused_with_a_reason_per_parameter(general, change, field):
    with pytest.raises(ValidationError) as error:
        change_validate(through_json(change))
    assert field in error.value.message_dict


def test_a_change_must_be_an_object_with_action_and_params():
    bad_changes: list[object] = [None, [], "circle.create", {"action": "circle.create", "x": 1}]
    for bad in bad_changes:
        with pytest.raises(ValidationError):
            change_validate(bad)


def test_several_changes_apply_all_or_nothing(staff, general):
    with pytest.raises(ValidationError):
        changes.changes_apply(
            actor=staff,
            changes=[
                {"action": "circle.create", "params": {"name": "A", "parent": "cercle-general"}},
                {"action": "circle.create", "params": {"name": "B", "parent": "inconnu"}},
            ],
        )
    assert not Circle.objects.filter(name="A").exists()


def test_changes_describe_themselves_and_export_a_json_schema():
    assert change_describe({"action": "circle.create", "params": {"name": "Habitation"}}) == (
        "Créer le cercle « Habitation »"
    )
    assert change_describe({"action": "nope"}) == "Changement inconnu"
    for action in changes.ACTIONS:
        schema = changes.schema(action)
        json.dumps(schema)
        assert schema["properties"]["action"] == {"const": action}
    circle = changes.schema("circle.create")["properties"]["params"]
    assert circle["required"] == ["name"]
    assert circle["properties"]["territories"] == {"type": "array", "items": {"type": "string"}}
    assert circle["properties"]["mode"] == {"enum": ["consent", "open"]}
    assert changes.schema("role.amend")["properties"]["params"]["properties"]["role"] == {
        "type": "integer"
    }
