"""The analysts' rubric on streefcijfers (rules.targets with rules/rubric.yaml's `targets`):
house building for every woningzoekende, from a woonvisie, is counted apart from places for
homeless people, unless the sentence names the group or its allocation."""

from __future__ import annotations

import pytest

from tests.support import targets_found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a woonvisie's house building for every woningzoekende is the policy beside the plan
        (
            "De zes gemeenten bouwen tot 2030 ruim 11.000 woningen, waarvan een derde in de sociale huur.",
            [("woningbouw", 11_000)],
        ),
        (
            "In de woonvisies is afgesproken dat tot 2030 minimaal 3.600 sociale huurwoningen worden gebouwd.",
            [("woningbouw", 3_600)],
        ),
        # real text: a province's budget (dev-032), realised rather than built
        (
            "Tussen provincie en Rijk is afgesproken dat in de periode 2022 t/m 2030 in de provincie "
            "Zuid-Holland bruto 247.896 nieuwe woningen worden gerealiseerd.",
            [("woningbouw", 247_896)],
        ),
        # the same words with the group or its allocation are places for homeless people
        ("Wij bouwen tot 2027 50 woningen voor dakloze mensen.", [("woonplekken", 50)]),
        ("Voor het contingent worden in 2026 40 nieuwe woningen gebouwd.", [("woonplekken", 40)]),
        # without building words nothing changes
        ("Hiervoor stellen de corporaties jaarlijks 10 woningen beschikbaar.", [("woonplekken", 10)]),
    ],
)
def test_house_building_for_everyone_is_not_woonplekken(analyst_rubric, sentence, expected):
    rows = [t for t in targets_found(analyst_rubric, sentence) if t.kind == "target"]
    assert [(t.unit, t.value) for t in rows] == expected
    assert all((t.indicator == "overig") == (t.unit == "woningbouw") for t in rows)
