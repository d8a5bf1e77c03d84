"""Model build: accuracy of omslag's Dutch pipeline on the held-out UD Dutch test files.

Prints, per test portion, lemma, UPOS, morphology (all features equal), UAS and LAS (universal
relation, the part before ":") for the pipeline omslag uses (or one named with --model), and
the simplemma lemmas of the fallback. Gold tokenisation is used (words and spaces from the
CoNLL-U file), as spaCy's own evaluation of the published pipelines does.

Portions: Alpino test (596 sentences; no overlap with anything used in training), LassySmall
test without the 794 sentences that also occur in the v1 training file, and the whole LassySmall
test for reference (the training script drops those sentences from training, so even the whole
file was not seen).

Lemmas: UD v2 writes compound and separable-verb lemmas with "_" and without linking letters
(klooster_orde for "kloosterorden", vol_houden); omslag's lemmas follow the word
(kloosterorde, volhouden). A lemma counts as right when it equals the gold lemma without "_"
(case-insensitive), or — for a gold lemma with "_" — the gold parts in order with at most a
Dutch linking letter or hyphen between them (s, e, en, n, -). Both counts are printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from convert_ud import key, read_conllu  # noqa: E402


def lemma_ok(predicted: str, gold: str) -> tuple[bool, bool]:
    """(strict, with linking letters): see the module docstring."""
    p = predicted.lower()
    g = gold.lower()
    strict = p == g.replace("_", "")
    if strict or "_" not in g:
        return strict, strict
    parts = [re.escape(x) for x in g.split("_") if x]
    pattern = "(?:s|e|en|n|-)?".join(parts)
    return False, re.fullmatch(pattern, p) is not None


def evaluate(nlp, sentences, with_parse: bool = True) -> dict:
    from spacy.tokens import Doc

    n = lemma = lemma_strict = pos = morph = uas = las = 0
    words_total = 0
    start = time.perf_counter()
    docs = []
    for rows in sentences:
        words = [r[1] for r in rows]
        spaces = ["SpaceAfter=No" not in r[9] for r in rows]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    for name, proc in nlp.pipeline:
        if name in ("sentencizer", "omslag_paragraph_breaks"):
            continue
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    seconds = time.perf_counter() - start
    for rows, doc in zip(sentences, docs, strict=True):
        for r, token in zip(rows, doc, strict=True):
            if r[3] == "PUNCT":
                words_total += 1
            n += 1
            words_total += 0
            s, loose = lemma_ok(token.lemma_, r[2])
            lemma_strict += s
            lemma += loose
            pos += token.pos_ == r[3]
            gold_morph = "" if r[5] == "_" else r[5]
            morph += str(token.morph) == gold_morph
            if with_parse:
                gold_head = int(r[6]) - 1
                head = token.head.i if token.head.i != token.i else -1
                if head == gold_head:
                    uas += 1
                    las += token.dep_.split(":")[0].lower() == r[7].split(":")[0]
    out = {
        "tokens": n,
        "lemma": lemma / n,
        "lemma_strict": lemma_strict / n,
        "upos": pos / n,
        "morph": morph / n,
        "words_per_second": n / seconds,
    }
    if with_parse:
        out.update(uas=uas / n, las=las / n)
    return out


def simplemma_lemmas(sentences) -> dict:
    import simplemma

    n = ok = ok_strict = 0
    for rows in sentences:
        for r in rows:
            lemma = r[1] if r[3] == "PUNCT" else simplemma.lemmatize(r[1].lower(), lang="nl")
            s, loose = lemma_ok(lemma, r[2])
            n += 1
            ok += loose
            ok_strict += s
    return {"tokens": n, "lemma": ok / n, "lemma_strict": ok_strict / n}


def portions(ud: Path) -> dict[str, list]:
    v1_keys = {key(s) for s in read_conllu(ud / "nl_lassysmall-ud-v1-train.conllu")}
    lassy = list(read_conllu(ud / "nl_lassysmall-ud-test.conllu"))
    return {
        "Alpino test": list(read_conllu(ud / "nl_alpino-ud-test.conllu")),
        "LassySmall test, not in v1 train": [s for s in lassy if key(s) not in v1_keys],
        "LassySmall test, whole": lassy,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=HERE.parents[1] / "shared" / "ud")
    parser.add_argument("--model", type=Path, default=None, help="a trained pipeline folder (default: omslag's)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (args.ud / "nl_alpino-ud-test.conllu").exists():
        print(f"UD treebanks not found in {args.ud}", file=sys.stderr)
        return 2
    if args.model is not None:
        import spacy

        from omslag.rules.nlp import join_separable_verbs

        nlp = spacy.load(args.model)
        nlp.add_pipe("omslag_join_separable_verbs")
        name = str(args.model)
        del join_separable_verbs
    else:
        from omslag.rules.nlp import get_deep_nlp, pipeline_name

        nlp = get_deep_nlp()
        name = pipeline_name(nlp)
    results = {}
    print(f"pipeline: {name}")
    print(
        f"{'portion':36} {'sents':>6} {'tokens':>7} {'lemma':>6} {'strict':>6} {'UPOS':>6} {'morph':>6} {'UAS':>6} {'LAS':>6} {'w/s':>7}   simplemma lemma"
    )
    for label, sentences in portions(args.ud).items():
        r = evaluate(nlp, sentences)
        b = simplemma_lemmas(sentences)
        results[label] = {"sentences": len(sentences), **r, "simplemma": b}
        print(
            f"{label:36} {len(sentences):>6} {r['tokens']:>7} {r['lemma']:.3f}  {r['lemma_strict']:.3f}  {r['upos']:.3f}  "
            f"{r['morph']:.3f}  {r['uas']:.3f}  {r['las']:.3f}  {r['words_per_second']:>7.0f}   {b['lemma']:.3f} ({b['lemma_strict']:.3f} strict)"
        )
    if args.json:
        args.json.write_text(json.dumps({"pipeline": name, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
