import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from maillage.core.workflows import State, Transition, TransitionNotAllowed, Workflow

STAFF, OWNER = "staff", "owner"


@pytest.fixture(autouse=True)
def _english():
    with override("en"):
        yield


FLOW = Workflow(
    key="application",
    initial="draft",
    states=(
        State("draft", _("Draft")),
        State("screening", _("Screening"), public_label=_("Submitted"), tags=frozenset({"open"})),
        State("review", _("In review"), public_label=_("Submitted"), tags=frozenset({"open"})),
        State("accepted", _("Accepted")),
    ),
    transitions=(
        Transition("submit", _("Submit"), ("draft",), "screening", frozenset({OWNER})),
        Transition("screen", _("Screen"), ("screening",), "review", frozenset({STAFF})),
        Transition(
            "accept",
            _("Accept"),
            ("review",),
            "accepted",
            frozenset({STAFF}),
            refusal=_("Only the committee decides: “%(transition)s”."),
        ),
    ),
    refusals={frozenset({STAFF}): _("Only coordination staff may do this: “%(transition)s”.")},
)


def test_public_labels_hide_internal_steps():
    assert str(FLOW.label("screening")) == "Screening"
    assert str(FLOW.label("screening", public=True)) == "Submitted"
    assert str(FLOW.label("draft", public=True)) == "Draft"
    assert [key for key, _label in FLOW.public_choices] == ["draft", "screening", "accepted"]


def test_tags_and_available_transitions():
    assert FLOW.keys_tagged("open") == ["screening", "review"]
    assert [t.key for t in FLOW.available("screening", {STAFF})] == ["screen"]
    assert FLOW.available("screening", {OWNER}) == []


def test_check_answers_the_transition():
    assert FLOW.check("submit", state="draft", roles={OWNER}).target == "screening"
    # The platform itself (no roles given) may fire any transition from its sources.
    assert FLOW.check("screen", state="screening", roles=None).target == "review"


def test_a_wrong_state_or_an_unknown_transition_is_a_validation_error():
    with pytest.raises(ValidationError) as wrong:
        FLOW.check("screen", state="draft", roles={STAFF})
    assert (
        "“Screen” is not possible from the status “Draft”."
        in wrong.value.message_dict["transition"][0]
    )
    with pytest.raises(ValidationError) as unknown:
        FLOW.check("teleport", state="draft", roles={STAFF})
    assert "transition" in unknown.value.message_dict


def test_a_refusal_carries_a_translated_reason():
    with pytest.raises(TransitionNotAllowed) as refused:
        FLOW.check("screen", state="screening", roles={OWNER})
    assert str(refused.value) == "Only coordination staff may do this: “Screen”."
    with pytest.raises(TransitionNotAllowed) as own:
        FLOW.check("accept", state="review", roles={OWNER})
    assert str(own.value) == "Only the committee decides: “Accept”."
    with override("fr"), pytest.raises(TransitionNotAllowed) as french:
        FLOW.check("screen", state="screening", roles={OWNER})
    assert str(french.value) == "Seul le personnel de coordination peut faire ceci : « Screen »."
    with override("fr"), pytest.raises(TransitionNotAllowed) as default:
        FLOW.check("submit", state="draft", roles={STAFF})
    assert str(default.value) == "Vous ne pouvez pas faire ceci."


@pytest.mark.parametrize(
    ("initial", "target", "allowed", "problem"),
    [
        ("nowhere", "b", {STAFF}, "unknown initial state"),
        ("a", "nowhere", {STAFF}, "unknown state"),
        ("a", "b", set(), "nobody may fire it"),
    ],
)
def test_a_badly_declared_workflow_is_refused_at_import(initial, target, allowed, problem):
    with pytest.raises(ValueError, match=problem):
        Workflow(
            key="broken",
            initial=initial,
            states=(State("a", _("A")), State("b", _("B"))),
            transitions=(Transition("go", _("Go"), ("a",), target, frozenset(allowed)),),
        )
