"""Permission matrix rows of the moderation pages (see tests/access.py). Roles alone: a member
is no moderator until named (named moderators are tested in test_moderation_*)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from maillage.participation.tests.factories import CommentFactory, general_circle
from tests.matrix import LOGIN, REDIRECT, Expect


def sample(data: SimpleNamespace) -> None:
    data.moderated_comment = CommentFactory.create()
    data.moderated_proposal = data.moderated_comment.proposal
    data.moderated_circle = general_circle()


def proposal(d: SimpleNamespace) -> dict[str, object]:
    return {"pk": d.moderated_proposal.pk}


def comment(d: SimpleNamespace) -> dict[str, object]:
    return {"pk": d.moderated_comment.pk}


def circle(d: SimpleNamespace) -> dict[str, object]:
    return {"circle": d.moderated_circle.slug}


def _button(kwargs: Callable[[SimpleNamespace], dict[str, object]]) -> Expect:
    """A button posted without its form: staff are sent back with the refusal's message."""
    return Expect.of(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, method="post", kwargs=kwargs)


ACCESS: dict[str, Expect] = {
    "participation:code_of_conduct": Expect.public(),
    "participation:report_thanks": Expect.public(),
    "participation:proposal_report_add": Expect.authenticated(kwargs=proposal),
    "participation:comment_report_add": Expect.authenticated(kwargs=comment),
    "participation:moderation_queue": Expect.staff(),
    "participation:hide_proposal": Expect.staff(kwargs=proposal),
    "participation:hide_comment": Expect.staff(kwargs=comment),
    "participation:restore_proposal": _button(proposal),
    "participation:restore_comment": _button(comment),
    "participation:dismiss_proposal": _button(proposal),
    "participation:dismiss_comment": _button(comment),
    "participation:moderator_add": Expect.staff(kwargs=circle),
    "participation:moderator_remove": _button(circle),
}
