"""What the participation rules share: taking part in a group, moderating, answering an input,
and being allowed to contribute now.

- A published consultation, its proposals and comments are public; unpublished, only staff and
  the members of its group see it.
- To contribute (propose, comment, support, report, answer a questionnaire) a person logs in with
  a verified e-mail address, while the consultation accepts contributions.
- Staff moderate every consultation; a member of a circle or workstream named moderator
  (`Moderator`) moderates that group's consultations.
- Staff and the members of a consultation's group manage it (its text, phases, questionnaires).
- Partner members and staff record contributions gathered in person while it accepts them.
- The members of the group an input is routed to (unrouted: of the consultation's group) and
  staff answer it on the influence trail.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_member, is_staff
from maillage.decisions.rules import group_ids
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import (
    Comment,
    Consultation,
    Moderator,
    Phase,
    PhaseKind,
    Proposal,
    Questionnaire,
    Routed,
)


def consultation_of(obj: Any) -> Consultation | None:
    """The consultation an object belongs to (itself, a proposal's, a comment's…)."""
    if isinstance(obj, Consultation):
        return obj
    if isinstance(obj, Proposal | Questionnaire):
        return obj.consultation
    if isinstance(obj, Comment):
        return obj.proposal.consultation
    return None


def takes_part_in(user: Viewer, group: Circle | Workstream | None) -> bool:
    """`user` is a member of `group` (in their name, by a seat or as a substitute)."""
    if group is None or not isinstance(user, User):
        return False
    circles, workstreams = group_ids(user)
    return group.pk in (circles if isinstance(group, Circle) else workstreams)


def has_a_verified_address(user: Viewer) -> bool:
    from allauth.account.models import EmailAddress

    return (
        isinstance(user, User)
        and user.is_active
        and EmailAddress.objects.filter(user=user, verified=True).exists()
    )


def current_phase(consultation: Consultation, today: Any = None) -> str | None:
    """The kind of the phase `consultation` is in today, or None between or outside its phases.
    Reads `consultation.phases` (prefetch it for lists)."""
    today = today or timezone.localdate()
    for phase in consultation.phases.all():
        if phase.starts_on <= today <= phase.ends_on:
            return str(phase.kind)
    return None


def _in_its_group(user: Viewer, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and takes_part_in(user, consultation.group)


def _published(user: Viewer, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_published


def _accepts_contributions(user: Viewer, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return (
        consultation is not None
        and consultation.is_published
        and Phase.objects.filter(
            consultation=consultation,
            kind=PhaseKind.CONTRIBUTIONS,
            starts_on__lte=timezone.localdate(),
            ends_on__gte=timezone.localdate(),
        ).exists()
    )


def _is_named_moderator(user: Viewer, obj: Any) -> bool:
    consultation = consultation_of(obj)
    if consultation is None or not isinstance(user, User):
        return False
    group = (
        {"circle_id": consultation.circle_id}
        if consultation.circle_id
        else {"workstream_id": consultation.workstream_id}
    )
    return Moderator.objects.filter(account=user, **group).exists()


def _routes_it(user: Viewer, obj: Any) -> bool:
    """`user` is a member of the group `obj` (a proposal or a consultation) is routed to,
    or, not routed yet, of its consultation's group."""
    if not isinstance(obj, Routed):
        return False
    group = obj.routed_to
    if group is None:
        consultation = consultation_of(obj)
        group = consultation.group if consultation else None
    return takes_part_in(user, group)


in_its_group = rules.predicate(_in_its_group, name="in_the_consultations_group")
is_published = rules.predicate(_published, name="consultation_is_published")
accepts_contributions = rules.predicate(_accepts_contributions, name="accepts_contributions")
has_verified_address = rules.predicate(
    lambda user: has_a_verified_address(user), name="has_verified_address"
)
is_named_moderator = rules.predicate(_is_named_moderator, name="is_named_moderator")
routes_it = rules.predicate(_routes_it, name="routes_the_input")

may_moderate = is_staff | is_named_moderator
may_see = is_published | is_staff | in_its_group
may_contribute = has_verified_address & accepts_contributions
may_answer = is_staff | routes_it
may_manage = is_staff | in_its_group
# Partners and staff gather contributions in person on behalf of people without internet.
may_record = is_member & accepts_contributions


add_perm(
    "participation.view_consultation",
    may_see,
    _("This consultation is not published yet."),
)
add_perm(
    "participation.contribute",
    may_contribute,
    _(
        "To take part, log in with a confirmed e-mail address while the consultation is "
        "gathering contributions."
    ),
)
add_perm(
    "participation.moderate",
    may_moderate,
    _("Only the coordination staff and the moderators named by this group moderate it."),
)
add_perm(
    "participation.answer_input",
    may_answer,
    _(
        "Only the members of the circle or workstream this input is routed to, and the "
        "coordination staff, may answer it."
    ),
)
add_perm(
    "participation.manage_consultation",
    may_manage,
    _("Only the coordination staff and the members of its circle or workstream manage it."),
)
add_perm(
    "participation.record_in_person",
    may_record,
    _(
        "Partners and the coordination staff record contributions gathered in person, while "
        "the consultation is gathering contributions."
    ),
)
