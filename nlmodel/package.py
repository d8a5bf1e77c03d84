"""Model build: installs a trained pipeline as rules/nl_omslag_ud/, with its name, version,
sources, attribution and licence in meta.json and a LICENSE and README beside it (the UD
treebanks are CC BY-SA 4.0: anything trained on them and shipped carries the same)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

README = """# nl_omslag_ud — omslag's Dutch pipeline

A small CPU spaCy pipeline (tok2vec, morphologizer, parser, trainable lemmatizer) trained by
`make model` (nlmodel/train.sh) on the Universal Dependencies Dutch treebanks:

* UD_Dutch-LassySmall (Lassy Small corpus, Wikipedia section; G. Bouma and G. van Noord, UD
  conversion) — the UD v1 training file, brought to the v2 scheme, without the sentences that
  also occur in the v2 test files; and its v2 dev file (sentences not in training: model choice);
* UD_Dutch-Alpino (Alpino treebank, L. van der Beek et al.; G. Bouma and G. van Noord, UD
  conversion) — the v2 dev file.

The test files were used for evaluation only (nlmodel/evaluate.py, docs/nlp-model.md).

Licence: the treebanks are licensed under CC BY-SA 4.0, and so is this trained pipeline
(LICENSE beside this file; https://creativecommons.org/licenses/by-sa/4.0/). Changes: trained
statistical model derived from the treebanks, v1 relations renamed and auxiliaries re-headed
to the v2 scheme, compound and separable-verb lemmas written without "_".
"""


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    source, target = Path(argv[0]), Path(argv[1])
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="omslag_ud",
        version="1.0.0",
        description="omslag's Dutch pipeline: POS, morphology, dependencies, lemmas (UD Dutch).",
        author="omslag",
        license="CC BY-SA 4.0",
        sources=[
            {
                "name": "UD_Dutch-LassySmall",
                "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
                "license": "CC BY-SA 4.0",
                "author": "Gosse Bouma, Gertjan van Noord",
            },
            {
                "name": "UD_Dutch-Alpino",
                "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
                "license": "CC BY-SA 4.0",
                "author": "Gosse Bouma, Gertjan van Noord; Alpino treebank: Leonoor van der Beek et al.",
            },
        ],
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    (target / "README.md").write_text(README, encoding="utf-8")
    ud_license = HERE.parents[0].parent / "shared" / "ud" / "LICENSE-Alpino.txt"
    license_text = "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)\nhttps://creativecommons.org/licenses/by-sa/4.0/legalcode\n"
    if ud_license.exists():
        license_text = ud_license.read_text(encoding="utf-8")
    (target / "LICENSE").write_text(license_text, encoding="utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"installed {source} as {target} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
