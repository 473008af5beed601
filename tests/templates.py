"""Offices built once per test run and copied for each test that needs one.

Making an office is the same work every time: 140 tables created, five accounts whose passwords
are hashed with the production scrypt cost, the demo's year of records (about 13 s of CPU). A test
gets a *copy* of an office built once in this run by the same code — the database file and the
home's folders, owner-only (0700/0600) as the program makes them — instead of building its own.
What a test checks is unchanged: the copy is the office it would have built, and it is its own.

The templates live in a folder shared by the run's pytest-xdist workers: the first worker that
needs one builds it (others wait for the finished folder, whose rename is the marker), and the
folder goes with pytest's temporary folders. Nothing is kept between runs: every run builds
its templates with the code under test.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
# A safety net, not a speed limit: how long a worker waits for another worker's template.
PATIENCE = float(os.environ.get("VANPHONG_TEST_PATIENCE", "120"))

_run_dir: Path | None = None


def run_dir(tmp_path_factory) -> Path:
    """The folder of this run's templates, shared by its xdist workers (their temporary
    folders are side by side under the run's own)."""
    global _run_dir
    if _run_dir is None:
        base = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            base = base.parent
        d = base / "office-templates"
        d.mkdir(mode=0o700, exist_ok=True)
        _run_dir = d
    return _run_dir


def build_once(root: Path, key: str, build: Callable[[Path], None]) -> Path:
    """The folder ``root/key``, made by ``build(folder)`` once in this run, whichever worker
    asks first; the others wait until it is there."""
    final = root / key
    deadline = time.monotonic() + 5 * PATIENCE
    while not final.is_dir():
        lock = root / f"{key}.building"
        try:
            lock.mkdir()
        except FileExistsError:         # another worker builds it: wait for its rename
            while lock.exists() and not final.is_dir():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"template {key} not built by another worker in time") from None
                time.sleep(0.05)
            continue                    # built, or its builder failed: then build here
        try:
            tmp = root / f"{key}.tmp-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            build(tmp)
            os.rename(tmp, final)
        finally:
            lock.rmdir()
    return final


def copy_home(template: Path, dest: Path) -> Path:
    """Copy a template home into ``dest`` (new, or an empty folder): its files and folders
    keep their owner-only modes."""
    shutil.copytree(template, dest, dirs_exist_ok=True)
    os.chmod(dest, stat.S_IMODE(template.stat().st_mode))
    return dest


def copy_database(template: Path, home) -> None:
    """Put the template's database in ``home`` (an OfficeHome whose database is closed)."""
    from models.home import DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(str(home.db_path) + suffix).unlink(missing_ok=True)
    # a new file renamed into place, not the old one overwritten: SQLite shares one -shm mapping
    # per file (inode) in a process, so a connection still open on the old file would keep this
    # process reading a deleted -shm, blind to what other processes commit
    tmp = Path(str(home.db_path) + ".copy")
    shutil.copyfile(template / DB_NAME, tmp)
    os.chmod(tmp, 0o600)
    os.replace(tmp, home.db_path)


def _closed_cleanly(folder: Path) -> None:
    """A template's database is one file: its write-ahead log was folded in when it closed."""
    from models.home import DB_NAME
    left = [p.name for p in folder.iterdir() if p.name.startswith(DB_NAME + "-")]
    assert not left, f"template database not closed cleanly: {left}"


def build_in_process(folder: Path, fill: Callable[[], None] | None) -> None:
    """A home at ``folder``: its database created and migrated by ``open_database``, then
    ``fill()`` run on it; closed. The caller opens its own database again afterwards."""
    from models.db import close_database, open_database
    from models.home import OfficeHome
    h = OfficeHome(folder).ensure()
    open_database(h.db_url)
    try:
        if fill is not None:
            fill()
    finally:
        close_database()
    _closed_cleanly(folder)


def cli_env() -> dict:
    """The environment the end-to-end tests give the program: no home or server from outside."""
    return {k: v for k, v in os.environ.items() if k not in ("VANPHONG_HOME", "VANPHONG_DB_URL")}


def build_cli_demo(folder: Path) -> None:
    """``vanphong demo --home folder/home``, the command a user types, as its own process; what
    it printed goes to ``folder/stdout.txt``."""
    folder.mkdir(mode=0o700)
    home = folder / "home"
    env = {**cli_env(), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # not this PC's
    p = subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--home", str(home)], cwd=ROOT,
                       env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       timeout=10 * PATIENCE)
    assert p.returncode == 0, p.stderr
    (folder / "stdout.txt").write_text(p.stdout)
    _closed_cleanly(home)
