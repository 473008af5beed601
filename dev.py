#!/usr/bin/env python3
"""One front door for a checkout: sets up what is missing, then runs.

    python3 dev.py [ARGS...]      open the app (ARGS go to `vanphong`, e.g. `demo`)
    python3 dev.py test [ARGS]    lint (ruff), type-check (mypy), then run the whole test suite
                                  in parallel (ARGS go to pytest); non-zero if any of the three fails
    python3 dev.py pytest [ARGS]  only the tests (ARGS go to pytest), for a quick round while editing

Only Python 3.11+ with pip/venv is assumed. A private virtual environment is made in
`.venv/` and the project is installed into it (editable, with test extras) whenever
pyproject.toml changed since the last install.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".vanphong-installed"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_env() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("vanphong cần Python 3.11 trở lên (đang chạy %d.%d)." % sys.version_info[:2])
    py = _venv_python()
    if not py.exists():
        print("Đang tạo môi trường .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    have = STAMP.read_text().strip() if STAMP.exists() else ""
    if have != want:
        print("Đang cài đặt các gói cần thiết ...", file=sys.stderr)
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"])
        STAMP.write_text(want)
    return py


def _pytest(py: Path, args: list[str]) -> list[str]:
    # in parallel, one worker per core (pytest-xdist); `-n 0` among ARGS runs serially
    return [str(py), "-m", "pytest", "-q", "-n", "auto", *args]


def run_checks(py: Path, pytest_args: list[str]) -> int:
    """ruff, then mypy, then pytest, each run whatever the one before gave (so one round shows
    every kind of failure); pytest goes last so its summary is what the terminal ends on."""
    steps = [
        ("ruff", [str(py), "-m", "ruff", "check", "."]),
        ("mypy", [str(py), "-m", "mypy"]),
        ("pytest", _pytest(py, pytest_args)),
    ]
    failed = []
    for name, cmd in steps:
        if failed:
            print(f"== {name} (after {' and '.join(failed)} failed: see above)", file=sys.stderr, flush=True)
        else:
            print(f"== {name}", file=sys.stderr, flush=True)
        if subprocess.call(cmd, cwd=ROOT) != 0:
            failed.append(name)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    py = ensure_env()
    if argv[:1] == ["test"]:
        return run_checks(py, argv[1:])
    if argv[:1] == ["pytest"]:
        return subprocess.call(_pytest(py, argv[1:]), cwd=ROOT)
    return subprocess.call([str(py), "-m", "tui.cli", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
