"""Fifty members voting in the same poll at once (PostgreSQL, each thread on its own connection):
no vote lost, nobody counted twice; an organization's holder and substitute voting at the same
moment leave one vote for it, the holder's."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import connection

from maillage.core.tests.editing import in_parallel
from maillage.decisions import selectors, services
from maillage.decisions.models import PollPosition, Vote
from maillage.decisions.tests.factories import (
    CircleFactory,
    member_of,
    poll_in,
    seated_member,
    substitute_on,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite serializes)"
    ),
]


@pytest.fixture(autouse=True)
def sectors():
    """The sectors a migration seeds: a transactional test run before this one in the same
    process emptied every table (restoring them with `serialized_rollback` would clash with what
    post-migrate handlers create again after that flush)."""
    import_module("maillage.network.migrations.0003_seed_sectors").seed(django_apps, None)


def test_fifty_members_voting_at_once_lose_no_vote_and_count_nobody_twice():
    circle = CircleFactory(name="Sécurité alimentaire")
    members = [member_of(circle) for _n in range(50)]
    poll = poll_in(circle)
    positions = (
        [PollPosition.AGREE] * 30 + [PollPosition.DISAGREE] * 15 + [PollPosition.ABSTAIN] * 5
    )

    def voter(user, position):
        return lambda: services.vote_cast(actor=user, poll=poll, position=position)

    results = in_parallel(*(voter(u, p) for u, p in zip(members, positions, strict=True)))
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert Vote.objects.filter(poll=poll).count() == 50
    assert Vote.objects.filter(poll=poll).values("person").distinct().count() == 50
    detail = selectors.poll_detail(viewer=members[0], pk=poll.process_id)
    assert detail.result.positions == {"agree": 30, "disagree": 15, "abstain": 5}


def test_holders_and_substitutes_voting_at_once_give_each_organization_one_vote():
    circle = CircleFactory(name="Transport collectif")
    pairs = []
    for _n in range(5):
        holder, seat = seated_member(circle)
        pairs.append((holder, substitute_on(seat)))
    poll = poll_in(circle)
    calls = [
        lambda user=user, position=position: services.vote_cast(
            actor=user, poll=poll, position=position
        )
        for holder, substitute in pairs
        for user, position in ((holder, PollPosition.AGREE), (substitute, PollPosition.BLOCK))
    ]
    results = in_parallel(*calls)
    # A substitute that came second was told the holder had voted; nothing else failed.
    assert all(
        not isinstance(r, BaseException) or "voted" in str(r) or "voté" in str(r) for r in results
    )
    votes = Vote.objects.filter(poll=poll)
    assert votes.count() == 5
    assert set(votes.values_list("position", flat=True)) == {PollPosition.AGREE}
    assert {v.person_id for v in votes} == {holder.person.pk for holder, _s in pairs}
