"""Rubric loading: the bundled file is valid; a bad file names the offending entry."""

from __future__ import annotations

import copy

import pytest
import yaml

from omslag.rules.rubric import RubricError, load_rubric
from tests.support import ENGINE_RUBRIC


def test_bundled_rubric_covers_annex_one(rubric):
    assert [i.id for i in rubric.indicators] == ["wonen", "preventie", "participatie", "belangenbehartiging"]
    for indicator in rubric.indicators[:3]:
        assert sorted(indicator.levels) == [1, 2, 3, 4, 5]
    assert rubric.indicator("belangenbehartiging").kind == "yes_no"
    types = {s.prevention_type for s in rubric.indicator("preventie").signals} - {None}
    assert types == {"universeel", "upstream", "crisis", "nood", "herhaal"}
    assert rubric.version


def _write(tmp_path, data) -> str:
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.fixture()
def raw():
    # the frozen engine fixture, not the analysts' rubric: an analyst's edit must not move the
    # entries these tests break on purpose
    return yaml.safe_load(ENGINE_RUBRIC.read_text(encoding="utf-8"))


def test_unknown_key_in_term_names_signal_and_term(tmp_path, raw):
    bad = copy.deepcopy(raw)
    bad["indicators"][0]["signals"][0]["terms"][0] = {"phrase": "opvang", "compund": "any"}
    with pytest.raises(RubricError) as err:
        load_rubric(_write(tmp_path, bad))
    message = str(err.value)
    assert "rubric.yaml" in message
    assert "indicators['wonen'].signals['opvang'].terms['opvang'].compund" in message


def test_rule_referring_to_unknown_signal_is_named(tmp_path, raw):
    bad = copy.deepcopy(raw)
    bad["indicators"][1]["rules"][0]["when"] = {"signal": "preventei_taal"}
    with pytest.raises(RubricError) as err:
        load_rubric(_write(tmp_path, bad))
    assert "indicators['preventie']" in str(err.value)
    assert "preventei_taal" in str(err.value)


def test_bad_level_and_bad_regex_are_reported(tmp_path, raw):
    bad = copy.deepcopy(raw)
    bad["indicators"][2]["rules"][0]["level"] = 7
    bad["context"]["concrete_patterns"].append("(unclosed")
    with pytest.raises(RubricError) as err:
        load_rubric(_write(tmp_path, bad))
    message = str(err.value)
    assert "participatie.meebeslissen" in message or "indicators['participatie']" in message
    assert "concrete_patterns" in message


def test_not_yaml_is_a_clear_error(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text("version: [unclosed", encoding="utf-8")
    with pytest.raises(RubricError, match="geen geldige YAML"):
        load_rubric(path)


def test_a_key_written_twice_is_an_error_naming_the_key_and_both_lines(tmp_path):
    """YAML itself keeps the last of two equal keys; in the rubric that would drop a block unseen."""
    lines = ENGINE_RUBRIC.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("name:"))
    lines.insert(first + 1, 'name: "nog een naam"')
    path = tmp_path / "rubric.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    message = str(err.value)
    assert "rubric.yaml" in message and "'name'" in message
    assert f"regel {first + 1} en regel {first + 2}" in message


def test_merge_keys_may_still_be_overridden_by_explicit_keys(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text("a: &base {x: 1, y: 2}\nb:\n  <<: *base\n  x: 3\n", encoding="utf-8")
    from omslag.rules.rubric import _NoDuplicateKeysLoader

    assert yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeysLoader)["b"] == {"x": 3, "y": 2}
