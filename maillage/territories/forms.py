"""Territory pickers for the forms of every app: the territories grouped by MRC or equivalent
territory, the region first, each labelled so that namesakes differ ("Portneuf (MRC)" and
"Portneuf (ville)", "Québec (territoire équivalent)" and "Québec (ville)").

A form's picker reads the territories in one query, the first time it needs them, whatever
their number. Choices are slugs (a filter's link keeps its meaning), and a field cleans to the
territories themselves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from maillage.core.formtools import CheckboxPicker, PickerTexts, QuickSelect
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.selectors import name_key, sort_key

type Choices = list[tuple[str, Any]]

GROUPS = (TerritoryType.MRC, TerritoryType.EQUIVALENT)

# The kind written after the name of a region, an MRC or an equivalent territory.
_KIND = {
    TerritoryType.PROVINCE: _("province"),
    TerritoryType.REGION: _("region"),
    TerritoryType.MRC: "MRC",
    TerritoryType.EQUIVALENT: _("equivalent territory"),
}
# A filter's option for a whole region, MRC or TÉ, which also finds what lies inside it.
_WHOLE = {
    TerritoryType.REGION: _("%(name)s (the whole region)"),
    TerritoryType.MRC: _("%(name)s (the whole MRC)"),
    TerritoryType.EQUIVALENT: _("%(name)s (the whole equivalent territory)"),
}


def kind_label(territory: Territory) -> str:
    """What kind of place a territory is, as written in parentheses after its name: "MRC",
    "territoire équivalent", "région", or a municipality's official designation ("ville",
    "paroisse"…; its type when it has none)."""
    kind = _KIND.get(TerritoryType(territory.type))
    if kind is not None:
        return str(kind)
    designation = territory.subtype or str(TerritoryType(territory.type).label)
    return designation[:1].lower() + designation[1:]


def _label(territory: Territory, shared: Counter[str]) -> str:
    """A territory's name, with its kind when it is a region, an MRC or a TÉ, or when another
    territory of the list has the same name."""
    if territory.type in _KIND or shared[name_key(territory.name)] > 1:
        return f"{territory.name} ({kind_label(territory)})"
    return territory.name


def territory_choices(territories: list[Territory], *, whole: bool = False) -> Choices:
    """Regions first, then one group per MRC or TÉ (legend: its name and kind) holding the MRC
    itself and its municipalities, then the rest; each group in French order.

    With `whole` (a filter), the option of a region, an MRC or a TÉ says that it covers all of
    it, since a filter by it also finds what lies inside."""
    shared = Counter(name_key(t.name) for t in territories)
    by_parent: dict[int | None, list[Territory]] = {}
    for territory in territories:
        by_parent.setdefault(territory.parent_id, []).append(territory)

    def option(territory: Territory) -> tuple[str, str]:
        if whole and territory.type in _WHOLE:
            return territory.slug, str(_WHOLE[TerritoryType(territory.type)]) % {
                "name": territory.name
            }
        return territory.slug, _label(territory, shared)

    def ordered(rows: list[Territory]) -> list[Territory]:
        return sorted(rows, key=lambda t: sort_key(t.name))

    regions = ordered([t for t in territories if t.type == TerritoryType.REGION])
    region_rank = {region.pk: rank for rank, region in enumerate(regions)}
    groups = sorted(
        (t for t in territories if t.type in GROUPS),
        key=lambda t: (region_rank.get(t.parent_id or 0, len(regions)), sort_key(t.name)),
    )
    placed = {t.pk for t in regions} | {t.pk for t in groups}
    choices: Choices = [option(region) for region in regions]
    for group in groups:
        children = ordered(by_parent.get(group.pk, []))
        placed |= {t.pk for t in children}
        choices.append((_label(group, shared), [option(group), *map(option, children)]))
    others = ordered([t for t in territories if t.pk not in placed])
    if others:
        choices.append((str(_("Other territories")), [option(t) for t in others]))
    return choices


class TerritoryOptions:
    """The territories a form's picker offers (all but the province), read once when first
    needed. Each form has its own (`__deepcopy__`), so what a page shows is read for it."""

    def __init__(self, *, whole: bool = False) -> None:
        self.whole = whole
        self._territories: list[Territory] | None = None
        self._choices: Choices | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> TerritoryOptions:
        return TerritoryOptions(whole=self.whole)

    @property
    def territories(self) -> list[Territory]:
        if self._territories is None:
            self._territories = list(
                Territory.objects.exclude(type=TerritoryType.PROVINCE)
                .only("pk", "code", "name", "slug", "type", "subtype", "parent_id")
                .order_by()
            )
        return self._territories

    @property
    def choices(self) -> Choices:
        if self._choices is None:
            self._choices = territory_choices(self.territories, whole=self.whole)
        return self._choices

    def find(self, slug: object) -> Territory | None:
        return next((t for t in self.territories if t.slug == str(slug)), None)


class _LazyChoices(BaseChoiceIterator):
    """The options' choices, read only when a form renders or checks them."""

    def __init__(self, options: TerritoryOptions, empty_label: Any = None) -> None:
        self.options = options
        self.empty_label = empty_label

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        if self.empty_label is not None:
            yield "", self.empty_label
        yield from self.options.choices


def _slug(value: object) -> str:
    return value.slug if isinstance(value, Territory) else str(value)


class TerritoryPickerTexts(PickerTexts):
    filter = _("Filter the territories")
    none = _("No territory chosen")
    one = _("1 territory chosen")
    many = _("{n} territories chosen")
    no_match = _("No territory matches this name.")


class TerritoryCheckboxes(CheckboxPicker):
    texts = TerritoryPickerTexts


class _TerritoryField(forms.ChoiceField):
    """What both pickers share: their choices come from their own `TerritoryOptions`."""

    options: TerritoryOptions
    empty_label: Any = None

    def _attach(self, options: TerritoryOptions) -> None:
        self.options = options
        self.choices = _LazyChoices(options, self.empty_label)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result._attach(TerritoryOptions(whole=self.options.whole))
        return result

    def valid_value(self, value: Any) -> bool:
        return self.options.find(value) is not None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple) or hasattr(value, "model"):
            return [_slug(v) for v in value]
        return _slug(value) if value is not None else value


class TerritoryMultipleChoiceField(_TerritoryField, forms.MultipleChoiceField):
    """Territories chosen among all of them (the province aside), as checkboxes grouped by MRC;
    cleans to the list of territories chosen."""

    widget = TerritoryCheckboxes
    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of the territories of the list."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self._attach(TerritoryOptions())

    def clean(self, value: Any) -> list[Territory]:
        slugs: list[str] = super().clean(value)
        chosen = (self.options.find(slug) for slug in dict.fromkeys(slugs))
        return [territory for territory in chosen if territory is not None]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return bool(super().has_changed(self.prepare_value(initial or []), data))


class TerritorySelect(QuickSelect):
    pass


class TerritoryChoiceField(_TerritoryField):
    """One territory, in a list grouped by MRC (`<optgroup>`), after `empty_label`; cleans to the
    territory, or None. With `whole` (a filter), the option of a region, an MRC or a TÉ says that
    it covers all of it."""

    widget = TerritorySelect
    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of the territories of the list."),
    }

    def __init__(self, *, empty_label: Any = "---------", whole: bool = False, **kwargs: Any):
        kwargs.setdefault("required", False)
        self.empty_label = empty_label
        super().__init__(**kwargs)
        self._attach(TerritoryOptions(whole=whole))

    def clean(self, value: Any) -> Territory | None:
        slug = super().clean(value)
        return self.options.find(slug) if slug else None
