"""omslag's trained Dutch pipeline: it loads, joins separable verbs, says its name, and — where
../shared/ud holds the UD Dutch test files — reaches lemma accuracy ≥ 0.9 on them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UD = ROOT.parent / "shared" / "ud"


@pytest.fixture(scope="module")
def deep():
    from omslag.rules.nlp import get_deep_nlp

    nlp = get_deep_nlp()
    if nlp is None:
        pytest.skip("no analysis pipeline could be loaded (rules/nl_omslag_ud missing)")
    return nlp


def test_the_trained_pipeline_is_the_default_and_names_itself(deep):
    from omslag.rules.nlp import FULL_MODEL, UD_MODEL_NAME, pipeline_name

    assert pipeline_name(deep).startswith((UD_MODEL_NAME, FULL_MODEL))
    for component in ("omslag_join_separable_verbs", "omslag_norm_from_lemma"):
        assert component in deep.pipe_names


def test_it_carries_the_ud_attribution_and_licence():
    from omslag.rules.nlp import UD_MODEL_DIR

    meta = (UD_MODEL_DIR / "meta.json").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in meta and "UD_Dutch-Alpino" in meta and "UD_Dutch-LassySmall" in meta
    assert "ShareAlike" in (UD_MODEL_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Bouma" in (UD_MODEL_DIR / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, verb, lemma",
    [
        ("Wij breiden de opvang niet uit.", "breiden", "uitbreiden"),
        ("De regio bouwt de nachtopvang af.", "bouwt", "afbouwen"),
        ("Wij zetten de woonladder stop.", "zetten", "stopzetten"),
    ],
)
def test_separable_verbs_get_the_joined_lemma(deep, text, verb, lemma):
    doc = deep(text)
    token = next(t for t in doc if t.text == verb)
    if not any(c.dep_ in ("compound:prt", "compound") for c in token.children):
        pytest.xfail("the parser did not attach the particle to the verb here")
    assert token.lemma_ == lemma


@pytest.mark.shared
def test_lemma_accuracy_on_the_ud_dutch_test_files(deep):
    if not (UD / "nl_alpino-ud-test.conllu").exists():
        pytest.skip(f"UD Dutch treebanks not found in {UD} (../shared/ud): lemma accuracy not measured")
    sys.path.insert(0, str(ROOT / "nlmodel"))
    import evaluate

    for label, sentences in evaluate.portions(UD).items():
        if label.endswith("whole"):
            continue
        result = evaluate.evaluate(deep, sentences, with_parse=False)
        assert result["lemma"] >= 0.9, f"{label}: lemma accuracy {result['lemma']:.3f}"
