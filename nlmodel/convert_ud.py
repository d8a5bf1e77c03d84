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

`--v2-rules` (an experiment, not used for the committed model; docs/nlp-model.md, "A parser
trained on better-converted trees") adds the further differences:
* `nmod` on a predicative adjective is `obl`; v2 Dutch has no PART ("te", "om" are ADP, "als"
  SCONJ), so the PART particles become `compound:prt` too;
* `mwe` joined names and titles as well as fixed expressions: v2 calls the first `flat` (only
  under a preposition, adverb or conjunction it stays `fixed`);
* an adjective on a verb or adjective is `advmod`, an adverb on a noun `amod`; a possessive
  ("zijn", "hun", a name) is `nmod:poss`, a pronoun; an `acl` opened by its own relative word
  ("die", "waarin") is `acl:relcl`;
* a coordinator hangs on the conjunct after it, not on the first one; punctuation on the phrase
  it opens or closes (the highest word whose phrase starts right after it, or ends right
  before it), not on the root;
* the v1 sentences that the v2 dev file has too are trained in their v2 tree.

How close the conversion gets (`--check`): 620 sentences of the v1 file are also in the v2
LassySmall dev file (the treebank was re-split), so their converted v1 tree can be compared with
the v2 tree. Agreement with v2 (all tokens; LAS on the universal relation): the default
conversion UAS 0.830, LAS 0.717; with `--v2-rules` UAS 0.913, LAS 0.878.

Lemmas: v2 joins compound and separable-verb parts with "_" and drops linking letters
(klooster_orde, vol_houden); v1 writes the word (kloosterorde, houden). The trainable lemmatizer
learns the v1 way; a v2 lemma is used when joining its parts gives the word's own spelling
(meedoen), reduced to its last part for a verb whose particle stands apart (vol_houden on
"houden" → houden), and left out (missing) otherwise. omslag joins separable verbs after
parsing (rules/nlp.py), from the `compound:prt` arc.

Sentences of the v1 training file that also occur in a v2 test file (same token sequence;
LassySmall was re-split) are dropped, so no test sentence was seen in training; those that occur
in the v2 dev file keep their converted v1 tree (`--v2-rules`: their v2 tree). `--check`
prints the agreement figures above.
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
POSSESSIVES = {"zijn", "haar", "hun", "mijn", "ons", "onze", "je", "jouw", "uw", "jullie", "z'n", "m'n", "d'r"}
RELATIVES = {"die", "dat", "wie", "wat", "welke", "welk", "hetgeen", "wiens", "wier"}
CLOSING = {")", "]", "»", "”", "’"}


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


def upgrade_v1_further(rows: list[list[str]]) -> list[list[str]]:
    """`--v2-rules`: the further v1 → v2 differences (see the module docstring) on a tree that
    upgrade_v1 has converted. Not used for the committed model (docs/nlp-model.md says why)."""
    rows = [list(r) for r in rows]
    by_id = {int(r[0]): r for r in rows}
    for r in rows:
        head = by_id.get(int(r[6]))
        if head is None:
            continue
        if r[3] == "PART":
            r[3] = "SCONJ" if r[1].lower() == "als" else "ADP"  # v2 has no PART in Dutch: "te", "om" are ADP
        if r[7] == "nmod" and head[3] == "ADJ":
            r[7] = "obl"  # on a predicative adjective: "belangrijk voor"
        elif r[7] == "compound" and r[3] == "ADP" and head[3] in VERBAL:
            r[7] = "compound:prt"  # the particles that were PART
        elif r[7] == "fixed" and head[3] not in ("ADP", "ADV", "SCONJ", "CCONJ"):
            r[7] = "flat"  # v1 `mwe` also joined names and titles, which v2 calls flat
        elif r[7] == "amod" and head[3] in ("VERB", "AUX", "ADJ", "ADV", "PRON"):
            r[7] = "advmod"  # an adjective modifying a verb or adjective is adverbial in v2
        elif r[7] == "advmod" and head[3] in ("NOUN", "PROPN"):
            r[7] = "amod"
        elif r[7] == "det" and (r[2].lower() in POSSESSIVES or r[3] == "PROPN"):
            r[7] = "nmod:poss"  # "zijn stek", "Vandersteens Suske": a possessor, not a determiner
            if r[3] == "DET":
                r[3], r[5] = "PRON", "Poss=Yes|PronType=Prs"
        elif r[7] == "acl" and _opens_relative(rows, r):
            r[7] = "acl:relcl"
    _cc_to_next_conjunct(rows)
    _punct_to_phrase(rows)
    if not _is_tree(rows):
        raise ValueError(f"conversion made a cycle: {' '.join(r[1] for r in rows)}")
    return rows


def _is_tree(rows: list[list[str]]) -> bool:
    for r in rows:
        seen, node = set(), int(r[0])
        while node:
            if node in seen:
                return False
            seen.add(node)
            node = int(rows[node - 1][6])
    return True


def _children(rows: list[list[str]], head_id: int) -> list[list[str]]:
    return [c for c in rows if int(c[6]) == head_id]


def _opens_relative(rows: list[list[str]], clause: list[str]) -> bool:
    """Does the clause start with a relative word of its own ("die", "waar", "waarin")?"""
    clause_id = int(clause[0])
    first = min((int(c[0]) for c in _children(rows, clause_id)), default=clause_id)
    word = rows[first - 1][1].lower() if first < clause_id else ""
    return word in RELATIVES or (word.startswith("waar") and len(word) > 4)


def _cc_to_next_conjunct(rows: list[list[str]]) -> None:
    """v1 hangs a coordinator on the first conjunct; v2 on the conjunct that follows it."""
    for r in rows:
        if r[7] != "cc" or _children(rows, int(r[0])):
            continue
        me = int(r[0])
        head_id = int(r[6])
        later = [int(c[0]) for c in _children(rows, head_id) if c[7] == "conj" and int(c[0]) > me]
        if head_id < me and later:
            r[6] = str(min(later))


def _subtree_edges(rows: list[list[str]]) -> dict[int, tuple[int, int]]:
    edges = {int(r[0]): (int(r[0]), int(r[0])) for r in rows}
    for r in rows:
        node, seen = int(r[0]), set()
        head = int(r[6])
        while head and head not in seen:
            seen.add(head)
            lo, hi = edges[head]
            edges[head] = (min(lo, node), max(hi, node))
            head = int(rows[head - 1][6])
    return edges


def _punct_to_phrase(rows: list[list[str]]) -> None:
    """v1 hangs most punctuation on the root; v2 on the phrase it opens or closes: the highest
    word whose phrase starts right after the mark (a comma before a conjunct, an opening
    bracket or quote) or, failing that, ends right before it (a closing bracket or quote)."""
    edges = _subtree_edges(rows)
    depth: dict[int, int] = {}

    def level(node: int) -> int:
        if node not in depth:
            head = int(rows[node - 1][6])
            depth[node] = 0 if head == 0 else 1 + level(head)
        return depth[node]

    for r in rows:
        if r[3] != "PUNCT" or int(r[6]) == 0 or _children(rows, int(r[0])):
            continue  # a mark with words below it (a v1 quirk) keeps its place: no cycles
        me = int(r[0])
        if me == len(rows):
            continue  # the full stop stays on the root
        starts = [n for n, (lo, _hi) in edges.items() if lo == me + 1 and rows[n - 1][3] != "PUNCT"]
        ends = [n for n, (_lo, hi) in edges.items() if hi == me - 1 and rows[n - 1][3] != "PUNCT"]
        if r[1] in CLOSING:
            starts, ends = ends, starts
        for options in (starts, ends):
            options = [n for n in options if level(n) > 0]
            if options:
                r[6] = str(min(options, key=level))
                break


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


def convert_v1(rows: list[list[str]], further: bool) -> list[list[str]]:
    converted = upgrade_v1(rows)
    return upgrade_v1_further(converted) if further else converted


def key(rows) -> tuple[str, ...]:
    return tuple(r[1] for r in rows)


def conversion_agreement(v1: list, v2: list, further: bool) -> tuple[int, float, float]:
    """(sentences, UAS, LAS) of the converted v1 trees against the v2 trees of the same
    sentences; LAS on the universal relation (the part before ":")."""
    v1_trees = {key(s): s for s in v1}  # the v1 file holds some sentences twice
    pairs = [(convert_v1(v1_trees[key(s)], further), s) for s in v2 if key(s) in v1_trees]
    tokens = heads = labelled = 0
    for converted, gold in pairs:
        for ours, theirs in zip(converted, gold, strict=True):
            tokens += 1
            if ours[6] == theirs[6]:
                heads += 1
                labelled += ours[7].split(":")[0] == theirs[7].split(":")[0]
    return len(pairs), heads / max(tokens, 1), labelled / max(tokens, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "ud")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--check", action="store_true", help="only print how close the v1 conversion gets to v2")
    parser.add_argument(
        "--v2-rules",
        action="store_true",
        help="also the further v1 → v2 rules, and the v1 sentences of the v2 dev file in their v2 tree (an experiment)",
    )
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
    if args.check:
        for further in (False, True):
            n, uas, las = conversion_agreement(v1, lassy_dev, further)
            rules = "with --v2-rules" if further else "relation names and auxiliaries"
            print(f"v1 → v2 conversion ({rules}) on the {n} sentences in both files: UAS {uas:.3f}, LAS {las:.3f}")
        return 0
    v1_keys = {key(s) for s in v1}
    kept_v1 = [s for s in v1 if key(s) not in held_out]
    # LassySmall dev sentences not in the v1 file are new v2 trees: the dev set of training
    dev_new = [s for s in lassy_dev if key(s) not in v1_keys and key(s) not in held_out]
    alpino_dev = list(read_conllu(ud / "nl_alpino-ud-dev.conllu"))
    # --v2-rules: a v1 sentence that the v2 dev file has too is trained in its v2 tree (620 of them)
    v2_trees = {key(s): s for s in lassy_dev} if args.v2_rules else {}
    train_docs = [
        to_doc(nlp.vocab, v2_trees[key(s)], v2=True)
        if key(s) in v2_trees
        else to_doc(nlp.vocab, convert_v1(s, args.v2_rules), v2=False)
        for s in kept_v1
    ]
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
