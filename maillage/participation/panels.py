"""The participation app's sections on the pages of the apps below it:

- a territory's page (`territories.panels`): the consultations concerning it and the latest
  proposals made there;
- a circle's or a workstream's page (`governance.panels.GROUP_PANELS`): the citizens' inputs
  routed to it that wait for its answer;
- a strategy's page (`planning.panels.STRATEGY_PANELS`): the published consultations under
  that strategy;
- My space (`core.my_space.AWAITING`): the groups of the person that have inputs waiting, kept
  per account until an input, a consultation or a membership changes (`AWAITING_CACHE`).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from maillage.core import my_space
from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.panels import Panel
from maillage.core.rules import is_staff
from maillage.decisions.selectors.register import kept_group_ids
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.participation.selectors import trail
from maillage.participation.selectors.consultations import in_territory, published_under, timeline
from maillage.territories.models import Territory

# Bumped by any change of a consultation (its territories are a many-to-many relation of it),
# its phases or a proposal.
TERRITORY_CACHE = "participation.territory-panel"
AWAITING_CACHE = "participation.awaiting"
# A group's waiting inputs: bumped by any change of a proposal or a consultation.
WAITING_CACHE = "participation.group-waiting"
# A strategy's consultations: bumped by any change of a consultation (its strategies too).
STRATEGY_CACHE = "participation.strategy-panel"


def territory_panel(territory: Territory, request: HttpRequest) -> Panel:
    """Public data, the same for every visitor: kept per territory, language and day (a
    consultation's phase moves with the date). Four queries when built."""

    def context() -> dict[str, object]:
        found = in_territory(territory=territory)
        return {
            "here": found,
            "rows": [
                (c, next((s for s in timeline(c) if s.current), None)) for c in found.consultations
            ],
        }

    return {
        "template": "participation/_territory_panel.html",
        "context": context,
        "cache": TERRITORY_CACHE,
        "vary": (timezone.localdate(),),
    }


def group_waiting_panel(group: Circle | Workstream, request: HttpRequest) -> Panel:
    """ "Idées citoyennes en attente de réponse": what waits for the group's answer, kept per
    group and per whether the viewer sees its drafts (nothing shown when nothing waits)."""
    viewer = request.user
    insider = is_staff(viewer) or _in_group(viewer, group)

    def context() -> dict[str, object]:
        items, total = trail.waiting_for(group=group, insider=insider)
        return {"waiting": items, "waiting_total": total}

    return {
        "template": "participation/_trail_group_panel.html",
        "context": context,
        "cache": WAITING_CACHE,
        "vary": (type(group).__name__, insider),
    }


def _in_group(viewer: Viewer, group: Circle | Workstream) -> bool:
    # The groups an account takes part in, kept per account and day (a query otherwise).
    circles, workstreams = kept_group_ids(viewer)
    return group.pk in (circles if isinstance(group, Circle) else workstreams)


def my_waiting_inputs(account: User, request: HttpRequest) -> Panel | None:
    groups = my_space.kept(
        account, AWAITING_CACHE, "inputs", lambda: trail.groups_waiting(viewer=account)
    )
    if not groups:
        return None
    return {"template": "participation/_trail_my_space.html", "context": {"groups": groups}}


def strategy_panel(strategy: Strategy, request: HttpRequest) -> Panel:
    """A strategy's page (`planning.panels.STRATEGY_PANELS`): the published consultations
    tagged with it, their count and the latest ones; public, the same for everyone, kept per
    strategy and language until a consultation changes (two queries when built)."""

    def context() -> dict[str, object]:
        count, latest = published_under(strategy=strategy)
        return {"consultation_count": count, "consultations": latest}

    return {
        "template": "participation/_strategy_panel.html",
        "context": context,
        "cache": STRATEGY_CACHE,
    }
