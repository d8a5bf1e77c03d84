"""Model build (nlmodel/convert_ud.py): UD v1 trees brought to the v2 scheme before training."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

NLMODEL = Path(__file__).resolve().parents[2] / "nlmodel"
sys.path.insert(0, str(NLMODEL))
import convert_ud  # noqa: E402

UD = Path(__file__).resolve().parents[3] / "shared" / "ud"


def _rows(table: str) -> list[list[str]]:
    """id form lemma upos head deprel [feats] → the 10 CoNLL-U fields."""
    rows = []
    for line in table.strip().splitlines():
        i, form, lemma, upos, head, rel, *feats = line.split()
        rows.append([i, form, lemma, upos, "_", feats[0] if feats else "_", head, rel, "_", "_"])
    return rows


# "Hij bezocht zijn vader en moeder , die ziek waren ." as v1 LassySmall writes it: the
# coordinator on the first conjunct, the comma on the root, the possessive a determiner
V1_TREE = _rows(
    """
1 Hij hij PRON 2 nsubj
2 bezocht bezoeken VERB 0 root
3 zijn zijn DET 4 det
4 vader vader NOUN 2 dobj
5 en en CONJ 4 cc
6 moeder moeder NOUN 4 conj
7 , , PUNCT 2 punct
8 die die PRON 10 nsubj
9 ziek ziek ADJ 10 amod
10 waren zijn VERB 4 acl
11 . . PUNCT 2 punct
"""
)


def _by_form(rows):
    return {r[1]: r for r in rows}


def test_the_default_conversion_renames_v1_relations_only():
    rows = _by_form(convert_ud.upgrade_v1(V1_TREE))
    assert rows["vader"][7] == "obj" and rows["en"][3] == "CCONJ"
    assert rows["en"][6] == "4" and rows["zijn"][7] == "det" and rows[","][6] == "2"


def test_the_further_rules_follow_the_v2_scheme():
    rows = _by_form(convert_ud.convert_v1(V1_TREE, further=True))
    assert rows["en"][6] == "6"  # the coordinator on the conjunct after it
    assert (rows["zijn"][7], rows["zijn"][3]) == ("nmod:poss", "PRON")
    assert rows["waren"][7] == "acl:relcl"  # opened by its own "die"
    assert rows["ziek"][7] == "advmod"  # an adjective on a verb
    assert rows[","][6] == "10"  # on the relative clause that starts after it
    assert rows["."][6] == "2"  # the full stop stays on the root
    assert convert_ud._is_tree(convert_ud.convert_v1(V1_TREE, further=True))


def test_the_further_rules_bring_v1_closer_to_v2():
    if not (UD / "nl_lassysmall-ud-v1-train.conllu").exists():
        pytest.skip(f"UD Dutch treebanks not found in {UD} (../shared/ud)")
    v1 = list(convert_ud.read_conllu(UD / "nl_lassysmall-ud-v1-train.conllu"))
    v2 = list(convert_ud.read_conllu(UD / "nl_lassysmall-ud-dev.conllu"))
    n, base_uas, base_las = convert_ud.conversion_agreement(v1, v2, further=False)
    _, uas, las = convert_ud.conversion_agreement(v1, v2, further=True)
    assert n == 620
    assert uas > base_uas + 0.05 and las > base_las + 0.1
