#!/usr/bin/env python3
"""Inter-rater agreement on the dev set (issue 10): labels_A.jsonl vs labels_B.jsonl.

Run from the repository root:  python3 tests/devset/agreement.py
Optional: python3 tests/devset/agreement.py FILE_A FILE_B   (e.g. to compare a rater with labels.jsonl)

Stdlib only. Prints, per indicator and for `topic`: % agreement and Cohen's kappa on evidence
yes/no; on passages both raters marked as evidence: level hints (exact, within +-1, where both gave
one), flags per flag, prevention types per type, ladder step, belangenbehartiging value.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INDICATORS = ["wonen", "preventie", "participatie", "belangenbehartiging"]
FLAGS = ["negated", "past", "intent_only", "concrete", "pilot", "statistic"]
TYPES = ["universeel", "upstream", "crisis", "nood", "herhaal"]


def load(path):
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {r["id"]: r for r in rows}


def kappa(pairs):
    """Cohen's kappa for a list of (a, b) category pairs; None when undefined."""
    n = len(pairs)
    if n == 0:
        return None
    cats = sorted({x for p in pairs for x in p}, key=str)
    po = sum(1 for a, b in pairs if a == b) / n
    pe = sum((sum(1 for a, _ in pairs if a == c) / n) * (sum(1 for _, b in pairs if b == c) / n) for c in cats)
    if pe >= 1.0:
        return None  # both raters used a single category: kappa undefined
    return (po - pe) / (1 - pe)


def pct(pairs):
    return 100.0 * sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None


def fmt_k(k):
    return "  n/a" if k is None else f"{k:5.2f}"


def fmt_p(p):
    return "   n/a" if p is None else f"{p:5.1f}%"


def binary_line(name, pairs, extra=""):
    a_yes = sum(1 for a, _ in pairs if a)
    b_yes = sum(1 for _, b in pairs if b)
    both = sum(1 for a, b in pairs if a and b)
    return (
        f"{name:<22} n={len(pairs):3d}  agree={fmt_p(pct(pairs))}  kappa={fmt_k(kappa(pairs))}"
        f"  A_yes={a_yes:3d} B_yes={b_yes:3d} both={both:3d} diff={sum(1 for a, b in pairs if a != b):3d}{extra}"
    )


def main(argv):
    path_a = argv[1] if len(argv) > 1 else os.path.join(HERE, "labels_A.jsonl")
    path_b = argv[2] if len(argv) > 2 else os.path.join(HERE, "labels_B.jsonl")
    A, B = load(path_a), load(path_b)
    ids = sorted(set(A) & set(B))
    print(
        f"A = {os.path.relpath(path_a)} ({len(A)} rows), B = {os.path.relpath(path_b)} ({len(B)} rows), "
        f"common ids = {len(ids)}"
    )
    if set(A) != set(B):
        print(f"WARNING: ids differ: only A {sorted(set(A) - set(B))[:5]}, only B {sorted(set(B) - set(A))[:5]}")

    print("\n== Evidence yes/no (all passages) ==")
    print(binary_line("topic", [(A[i]["topic"], B[i]["topic"]) for i in ids]))
    for ind in INDICATORS:
        print(binary_line(ind, [(A[i][ind]["evidence"], B[i][ind]["evidence"]) for i in ids]))
    on_topic = [i for i in ids if A[i]["topic"] and B[i]["topic"]]
    print(f"\n-- restricted to the {len(on_topic)} passages both raters put on topic --")
    for ind in INDICATORS:
        print(binary_line(ind, [(A[i][ind]["evidence"], B[i][ind]["evidence"]) for i in on_topic]))

    for ind in INDICATORS:
        both = [i for i in ids if A[i][ind]["evidence"] and B[i][ind]["evidence"]]
        print(f"\n== {ind}: {len(both)} passages both marked as evidence ==")
        if not both:
            continue
        if ind == "belangenbehartiging":
            pairs = [(A[i][ind]["value"], B[i][ind]["value"]) for i in both]
            print(f"value                  agree={fmt_p(pct(pairs))}")
            pairs = [(sorted(A[i][ind]["orgs"]), sorted(B[i][ind]["orgs"])) for i in both]
            print(f"orgs (exact list)      agree={fmt_p(pct([(str(a), str(b)) for a, b in pairs]))}")
            continue
        lh = [(A[i][ind]["level_hint"], B[i][ind]["level_hint"]) for i in both]
        given = [(a, b) for a, b in lh if a is not None and b is not None]
        only_one = sum(1 for a, b in lh if (a is None) != (b is None))
        none_both = sum(1 for a, b in lh if a is None and b is None)
        exact = sum(1 for a, b in given if a == b)
        within1 = sum(1 for a, b in given if abs(a - b) <= 1)
        if given:
            print(
                f"level_hint both given  n={len(given):3d}  exact={100.0 * exact / len(given):5.1f}%"
                f"  within+-1={100.0 * within1 / len(given):5.1f}%"
            )
        else:
            print("level_hint both given  n=  0")
        print(
            f"level_hint given/null  only one rater gave a hint: {only_one}; neither: {none_both}; "
            f"hint-or-null agree={fmt_p(pct(lh))}"
        )
        print(
            "flags (per flag)       "
            + "   ".join(
                f"{f}: A={sum(1 for i in both if f in A[i][ind]['flags'])}"
                f" B={sum(1 for i in both if f in B[i][ind]['flags'])}"
                f" agree={fmt_p(pct(p)).strip()} k={fmt_k(kappa(p)).strip()}"
                for f in FLAGS
                for p in [[(f in A[i][ind]["flags"], f in B[i][ind]["flags"]) for i in both]]
            )
        )
        fl = [(sorted(A[i][ind]["flags"]), sorted(B[i][ind]["flags"])) for i in both]
        print(f"flags (exact set)      agree={fmt_p(pct([(str(a), str(b)) for a, b in fl]))}")
        if ind == "preventie":
            print(
                "types (per type)       "
                + "   ".join(
                    f"{t}: A={sum(1 for i in both if t in A[i][ind]['types'])}"
                    f" B={sum(1 for i in both if t in B[i][ind]['types'])}"
                    f" agree={fmt_p(pct(p)).strip()} k={fmt_k(kappa(p)).strip()}"
                    for t in TYPES
                    for p in [[(t in A[i][ind]["types"], t in B[i][ind]["types"]) for i in both]]
                )
            )
            ty = [(sorted(A[i][ind]["types"]), sorted(B[i][ind]["types"])) for i in both]
            print(f"types (exact set)      agree={fmt_p(pct([(str(a), str(b)) for a, b in ty]))}")
        if ind == "participatie":
            st = [(A[i][ind]["ladder_step"], B[i][ind]["ladder_step"]) for i in both]
            print(
                f"ladder_step            agree={fmt_p(pct(st))}  kappa={fmt_k(kappa(st))}"
                f"  differing: {[(i, A[i][ind]['ladder_step'], B[i][ind]['ladder_step']) for i in both if A[i][ind]['ladder_step'] != B[i][ind]['ladder_step']]}"
            )

    # belangenbehartiging value on all passages (incl. "nee", which is evidence false)
    vals = [(A[i]["belangenbehartiging"]["value"], B[i]["belangenbehartiging"]["value"]) for i in ids]
    print(
        f"\nbelangenbehartiging value (all passages, ja/nee/null): agree={fmt_p(pct(vals))}  kappa={fmt_k(kappa(vals))}"
    )

    # any difference at all, per passage
    def differs(i):
        a, b = A[i], B[i]
        if a["topic"] != b["topic"]:
            return True
        for ind in INDICATORS:
            for k, v in a[ind].items():
                w = b[ind].get(k)
                if isinstance(v, list):
                    if sorted(v) != sorted(w or []):
                        return True
                elif v != w:
                    return True
        return False

    d = [i for i in ids if differs(i)]
    print(f"\nPassages with any field difference: {len(d)} of {len(ids)}")
    ev = [
        i
        for i in ids
        if A[i]["topic"] != B[i]["topic"] or any(A[i][ind]["evidence"] != B[i][ind]["evidence"] for ind in INDICATORS)
    ]
    print(f"Passages with a topic or evidence difference: {len(ev)}")


if __name__ == "__main__":
    main(sys.argv)
