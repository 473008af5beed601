"""The house's layering, checked on the source (imports inside functions included):

    tui  →  printouts, intake  →  models

models imports none of tui, printouts, intake; intake imports neither tui nor printouts;
printouts does not import tui. And no module takes another package's private names
(``from models.home import _ERRNO_VI``): what a package offers others is what it names publicly.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("models", "intake", "printouts", "tui")
FORBIDDEN = {
    "models": {"tui", "printouts", "intake"},
    "intake": {"tui", "printouts"},
    "printouts": {"tui", "intake"},
    "tui": set(),
}


def _modules():
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            yield pkg, path


def _imports(path: Path):
    """(line, imported module, names) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    pkg_parts = path.relative_to(ROOT).with_suffix("").parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:                                   # relative: resolve against the file
                base = list(pkg_parts[:-node.level]) if path.name != "__init__.py" \
                    else list(pkg_parts[:len(pkg_parts) - node.level])
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            yield node.lineno, mod, [a.name for a in node.names]


def test_every_package_is_read():
    found = {pkg for pkg, _ in _modules()}
    assert found == set(PACKAGES)


@pytest.mark.parametrize("pkg", PACKAGES)
def test_imports_point_inward_only(pkg):
    bad = []
    for p, path in _modules():
        if p != pkg:
            continue
        for line, mod, _ in _imports(path):
            top = mod.split(".")[0]
            if top in FORBIDDEN[pkg]:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {mod}")
    assert not bad, f"{pkg} must not import {sorted(FORBIDDEN[pkg])}:\n" + "\n".join(bad)


def test_no_module_takes_another_packages_private_names():
    bad = []
    for pkg, path in _modules():
        for line, mod, names in _imports(path):
            top = mod.split(".")[0]
            if top not in PACKAGES or top == pkg:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            private += [part for part in mod.split(".")[1:] if part.startswith("_")
                        and not part.startswith("__")]
            if private:
                bad.append(f"{path.relative_to(ROOT)}:{line} takes {mod}.{', '.join(private)}")
    assert not bad, "private names of another package:\n" + "\n".join(bad)


def test_no_module_calls_a_private_function_of_another_module():
    """``areas._allowed(...)`` from tui/app.py: an attribute access to a private name of an
    imported project module. (Private methods of objects are another matter.)"""
    bad = []
    for _, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0]
                                                      in PACKAGES):
                imported.update(a.asname or a.name for a in node.names)
            elif isinstance(node, ast.Import):
                imported.update((a.asname or a.name).split(".")[0] for a in node.names
                                if a.name.split(".")[0] in PACKAGES)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in imported and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not bad, "private names of another module:\n" + "\n".join(bad)
