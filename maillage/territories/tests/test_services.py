"""Loading a region's facts and importing boundaries: counts, idempotence, atomic failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.territories.models import Boundary, Level, Territory, TerritoryType
from maillage.territories.regiondata import FIXTURES, TerritoryDataError
from maillage.territories.services import boundaries_import, region_load
from maillage.territories.tests.conftest import SHARED_DATA, shared_file

pytestmark = pytest.mark.django_db

MRC_TYPES = [TerritoryType.MRC, TerritoryType.EQUIVALENT]
LOCAL_TYPES = [TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE]


def snapshot():
    """Everything the loaders write, to prove that a failure wrote nothing."""
    return (
        sorted(Territory.objects.values_list("code", "type", "name", "population", "slug")),
        sorted(Boundary.objects.values_list("territory__code", "geometry", "source")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def region_dir(tmp_path):
    """A writable copy of region 03's files."""
    target = tmp_path / "region"
    shutil.copytree(FIXTURES / "regions" / "03", target)
    return target


def replace_line(path: Path, number: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- load_region ---------------------------------------------------------------------------------


def test_load_region_03_creates_the_hierarchy():
    report = region_load(actor=SYSTEM, region_code="03")

    assert (report.created, report.updated, report.unchanged) == (78, 0, 0)
    province = Territory.objects.get(type=TerritoryType.PROVINCE)
    assert (province.code, province.name, province.level) == ("24", "Québec", Level.NATIONAL)
    region = Territory.objects.get(type=TerritoryType.REGION)
    assert (region.code, region.name, region.population) == ("03", "Capitale-Nationale", 757950)
    assert region.parent == province
    assert region.level == Level.REGIONAL

    mrcs = Territory.objects.filter(type__in=MRC_TYPES)
    assert mrcs.count() == 7
    assert sum(m.population for m in mrcs) == 757950
    assert set(mrcs.values_list("parent", flat=True)) == {region.pk}
    assert set(mrcs.values_list("level", flat=True)) == {Level.SUPRALOCAL}
    equivalent = Territory.objects.get(type=TerritoryType.EQUIVALENT)
    assert (equivalent.code, equivalent.secondary_code, equivalent.name) == ("2423", "23", "Québec")
    portneuf = Territory.objects.get(type=TerritoryType.MRC, code="2434")
    assert (portneuf.secondary_code, portneuf.population, portneuf.population_year) == (
        "34",
        55523,
        2021,
    )

    local = Territory.objects.filter(type__in=LOCAL_TYPES)
    assert local.count() == 69
    assert set(local.values_list("level", flat=True)) == {Level.LOCAL}
    assert Territory.objects.filter(type=TerritoryType.UNORGANIZED).count() == 9
    wendake = Territory.objects.get(type=TerritoryType.RESERVE)
    assert (wendake.name, wendake.code, wendake.population) == ("Wendake", "2423802", 2257)
    assert wendake.parent == equivalent
    la_malbaie = Territory.objects.get(code="2415013")
    assert (la_malbaie.subtype, la_malbaie.secondary_code, la_malbaie.population) == (
        "Ville",
        "15013",
        None,
    )
    assert la_malbaie.population_year is None
    assert Territory.objects.count() == 1 + 1 + 7 + 69


def test_slugs_are_readable_and_unique():
    region_load(actor=SYSTEM, region_code="03")
    slugs = dict(Territory.objects.values_list("code", "slug").filter(type__in=MRC_TYPES))
    assert slugs["2415"] == "charlevoix-est"
    assert slugs["2420"] == "l-ile-d-orleans"
    # Three territories named Québec: the province, the equivalent territory, the city.
    assert Territory.objects.get(type=TerritoryType.PROVINCE).slug == "quebec"
    assert slugs["2423"] == "quebec-2423"
    assert Territory.objects.get(code="2423027").slug == "quebec-2423027"
    # The MRC of Portneuf and the town of Portneuf.
    assert slugs["2434"] == "portneuf"
    assert Territory.objects.get(code="2434048").slug == "portneuf-2434048"


def test_load_region_is_audited_once():
    region_load(actor=SYSTEM, region_code="03")
    event = AuditEvent.objects.get()
    assert event.verb == "territory.region_loaded"
    assert event.target_repr == "Capitale-Nationale"
    assert event.payload["created"] == 78


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.MEMBER, Role.STAFF])
def test_only_administrators_load_territories(role, region03_file):
    user = user_with_role(role)
    with pytest.raises(PermissionDenied):
        region_load(actor=user, region_code="03")
    region_load(actor=SYSTEM, region_code="03")
    with pytest.raises(PermissionDenied):
        boundaries_import(actor=user, data=region03_file.read_bytes())
    assert Boundary.objects.count() == 0


def test_an_administrator_is_recorded_as_the_actor():
    admin = user_with_role(Role.ADMIN)
    region_load(actor=admin, region_code="03")
    assert AuditEvent.objects.get().actor == admin


def test_second_run_changes_nothing():
    region_load(actor=SYSTEM, region_code="03")
    before = snapshot()
    report = region_load(actor=SYSTEM, region_code="03")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 78)
    assert snapshot() == before  # no duplicate, no new audit event


def test_changed_facts_update_in_place(region_dir):
    region_load(actor=SYSTEM, region_code="03")
    replace_line(
        region_dir / "mrc.csv",
        8,
        "2434,34,Portneuf,MRC,56000,corrected figure",
    )
    report = region_load(actor=SYSTEM, region_code="03", directory=region_dir)
    assert (report.created, report.updated) == (0, 1)
    portneuf = Territory.objects.get(code="2434", type=TerritoryType.MRC)
    assert portneuf.population == 56000
    assert portneuf.slug == "portneuf"  # links stay stable
    assert AuditEvent.objects.count() == 2


def test_bad_line_names_file_and_line_and_changes_nothing(region_dir):
    region_load(actor=SYSTEM, region_code="03")
    before = snapshot()
    # A valid change in the MRC file, and a broken municipality line: neither is applied.
    replace_line(region_dir / "mrc.csv", 8, "2434,34,Portneuf,MRC,99999,x")
    replace_line(
        region_dir / "municipalities.csv",
        4,
        "2415025,2415,Charlevoix-Est,15025,Notre-Dame-des-Monts,MÉ,Municipalité,beaucoup,",
    )
    with translation.override("en"), pytest.raises(TerritoryDataError) as error:
        region_load(actor=SYSTEM, region_code="03", directory=region_dir)
    message = str(error.value)
    assert "municipalities.csv, line 4" in message
    assert "beaucoup" in message
    assert snapshot() == before


def test_bad_file_on_an_empty_database_creates_nothing(region_dir):
    replace_line(region_dir / "mrc.csv", 3, "2416,16,Charlevoix,COMTÉ,13371,x")
    with translation.override("en"), pytest.raises(TerritoryDataError, match=r"mrc.csv, line 3"):
        region_load(actor=SYSTEM, region_code="03", directory=region_dir)
    assert Territory.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("file", "line", "content", "reason"),
    [
        ("mrc.csv", 2, "2415,15,,MRC,15409,x", "name is empty"),
        ("mrc.csv", 2, "24A5,15,Charlevoix-Est,MRC,15409,x", "not a valid cduid"),
        ("mrc.csv", 3, "2415,15,Charlevoix-Est,MRC,15409,x", "appears twice"),
        ("mrc.csv", 2, "2415,15,Charlevoix-Est", "wrong number of fields"),
        ("municipalities.csv", 5, "2499001,2499,Nulle part,99001,X,V,Ville,,", "not one of"),
        ("municipalities.csv", 5, "2416001,2415,Charlevoix-Est,15030,X,V,Ville,,", "begin with"),
        ("municipalities.csv", 1, "csduid,cduid,name", "missing column"),
    ],
)
def test_each_kind_of_mistake_is_explained(region_dir, file, line, content, reason):
    replace_line(region_dir / file, line, content)
    with translation.override("en"), pytest.raises(TerritoryDataError) as error:
        region_load(actor=SYSTEM, region_code="03", directory=region_dir)
    assert f"{file}, line {line}" in str(error.value)
    assert reason in str(error.value)
    assert Territory.objects.count() == 0


def test_unknown_region_and_missing_files(tmp_path):
    with translation.override("en"):
        with pytest.raises(TerritoryDataError, match="No data for region 05"):
            region_load(actor=SYSTEM, region_code="05")
        with pytest.raises(TerritoryDataError, match="not a region code"):
            region_load(actor=SYSTEM, region_code="capitale")
        with pytest.raises(TerritoryDataError, match=r"exactly one file named \*mrc.csv"):
            region_load(actor=SYSTEM, region_code="03", directory=tmp_path)


def test_region_absent_from_the_regions_file(region_dir, tmp_path):
    regions = tmp_path / "regions.csv"
    regions.write_text("region_code,region_name,population_2021\n01,Bas-Saint-Laurent,1\n")
    with (
        translation.override("en"),
        pytest.raises(TerritoryDataError, match="no line for region 03"),
    ):
        region_load(actor=SYSTEM, region_code="03", directory=region_dir, regions_file=regions)


def test_shared_folder_in_the_original_layout_loads_the_same_region():
    shared_file(SHARED_DATA / "capitale_nationale_03_mrc.csv")
    report = region_load(actor=SYSTEM, region_code="3", directory=SHARED_DATA)
    assert report.created == 78
    assert report.region.code == "03"


def test_command_wraps_errors(region_dir):
    replace_line(region_dir / "municipalities.csv", 7, "2415035,2415,Charlevoix-Est,15035,Clermont")
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("load_region", "03", "--directory", str(region_dir))
    assert "municipalities.csv, line 7" in str(error.value)
    assert Territory.objects.count() == 0


def test_command_reports_counts(capsys):
    with translation.override("en"):
        call_command("load_region", "03")
        call_command("load_region", "03")
    out = capsys.readouterr().out
    assert "78 created, 0 updated, 0 unchanged" in out
    assert "0 created, 0 updated, 78 unchanged" in out
    assert out.count("Boundaries: 7 territories drawn.") == 2


def test_the_region_draws_its_map_from_the_boundaries_the_project_ships(client):
    """A fresh installation, with no reference folder beside it, draws the region's maps,
    credited to their source."""
    call_command("load_region", "03")
    shapes = Boundary.objects.filter(territory__type__in=MRC_TYPES)
    assert shapes.count() == 7
    assert set(shapes.values_list("source", flat=True)) == {
        "Données Québec, Découpages administratifs (V2017-08), CC BY 4.0"
    }
    assert Boundary.objects.filter(territory__type="region", territory__code="03").exists()
    page = client.get(Territory.objects.get(type="region", code="03").get_absolute_url())
    assert "<svg" in page.text
    assert "Données Québec, Découpages administratifs (V2017-08), CC BY 4.0" in page.text


def test_a_region_folder_without_boundaries_loads_its_territories_only(region_dir):
    (region_dir / "boundaries.geojson").unlink()
    call_command("load_region", "03", "--directory", str(region_dir))
    assert Territory.objects.count() == 78 and not Boundary.objects.exists()


# -- import_boundaries ---------------------------------------------------------------------------


def mrc_boundaries():
    return Boundary.objects.filter(territory__type__in=MRC_TYPES)


def test_import_region_03_file(region03, region03_file):
    report = boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), source="p4")
    assert (report.imported, report.created, report.skipped, report.outside_region) == (7, 7, [], 0)
    assert mrc_boundaries().count() == 7
    for boundary in mrc_boundaries().select_related("territory"):
        assert boundary.geometry["type"] in {"Polygon", "MultiPolygon"}
        assert -72.6 < boundary.min_lon < boundary.max_lon < -69.4
        assert 46.5 < boundary.min_lat < boundary.max_lat < 48.3
        assert boundary.source == "p4"
    # The region's outline is the union of its seven territories.
    outline = Boundary.objects.get(territory=region03)
    assert report.outlines == ["03"]
    assert outline.min_lon == pytest.approx(min(b.min_lon for b in mrc_boundaries()))
    assert outline.max_lat == pytest.approx(max(b.max_lat for b in mrc_boundaries()))
    event = AuditEvent.objects.get(verb="territory.boundaries_imported")
    assert event.payload["imported"] == 7


def test_import_simplifies_with_the_tolerance(region03, region03_file):
    def points(geometry):
        return json.dumps(geometry).count("[-")

    boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), tolerance=0)
    full = sum(points(b.geometry) for b in mrc_boundaries())
    boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), tolerance=0.005)
    simplified = sum(points(b.geometry) for b in mrc_boundaries())
    assert simplified < full / 2


def test_second_import_changes_nothing(region03, region03_file):
    boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), source="p4")
    before = snapshot()
    report = boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), source="p4")
    assert (report.imported, report.created, report.updated, report.unchanged) == (7, 0, 0, 7)
    assert snapshot() == before


def test_whole_quebec_file_keeps_region_03(region03, quebec_file):
    report = boundaries_import(actor=SYSTEM, data=quebec_file.read_bytes(), region_code="03")
    assert report.imported == 7
    assert report.outside_region == 130
    assert report.skipped == []
    assert mrc_boundaries().count() == 7


def test_whole_quebec_file_without_region_skips_territories_not_loaded(region03, quebec_file):
    report = boundaries_import(actor=SYSTEM, data=quebec_file.read_bytes())
    assert report.imported == 7
    assert len(report.skipped) == 130
    assert mrc_boundaries().count() == 7


def test_features_match_by_mrc_code_without_cduid(region03, region03_file):
    document = json.loads(region03_file.read_text(encoding="utf-8"))
    for feature in document["features"]:
        del feature["properties"]["CDUID"]
        feature["properties"]["MRS_CO_MRC"] = "0" + feature["properties"]["MRS_CO_MRC"]
    report = boundaries_import(actor=SYSTEM, data=json.dumps(document))
    assert report.imported == 7


def test_several_features_of_one_territory_are_united(region03):
    charlevoix = Territory.objects.get(code="2416", type=TerritoryType.MRC)
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"MRS_CO_MRC": "16", "MRS_NM_MRC": "Charlevoix", "MRS_CO_REG": 3},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x, 47], [x + 0.1, 47], [x + 0.1, 47.1], [x, 47.1], [x, 47]]],
                },
            }
            for x in (-70.6, -70.3)
        ],
    }
    report = boundaries_import(actor=SYSTEM, data=json.dumps(document), region_code="03")
    assert report.imported == 1
    assert Boundary.objects.get(territory=charlevoix).geometry["type"] == "MultiPolygon"
    assert report.outlines == []  # six MRCs still lack an outline


def feature(geometry, **properties):
    return {
        "type": "Feature",
        "properties": {"MRS_CO_MRC": "15", "MRS_NM_MRC": "Charlevoix-Est", "MRS_CO_REG": 3}
        | properties,
        "geometry": geometry,
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


SQUARE = {"type": "Polygon", "coordinates": [[[-70, 47], [-69.9, 47], [-69.9, 47.1], [-70, 47]]]}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[-70, 47], [-69, 48], [-69, 47], [-70, 48], [-70, 47]]],
}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("this is not json", "not valid JSON"),
        ("[1, 2]", "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        (collection(feature(None)), "Feature 1 (Charlevoix-Est) has no geometry"),
        (collection(feature(BOWTIE)), "invalid geometry: Self-intersection"),
        (collection(feature({"type": "Point", "coordinates": [-70, 47]})), "is not a Polygon"),
        (collection(feature({"type": "Polygon", "coordinates": [[[1, 2]]]})), "cannot be read"),
        (
            collection(
                feature({"type": "Polygon", "coordinates": [[[0, 0], [5e5, 0], [0, 5e5], [0, 0]]]})
            ),
            "not longitude/latitude",
        ),
        (collection(feature(SQUARE, MRS_CO_MRC="", MRS_NM_MRC="")), "neither MRS_CO_MRC nor CDUID"),
        (
            collection(feature(SQUARE, MRS_CO_MRC="999", CDUID="2499")),
            "No feature of the file matches",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32198"}},
                    "features": [feature(SQUARE)],
                }
            ),
            "EPSG::32198",
        ),
    ],
)
def test_broken_file_changes_nothing_and_says_why(region03, region03_file, data, reason):
    boundaries_import(actor=SYSTEM, data=region03_file.read_bytes())
    before = snapshot()
    with translation.override("en"), pytest.raises(TerritoryDataError) as error:
        boundaries_import(actor=SYSTEM, data=data, region_code="03")
    assert reason in str(error.value)
    assert snapshot() == before


def test_broken_feature_after_good_ones_rolls_everything_back(region03, region03_file):
    document = json.loads(region03_file.read_text(encoding="utf-8"))
    document["features"][-1]["geometry"] = None
    with pytest.raises(TerritoryDataError):
        boundaries_import(actor=SYSTEM, data=json.dumps(document))
    assert Boundary.objects.count() == 0
    assert AuditEvent.objects.filter(verb="territory.boundaries_imported").count() == 0


def test_region_must_be_loaded(db, region03_file):
    with translation.override("en"), pytest.raises(TerritoryDataError, match="load_region 03"):
        boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), region_code="03")


def test_negative_tolerance_is_refused(region03, region03_file):
    with pytest.raises(TerritoryDataError):
        boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), tolerance=-1)


def test_import_command(region03, region03_file, capsys):
    with translation.override("en"):
        call_command("import_boundaries", str(region03_file), region="03")
    out = capsys.readouterr().out
    assert "7 boundaries imported (7 new" in out
    assert "Outline of region 03" in out
    assert mrc_boundaries().count() == 7


def test_import_command_on_a_broken_file(region03, tmp_path):
    broken = tmp_path / "broken.geojson"
    broken.write_text(collection(feature(None)), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_boundaries", str(broken))
    assert "broken.geojson" in str(error.value)
    assert "has no geometry" in str(error.value)
    assert Boundary.objects.count() == 0
    with translation.override("en"), pytest.raises(CommandError, match="cannot be read"):
        call_command("import_boundaries", str(tmp_path / "absent.geojson"))
