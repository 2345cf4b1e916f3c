from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms

from maillage.territories.forms import (
    TerritoryChoiceField,
    TerritoryMultipleChoiceField,
    kind_label,
)
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    more_territories,
)


class Coverage(forms.Form):
    territories = TerritoryMultipleChoiceField(label="Territoires concernés")


class Place(forms.Form):
    territory = TerritoryChoiceField(label="Territoire", empty_label="Tous les territoires")


class Filter(forms.Form):
    territory = TerritoryChoiceField(label="Territoire", empty_label="Tous", whole=True)


class Picker(HTMLParser):
    """The legends of a picker's groups and the text of each checkbox's label, in order, with
    the group each label sits in (None outside any)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.legends: list[str] = []
        self.labels: list[tuple[str | None, str]] = []
        self.boxes: dict[str, str] = {}  # value → id
        self.checked: list[str] = []
        self.fors: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []
        self._group: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("legend", "label"):
            self._in, self._text = tag, []
            if tag == "label":
                self.fors.append(attributes.get("for") or "")
        elif tag == "input":
            self.boxes[attributes["value"]] = attributes["id"]
            if "checked" in attributes:
                self.checked.append(attributes["value"])
        elif tag == "fieldset" and attributes.get("class") == "picker-group":
            self._group = ""

    def handle_endtag(self, tag):
        text = "".join(self._text).strip()
        if tag == "legend" and self._in == "legend":
            self.legends.append(text)
            if self._group == "":
                self._group = text
        elif tag == "label" and self._in == "label":
            self.labels.append((self._group, text))
        elif tag == "fieldset":
            self._group = None
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def test_the_picker_groups_the_region_s_territories_by_mrc_with_their_kind(region03):
    picker = Picker(str(Coverage()["territories"]))
    assert picker.legends == [
        "Charlevoix (MRC)",
        "Charlevoix-Est (MRC)",
        "L'Île-d'Orléans (MRC)",
        "La Côte-de-Beaupré (MRC)",
        "La Jacques-Cartier (MRC)",
        "Portneuf (MRC)",
        "Québec (territoire équivalent)",
    ]
    # The region first, outside any group; each MRC first in its own group.
    assert picker.labels[0] == (None, "Capitale-Nationale (région)")
    assert (("Portneuf (MRC)", "Portneuf (MRC)")) in picker.labels
    assert ("Portneuf (MRC)", "Portneuf (ville)") in picker.labels
    assert ("Portneuf (MRC)", "Saint-Raymond") in picker.labels
    assert ("Québec (territoire équivalent)", "Québec (territoire équivalent)") in picker.labels
    assert ("Québec (territoire équivalent)", "Québec (ville)") in picker.labels
    assert ("Québec (territoire équivalent)", "Wendake") in picker.labels
    # Every territory but the province, once, with a label of its own that names its box.
    assert len(picker.labels) == Territory.objects.exclude(type="province").count()
    texts = [text for _group, text in picker.labels]
    assert [text for text, n in Counter(texts).items() if n > 1] == []
    assert sorted(picker.fors) == sorted(picker.boxes.values())


def test_a_territory_s_kind_is_written_as_readers_name_it(region03):
    kinds = {
        t.slug: kind_label(t)
        for t in Territory.objects.filter(
            slug__in=[
                "capitale-nationale",
                "portneuf",
                "quebec-2423",
                "wendake",
                "lac-jacques-cartier",
            ]
        )
    }
    assert kinds == {
        "capitale-nationale": "région",
        "portneuf": "MRC",
        "quebec-2423": "territoire équivalent",
        "wendake": "réserve indienne",
        "lac-jacques-cartier": "territoire non organisé",
    }


def test_the_picker_cleans_to_territories_and_keeps_what_was_ticked(region03):
    form = Coverage({"territories": ["portneuf-2434048", "charlevoix", "portneuf-2434048"]})
    assert form.is_valid()
    assert [t.slug for t in form.cleaned_data["territories"]] == ["portneuf-2434048", "charlevoix"]
    assert Picker(str(form["territories"])).checked == ["charlevoix", "portneuf-2434048"]


def test_the_picker_refuses_a_territory_not_in_its_list_with_a_french_message(region03):
    form = Coverage({"territories": ["charlevoix", "nulle-part"]})
    assert not form.is_valid()
    assert form.errors["territories"] == [
        "« nulle-part » ne fait pas partie des territoires de la liste."
    ]
    assert Coverage({"territories": ["quebec"]}).is_valid() is False  # the province is not offered
    # What was ticked stays ticked on the refused form.
    html = str(form["territories"])
    assert Picker(html).checked == ["charlevoix"]
    assert 'aria-invalid="true"' in html


def test_the_picker_opens_on_a_record_s_territories(region03):
    chosen = list(Territory.objects.filter(slug__in=["charlevoix", "wendake"]))
    form = Coverage(initial={"territories": chosen})
    assert sorted(Picker(str(form["territories"])).checked) == ["charlevoix", "wendake"]
    assert not form.fields["territories"].has_changed(chosen, ["wendake", "charlevoix"])
    assert form.fields["territories"].has_changed(chosen, ["wendake"])


def test_a_single_territory_list_groups_by_mrc_in_optgroups(region03):
    html = str(Place()["territory"])
    assert '<option value="" selected>Tous les territoires</option>' in html
    assert '<optgroup label="Portneuf (MRC)">' in html
    assert '<option value="portneuf">Portneuf (MRC)</option>' in html
    assert '<option value="portneuf-2434048">Portneuf (ville)</option>' in html
    assert html.index("Capitale-Nationale (région)") < html.index("<optgroup")
    assert Place({"territory": "wendake"}).is_valid()
    form = Place({"territory": "wendake"})
    form.is_valid()
    assert form.cleaned_data["territory"].name == "Wendake"
    form = Place({"territory": ""})
    assert form.is_valid() and form.cleaned_data["territory"] is None


def test_a_filter_says_that_a_region_or_an_mrc_covers_all_of_it(region03):
    html = str(Filter()["territory"])
    assert (
        '<option value="capitale-nationale">Capitale-Nationale (toute la région)</option>' in html
    )
    assert '<option value="portneuf">Portneuf (toute la MRC)</option>' in html
    assert '<option value="quebec-2423">Québec (tout le territoire équivalent)</option>' in html


def test_territories_of_another_kind_or_without_an_mrc_are_listed_last(db):
    region = RegionFactory()
    MunicipalityFactory(name="Isolée", slug="isolee", parent=region)
    picker = Picker(str(Coverage()["territories"]))
    assert picker.legends == ["Autres territoires"]
    assert picker.labels == [
        (None, "Capitale-Nationale (région)"),
        ("Autres territoires", "Isolée"),
    ]


@pytest.mark.parametrize("form", [Coverage, Place, Filter])
def test_a_picker_reads_the_territories_in_one_query_whatever_their_number(
    form, region03, query_budget
):
    meter = query_budget(1)

    def render() -> None:
        bound = form({"territories": ["charlevoix"], "territory": "charlevoix"})
        str(next(iter(bound)))
        bound.is_valid()

    few = meter(render)
    more_territories(3)
    assert Territory.objects.count() > 3 * 77
    assert meter(render) == few == 1


def test_each_form_reads_its_own_territories(region03):
    first = Coverage()
    str(first["territories"])
    MunicipalityFactory(
        name="Nouvelle", slug="nouvelle", parent=Territory.objects.get(slug="charlevoix")
    )
    assert "Nouvelle" in str(Coverage()["territories"])
    assert "Nouvelle" not in str(first["territories"])
    assert TerritoryType.PROVINCE not in {
        t.type for t in Coverage().fields["territories"].options.territories
    }
