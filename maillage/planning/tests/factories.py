"""Factories of the planning app: a plan with an orientation, objectives, actions and targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from maillage.planning.models import (
    Action,
    ActionStatus,
    Objective,
    Orientation,
    Plan,
    Target,
    TargetKind,
)
from maillage.portrait.tests.factories import IndicatorFactory, value  # noqa: F401 (re-exported)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title_fr = factory.Sequence(lambda n: f"Plan de travail {n}")
    title_en = factory.Sequence(lambda n: f"Work plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    start_year = 2024
    end_year = 2029
    vision_fr = "Une région où chacun trouve sa place."
    vision_en = "A region where everyone finds their place."
    # Adopted: what the public pages count (`adopted_at=None`: a draft).
    adopted_at = factory.LazyFunction(timezone.now)


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    plan = factory.SubFactory(PlanFactory)
    title_fr = factory.Sequence(lambda n: f"Orientation {n}")
    title_en = factory.Sequence(lambda n: f"Orientation {n}")
    position = factory.Sequence(lambda n: n)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    orientation = factory.SubFactory(OrientationFactory)
    title_fr = factory.Sequence(lambda n: f"Objectif {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title_fr = factory.Sequence(lambda n: f"Action {n}")
    title_en = factory.Sequence(lambda n: f"Action {n}")
    status = ActionStatus.PLANNED
    position = factory.Sequence(lambda n: n)


class CountTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    objective = factory.SubFactory(ObjectiveFactory)
    label_fr = factory.Sequence(lambda n: f"Cible {n}")
    label_en = factory.Sequence(lambda n: f"Target {n}")
    kind = TargetKind.COUNT
    unit_fr = "organismes"
    unit_en = "organizations"
    baseline_value = Decimal("0")
    baseline_year = 2024
    target_value = Decimal("20")
    target_date = dt.date(2029, 3, 31)


class IndicatorTargetFactory(CountTargetFactory):
    """A target read from the portrait: give it `territory=`."""

    kind = TargetKind.INDICATOR
    indicator = factory.SubFactory(IndicatorFactory)
    unit_fr = ""
    unit_en = ""
    baseline_value = Decimal("12")
    baseline_year = 2021
    target_value = Decimal("10")
