"""The UI text catalogue: a name defined twice silently changes the first area's words
(a later area's "Tình trạng" once replaced the registers' "Trạng thái")."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path


def test_no_string_is_defined_twice():
    src = Path(__file__).resolve().parents[2] / "tui" / "strings.py"
    names = [t.id for node in ast.parse(src.read_text(encoding="utf-8")).body
             if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)]
    assert [n for n, c in Counter(names).items() if c > 1] == []
