"""The privacy policy in force, its versions, and what changed for one account."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Max

from maillage.core import cache
from maillage.core.models import User
from maillage.privacy.models import PolicyAcceptance, PolicyVersion

# What My space reads of the policy for an account, kept until a version or acceptance changes.
POLICY_CACHE = "privacy.policy"


def current_policy() -> PolicyVersion | None:
    return PolicyVersion.objects.order_by("-number").first()


def policy_number_in_force() -> int | None:
    """The number of the version in force, which a new account accepts when it signs up. Kept,
    since it is read beside every form that collects personal information."""
    return cache.fragment(
        POLICY_CACHE,
        visibility="public",
        filters=["in-force"],
        render=lambda: (
            PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first()
        ),
    )


def policy_versions() -> list[PolicyVersion]:
    """Every version, newest first (a policy has a handful)."""
    return list(PolicyVersion.objects.order_by("-number"))


def accepted_number(account: User) -> int | None:
    """The latest version `account` accepted, or None."""
    found: int | None = PolicyAcceptance.objects.filter(account=account).aggregate(
        last=Max("version__number")
    )["last"]
    return found


def awaits_acceptance(account: User) -> bool:
    """True when a version is in force that `account` has not accepted (nor a later one)."""
    current = PolicyVersion.objects.aggregate(last=Max("number"))["last"]
    if current is None:
        return False
    accepted = accepted_number(account)
    return accepted is None or accepted < current


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class PolicyChanges:
    current: PolicyVersion | None
    accepted: PolicyVersion | None
    later: list[PolicyVersion]  # the versions after the accepted one, newest first
    diff: list[DiffLine]

    @property
    def pending(self) -> bool:
        return self.current is not None and (
            self.accepted is None or self.accepted.number < self.current.number
        )


def policy_changes_for(account: User) -> PolicyChanges:
    """What changed since the version `account` accepted: the summaries of every later
    version and a line diff of the text (in the page's language), in two queries."""
    versions = policy_versions()
    current = versions[0] if versions else None
    number = accepted_number(account)
    accepted = next((v for v in versions if v.number == number), None)
    later = [v for v in versions if number is None or v.number > number]
    diff: list[DiffLine] = []
    if current is not None and (accepted is None or accepted.number < current.number):
        before = accepted.text.splitlines() if accepted is not None else []
        diff = _diff(before, current.text.splitlines())
    return PolicyChanges(current=current, accepted=accepted, later=later, diff=diff)


def _diff(before: list[str], after: list[str]) -> list[DiffLine]:
    lines = []
    for line in difflib.ndiff(before, after):
        mark, text = line[:2], line[2:]
        if mark == "? ":
            continue  # ndiff's hints under a changed line
        kind = {"+ ": "added", "- ": "removed"}.get(mark, "same")
        lines.append(DiffLine(kind, text))
    return lines
