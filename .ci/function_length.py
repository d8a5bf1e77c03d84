"""Safety net of `make check`: no function in the omslag package longer than MAX_LINES.

Issue 12 ("a house others can carry on") asks for no function over ~60 lines where a split reads
better; this fails the build at MAX_LINES so a long function is split while it is written, not
years later. A function that truly reads better long goes in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_LINES = 80
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ["omslag", "extract", "rules", "sheets", "ratings", "batch", "flows", "report"]
ALLOWED: dict[str, str] = {}  # "rules/x.py:function" → why it reads better long


def long_functions() -> list[tuple[str, int]]:
    found = []
    seen: set[Path] = set()
    for folder in PACKAGE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            path = path.resolve()  # omslag/rules → ../rules: counted once, under its own folder
            if path in seen:
                continue
            seen.add(path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    key = f"{path.relative_to(ROOT)}:{node.name}"
                    if lines > MAX_LINES and key not in ALLOWED:
                        found.append((f"{key} (line {node.lineno})", lines))
    return found


def main() -> int:
    found = long_functions()
    for where, lines in found:
        print(f"{where}: {lines} lines; split it into named steps (at most {MAX_LINES})", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
