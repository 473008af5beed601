"""The screens' own shape, checked on the source (imports inside functions included): the shared
parts under tui/screens/parts/ import no area's screen, no two screen modules import each other
(directly or round a longer loop), and a module of the program (models, intake, printouts, tui)
over 600 lines says at its top, in its first 15 lines, why it is one file."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "tui" / "screens"
LONG = 600


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _screen_imports(path: Path) -> set[str]:
    """The tui.screens modules ``path`` imports, at any depth."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = parts if path.name == "__init__.py" else parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[:len(package) - node.level + 1])
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names = [mod] + [f"{mod}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out |= {n.removesuffix(".__init__") for n in names if n.startswith("tui.screens.")}
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_name(p): p for p in SCREENS.rglob("*.py")}
    return {m: {n for n in _screen_imports(p) if n in modules and n != m} for m, p in modules.items()}


def test_the_shared_parts_import_no_area_screen():
    bad = [f"{m} imports {n}" for m, deps in _graph().items() if m.startswith("tui.screens.parts")
           for n in deps if not n.startswith("tui.screens.parts")
           and n not in ("tui.screens.base", "tui.screens.register")]
    assert not bad, "\n".join(bad)


def test_no_import_cycle_between_screen_modules():
    graph = _graph()
    cycles = []

    def walk(m: str, path: list[str]) -> None:
        for n in sorted(graph[m]):
            if n in path:
                cycles.append(" → ".join(path[path.index(n):] + [n]))
            elif n not in done:
                walk(n, path + [n])
        done.add(m)

    done: set[str] = set()
    for m in sorted(graph):
        if m not in done:
            walk(m, [m])
    assert not cycles, "screen modules importing each other:\n" + "\n".join(sorted(set(cycles)))


PROGRAM = ("models", "intake", "printouts", "tui")
TOP = 15      # "Why one file" is read at the top, not found somewhere in a long docstring


def test_a_long_module_says_why_it_is_one_file():
    bad = []
    for package in PROGRAM:
        for p in sorted((ROOT / package).rglob("*.py")):
            text = p.read_text(encoding="utf-8")
            top = "\n".join(text.split("\n")[:TOP])
            if text.count("\n") > LONG and "Why one file" not in top:
                bad.append(f"{p.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert not bad, (f"over {LONG} lines without \"Why one file: …\" in the first {TOP} lines "
                     "(split it by subject, or say why not):\n" + "\n".join(bad))
