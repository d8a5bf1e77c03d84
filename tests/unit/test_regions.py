"""The 44-region file (corpus/regions.tsv, from ../shared/reference) and matching plans to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from omslag.report.load import load_regions, parse_members, region_key
from omslag.report.regions import RegionMatcher, centre_name

REGIONS = Path(__file__).resolve().parents[2] / "corpus" / "regions.tsv"


@pytest.fixture(scope="module")
def regions():
    return load_regions(REGIONS)


def _by_region(regions, name):
    hits = [r for r in regions if r.region == name]
    assert len(hits) == 1, name
    return hits[0]


def test_44_rows_with_sources_and_confidence(regions):
    assert len(regions) == 44
    assert all(r.confidence in {"high", "medium", "low"} for r in regions)
    # every row but the two kept from general knowledge (Amsterdam, Rotterdam) and Roermond names a source
    assert sum(1 for r in regions if not r.source_url) == 3
    uncertain = {r.region for r in regions if r.uncertain}
    assert "Midden-Limburg" in uncertain and "Zuidwest-Drenthe" in uncertain
    assert "West-Brabant West" not in uncertain


def test_the_corrections_of_the_draft(regions):
    centres = {r.region: centre_name(r) for r in regions}
    assert centres["West-Brabant West"] == "Bergen op Zoom"  # not Roosendaal
    assert centres["Nieuwe Waterweg Noord"] == "Vlaardingen"  # not Schiedam
    assert "Zuidwest-Drenthe" in centres
    assert all(region_key(c) != "lelystad" for c in centres.values())  # Lelystad is no centrumgemeente
    assert sum(1 for r in regions if r.region.startswith("Twente")) == 2
    assert all(region_key(c) != "tiel" for c in centres.values())  # no separate Rivierenland region
    matcher = RegionMatcher(regions)
    assert matcher.match("Rivierenland")[0] == "Rijk van Nijmegen + Rivierenland (Gelderland-Zuid)"
    assert matcher.match("Regio Lelystad")[0] == "Flevoland"  # a member, not a centre
    assert matcher.match("Roosendaal")[0] == "West-Brabant West"


def test_matching_on_name_and_centrumgemeente(regions):
    matcher = RegionMatcher(regions)
    # "Twente" is two regions: the centrumgemeente decides
    assert matcher.match("Twente", "Almelo")[0] == "Twente (Almelo / Noordwest-Twente)"
    assert matcher.match("Twente", "Enschede")[0] == "Twente (Enschede)"
    region, note = matcher.match("Twente")
    assert region is None and "meer regio's" in note
    # a region written as its centrumgemeente, and a name with its bracket
    assert matcher.match("Regio Zwolle")[0] == "IJssel-Vecht (regio Zwolle)"
    assert matcher.match("Foodvalley", "Ede")[0] == "Vallei / Foodvalley"
    # name and centrumgemeente contradict each other: no silent match
    region, note = matcher.match("West-Brabant West", "Breda")
    assert region is None and "Bergen op Zoom" in note
    # the uncertain centre of Zuidwest-Drenthe is read without its question mark
    assert matcher.match("Zuidwest-Drenthe", "Hoogeveen")[0] == "Zuidwest-Drenthe"
    assert matcher.match("Meppel")[0] == "Zuidwest-Drenthe"
    assert matcher.match("Atlantis")[0] is None


def test_parse_members():
    assert parse_members("5 (Aa en Hunze, Assen, Midden-Drenthe, Noordenveld, Tynaarlo)")[:2] == [
        "Aa en Hunze",
        "Assen",
    ]
    assert parse_members("10 (all municipalities of the province; inferred)") == []
    assert parse_members("not determined") == []
    assert parse_members("6? (Alkmaar, Bergen; taken from a covenant)") == ["Alkmaar", "Bergen"]
