"""The plan on the governance calendar (`governance.calendar_sources`): the end of each action,
in the circles and workstreams that own it, and the date of each target, in the owners of its
objective's actions (or the general circle when none owns one).

An event belongs to one group: the first of its owners the window asks for, so that an action
owned by two circles is one event (its UID is the action's) wherever it is read."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.templatetags.maillage import fr
from maillage.core.text import elide
from maillage.governance.calendar_sources import CalendarSource, EventWindow
from maillage.governance.models import Circle, Workstream
from maillage.governance.selectors.calendars import CalendarEvent
from maillage.planning.models import Action, Objective, Orientation, Plan, Target
from maillage.planning.selectors.dashboards import OPEN_STATUSES, plan_path
from maillage.planning.selectors.plans import IN_PUBLIC_PLAN

ACTION_KIND = "plan_action_end"
TARGET_KIND = "plan_target_date"

_circles = Prefetch("circles", queryset=Circle.objects.only("pk", "name", "slug").order_by("pk"))
_workstreams = Prefetch(
    "workstreams", queryset=Workstream.objects.only("pk", "name", "slug").order_by("pk")
)


def _owner(
    circles: Iterable[Circle], workstreams: Iterable[Workstream], window: EventWindow
) -> tuple[Circle | None, Workstream | None]:
    """The first owner the window asks for (None, None when it asks for none of them)."""
    for circle in circles:
        if window.circle_ids is None or circle.pk in window.circle_ids:
            return circle, None
    for workstream in workstreams:
        if window.workstream_ids is None or workstream.pk in window.workstream_ids:
            return None, workstream
    return None, None


def _event(
    kind: str,
    obj: Action | Target,
    plan: Plan,
    summary: str,
    sentence: str,
    circle: Circle | None,
    workstream: Workstream | None,
) -> CalendarEvent:
    title = str(obj)
    return CalendarEvent(
        kind=kind,
        date=obj.end if isinstance(obj, Action) else obj.target_date,  # type: ignore[arg-type]
        object_id=obj.pk,
        title=title,
        summary=summary % {"title": title},
        description=elide(sentence % {"plan": plan.title}),
        description_html=elide(
            mark_safe(conditional_escape(sentence) % {"plan": fr(plan.title)})  # escaped
        ),
        url=plan_path(plan),
        circle=circle,
        workstream=workstream,
    )


def _in_groups(window: EventWindow, prefix: str = "") -> Q:
    circles = (
        Q(**{f"{prefix}circles__isnull": False})
        if window.circle_ids is None
        else Q(**{f"{prefix}circles__in": window.circle_ids})
    )
    workstreams = (
        Q(**{f"{prefix}workstreams__isnull": False})
        if window.workstream_ids is None
        else Q(**{f"{prefix}workstreams__in": window.workstream_ids})
    )
    return circles | workstreams


def action_events(window: EventWindow) -> list[CalendarEvent]:
    """The ends of the actions still expected, in the window's groups (three queries)."""
    found = Action.objects.filter(
        IN_PUBLIC_PLAN, end__gte=window.start, end__lte=window.end, status__in=OPEN_STATUSES
    )
    found = found.filter(pk__in=Action.objects.filter(_in_groups(window)).values("pk"))
    found = (
        found.select_related("objective__orientation__plan")
        .prefetch_related(_circles, _workstreams)
        .order_by("end", "pk")
    )
    if window.limit is not None:
        found = found[: window.limit]
    events = []
    for action in found:
        circle, workstream = _owner(action.circles.all(), action.workstreams.all(), window)
        events.append(
            _event(
                ACTION_KIND,
                action,
                action.objective.orientation.plan,
                _("Action due: %(title)s"),
                _("End of an action of the plan “%(plan)s”."),
                circle,
                workstream,
            )
        )
    return events


def target_events(window: EventWindow) -> list[CalendarEvent]:
    """The dates of the targets, in the owners of their objective's actions, or the general
    circle when no action of the objective has an owner (five queries)."""
    general = Circle.objects.filter(parent__isnull=True).only("pk", "name", "slug").first()
    owned = Q(objective__in=Objective.objects.filter(_in_groups(window, "actions__")).values("pk"))
    unowned = ~Q(
        objective__in=Objective.objects.filter(
            Q(actions__circles__isnull=False) | Q(actions__workstreams__isnull=False)
        ).values("pk")
    )
    asks_general = general is not None and (
        window.circle_ids is None or general.pk in window.circle_ids
    )
    condition = owned | unowned if asks_general else owned
    found = (
        Target.objects.filter(
            IN_PUBLIC_PLAN, condition, target_date__gte=window.start, target_date__lte=window.end
        )
        .select_related("objective__orientation__plan")
        .prefetch_related(
            Prefetch(
                "objective__actions",
                queryset=Action.objects.prefetch_related(_circles, _workstreams).order_by("pk"),
            )
        )
        .order_by("target_date", "pk")
    )
    if window.limit is not None:
        found = found[: window.limit]
    events = []
    for target in found:
        actions = list(target.objective.actions.all())
        circles = [c for a in actions for c in a.circles.all()]
        workstreams = [w for a in actions for w in a.workstreams.all()]
        if circles or workstreams:
            circle, workstream = _owner(circles, workstreams, window)
        else:
            circle, workstream = general, None
        events.append(
            _event(
                TARGET_KIND,
                target,
                target.objective.orientation.plan,
                _("Target date: %(title)s"),
                _("Date of a target of the plan “%(plan)s”."),
                circle,
                workstream,
            )
        )
    return events


ACTION_SOURCE = CalendarSource(
    kind=ACTION_KIND,
    label=gettext_lazy("End of a plan action"),
    events=action_events,
    models=(Action, Objective, Orientation, Plan),
)
TARGET_SOURCE = CalendarSource(
    kind=TARGET_KIND,
    label=gettext_lazy("Date of a plan target"),
    events=target_events,
    models=(Target, Action, Objective, Orientation, Plan),
)
