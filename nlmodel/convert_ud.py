"""Model build: UD Dutch CoNLL-U → spaCy DocBin files for training omslag's Dutch pipeline.

Sources (../shared/ud, CC BY-SA 4.0): the UD v1 LassySmall training file, the v2 Alpino and
LassySmall dev files. Test files are never read here (evaluation only, see evaluate.py).

The v1 file follows an older scheme, so its trees are brought to UD v2 before training:
* relation names: dobj→obj, nsubjpass→nsubj:pass, auxpass→aux:pass, csubjpass→csubj:pass,
  name→flat, mwe→fixed, neg→advmod; part of speech CONJ→CCONJ;
* auxiliaries: v1 LassySmall makes the finite auxiliary the head of the clause and hangs the
  participle or infinitive below it (xcomp/ccomp); v2 makes the content verb the head with the
  auxiliary as `aux` (worden, and zijn + participle: `aux:pass`, its subject `nsubj:pass`);
* `nmod` on a verb is `obl` in v2; a particle (`compound`, ADP/ADV) on a verb is `compound:prt`.

Lemmas: v2 joins compound and separable-verb parts with "_" and drops linking letters
(klooster_orde, vol_houden); v1 writes the word (kloosterorde, houden). The trainable lemmatizer
learns the v1 way; a v2 lemma is used when joining its parts gives the word's own spelling
(meedoen), reduced to its last part for a verb whose particle stands apart (vol_houden on
"houden" → houden), and left out (missing) otherwise. omslag joins separable verbs after
parsing (rules/nlp.py), from the `compound:prt` arc.

Sentences of the v1 training file that also occur in the v2 test or dev files (same token
sequence; LassySmall was re-split) are dropped, so no test sentence was seen in training.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

REL_V1 = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "auxpass": "aux:pass",
    "csubjpass": "csubj:pass",
    "name": "flat",
    "mwe": "fixed",
    "neg": "advmod",
}
AUX_LEMMAS = {"hebben", "zijn", "worden", "zullen", "kunnen", "moeten", "mogen", "willen", "hoeven"}
VERBAL = {"VERB", "AUX"}


def read_conllu(path: Path):
    """Yields sentences as lists of 10-field rows (multi-word and empty nodes left out)."""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
                continue
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 10 or "-" in fields[0] or "." in fields[0]:
                continue
            rows.append(fields)
    if rows:
        yield rows


def upgrade_v1(rows: list[list[str]]) -> list[list[str]]:
    """Brings one v1 LassySmall tree to the v2 scheme (see the module docstring)."""
    rows = [list(r) for r in rows]
    for r in rows:
        r[7] = REL_V1.get(r[7], r[7])
        if r[3] == "CONJ":
            r[3] = "CCONJ"
    heads = {int(r[0]): int(r[6]) for r in rows}
    by_id = {int(r[0]): r for r in rows}
    # re-head auxiliaries: AUX_LEMMA verb whose xcomp/ccomp child is a participle/infinitive
    for r in rows:
        if r[2].lower() not in AUX_LEMMAS or r[3] not in VERBAL:
            continue
        aux_id = int(r[0])
        comps = [
            c
            for c in rows
            if int(c[6]) == aux_id and c[7] in ("xcomp", "ccomp") and c[3] in VERBAL and "VerbForm=Fin" not in c[5]
        ]
        if len(comps) != 1:
            continue
        comp = comps[0]
        comp_id = int(comp[0])
        participle = "VerbForm=Part" in comp[5]
        lemma = r[2].lower()
        passive = participle and lemma == "worden"
        # the content verb takes the auxiliary's place in the tree
        comp[6], comp[7] = r[6], r[7]
        heads[comp_id] = heads[aux_id]
        for c in rows:
            if int(c[6]) == aux_id and c is not comp:
                c[6] = str(comp_id)
                heads[int(c[0])] = comp_id
                if passive and c[7] == "nsubj":
                    c[7] = "nsubj:pass"
        r[6] = str(comp_id)
        heads[aux_id] = comp_id
        r[7] = "aux:pass" if passive else "aux"
        r[3] = "AUX"
    for r in rows:
        head = by_id.get(int(r[6]))
        if head is None:
            continue
        if r[7] == "nmod" and head[3] in VERBAL:
            r[7] = "obl"
        elif r[7] == "compound" and r[3] in ("ADP", "ADV") and head[3] in VERBAL:
            r[7] = "compound:prt"
    return rows


def v2_lemma(form: str, lemma: str, upos: str, is_separated_verb: bool) -> str:
    if "_" not in lemma:
        return lemma
    joined = lemma.replace("_", "")
    if form.lower().startswith(joined.lower()[: max(3, len(joined) - 3)]):
        return joined
    if upos in VERBAL and is_separated_verb:
        return lemma.split("_")[-1]
    return ""  # missing: the linking letters can't be put back reliably


def to_doc(vocab, rows: list[list[str]], v2: bool) -> Doc:
    words = [r[1] for r in rows]
    spaces = ["SpaceAfter=No" not in r[9] for r in rows]
    prt_heads = {int(r[6]) for r in rows if r[7] == "compound:prt"}
    lemmas = []
    for r in rows:
        lemma = r[2]
        if v2:
            lemma = v2_lemma(r[1], lemma, r[3], int(r[0]) in prt_heads)
        lemmas.append(lemma if lemma != "_" or r[1] == "_" else "")
    heads = [int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)]
    deps = [r[7] if r[7] != "_" else "dep" for r in rows]
    morphs = [r[5] if r[5] != "_" else "" for r in rows]
    pos = [r[3] for r in rows]
    doc = Doc(vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, heads=heads, deps=deps, lemmas=lemmas)
    return doc


def key(rows) -> tuple[str, ...]:
    return tuple(r[1] for r in rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "ud")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    ud = args.ud
    if not (ud / "nl_lassysmall-ud-v1-train.conllu").exists():
        print(f"UD treebanks not found in {ud}", file=sys.stderr)
        return 2
    nlp = spacy.blank("nl")
    held_out = set()
    for name in ("nl_lassysmall-ud-test.conllu", "nl_alpino-ud-test.conllu"):
        held_out.update(key(s) for s in read_conllu(ud / name))
    lassy_dev = list(read_conllu(ud / "nl_lassysmall-ud-dev.conllu"))
    v1 = [s for s in read_conllu(ud / "nl_lassysmall-ud-v1-train.conllu")]
    v1_keys = {key(s) for s in v1}
    kept_v1 = [s for s in v1 if key(s) not in held_out]
    # LassySmall dev sentences not in the v1 file are new v2 trees: the dev set of training
    dev_new = [s for s in lassy_dev if key(s) not in v1_keys and key(s) not in held_out]
    alpino_dev = list(read_conllu(ud / "nl_alpino-ud-dev.conllu"))
    train_docs = [to_doc(nlp.vocab, upgrade_v1(s), v2=False) for s in kept_v1]
    train_docs += [to_doc(nlp.vocab, s, v2=True) for s in alpino_dev]
    dev_docs = [to_doc(nlp.vocab, s, v2=True) for s in dev_new]
    random.Random(args.seed).shuffle(train_docs)
    args.out.mkdir(parents=True, exist_ok=True)
    DocBin(docs=train_docs, store_user_data=False).to_disk(args.out / "train.spacy")
    DocBin(docs=dev_docs, store_user_data=False).to_disk(args.out / "dev.spacy")
    print(
        f"train: {len(kept_v1)} v1 LassySmall sentences (of {len(v1)}; {len(v1) - len(kept_v1)} that occur in a "
        f"test file dropped) + {len(alpino_dev)} Alpino dev = {len(train_docs)} sentences, "
        f"{sum(len(d) for d in train_docs)} tokens; dev: {len(dev_docs)} LassySmall dev sentences not in training"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
