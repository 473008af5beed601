"""Power cuts and load, with real processes.

Kill loop: desks registering documents (with files) and a backup are killed with SIGKILL at
random points, again and again; after each "restart" everything a desk reported as saved is
there, numbering has no gap, and `check --full` is clean.

Load (slow): two desks and the scanner intake write at once; no "database is locked" reaches
anyone, nothing is lost, arrival numbers run without a gap.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONUNBUFFERED": "1"}


class Proc:
    def __init__(self, *args):
        self.p = subprocess.Popen([sys.executable, "-m", *map(str, args)], cwd=ROOT, env=ENV,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  stdin=subprocess.DEVNULL)
        self.out: list[str] = []
        self.err: list[str] = []
        self._new = threading.Condition()
        self._t = [threading.Thread(target=self._pump, args=(s, buf), daemon=True)
                   for s, buf in ((self.p.stdout, self.out), (self.p.stderr, self.err))]
        for t in self._t:
            t.start()

    def _pump(self, stream, buf):
        for line in stream:
            with self._new:
                buf.append(line.rstrip("\n"))
                self._new.notify_all()
        with self._new:
            self._new.notify_all()

    def wait_lines(self, prefix: str, n: int, timeout: float = 120) -> bool:
        """Until ``n`` lines starting with ``prefix`` were printed (or the process ended)."""
        end = time.monotonic() + timeout
        with self._new:
            while sum(line.startswith(prefix) for line in self.out) < n:
                if self.p.poll() is not None and all(not t.is_alive() for t in self._t[:1]):
                    return False
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._new.wait(min(left, 1))
        return True

    def kill(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGKILL)
        self.p.wait(30)
        for t in self._t:
            t.join(5)

    def saved(self) -> list[tuple[int, int, str]]:
        out = []
        for line in self.out:
            if line.startswith("SAVED "):
                _, did, no, summary = line.split(" ", 3)
                out.append((int(did), int(no), summary))
        return out


def rows(db_path: Path) -> dict[int, tuple[int, str]]:
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return {i: (no, s) for i, no, s in con.execute("SELECT id, arrival_no, summary FROM incoming")}
    finally:
        con.close()


def check_clean(home: Path) -> None:
    """The office after a restart: a writer killed between linking its file and committing its
    row leaves an orphan file, which every start removes (as `check --fix` does); anything else
    `check --full` finds is a real problem and fails the test."""
    p = subprocess.run([sys.executable, "-m", "tui.cli", "check", "--full", "--fix", "--home", str(home)],
                       cwd=ROOT, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       timeout=300)
    assert p.returncode == 0, p.stderr


def test_kill_loop_loses_nothing_reported_saved(office, home, tmp_path):
    from models import backup, backupkey
    from models.db import close_database
    close_database()                          # this process only looks, between the rounds
    rng = random.Random(20261202)
    saved: list[tuple[int, int, str]] = []
    folder = tmp_path / "backups"
    for rnd in range(8):
        w = Proc("tests.safety.writer", home.path, f"r{rnd}", 0, "--files")
        b = Proc("tui.cli", "backup", "--home", home.path, "--out", folder) if rnd % 2 else None
        try:
            assert w.wait_lines("SAVED", rng.randint(1, 12)), w.err
            time.sleep(rng.random() * 0.05)   # a random point inside the next write
        finally:
            w.kill()
            if b is not None:
                b.kill()
        assert not [line for line in w.out if line.startswith("ERROR")]
        saved += w.saved()
        got = rows(home.db_path)              # the "restart": what is on disk now
        for did, no, summary in saved:
            assert got.get(did) == (no, summary), f"round {rnd}: {summary} reported saved, lost"
        nos = sorted(no for no, _ in got.values())
        assert nos == list(range(1, len(nos) + 1))
    check_clean(home.path)
    # a backup killed half-way leaves no file under a backup's name; each one there is whole
    done = subprocess.run([sys.executable, "-m", "tui.cli", "backup", "--home", str(home.path),
                           "--out", str(folder)], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)
    assert done.returncode == 0, done.stderr
    key = backupkey.from_text((home.path / "backup.key").read_text())
    made = backup.list_backups(folder)
    assert made
    for p in made:
        backup.verify_backup(p, key)
    assert not list(home.path.glob(".backup-snapshot-*"))     # the killed runs' snapshots cleared
    from models.home import OfficeHome
    new = OfficeHome(tmp_path / "restored")
    backup.restore(made[-1], new, key)
    assert rows(new.db_path) == rows(home.db_path)


@pytest.mark.slow
def test_three_writers_no_lock_error_no_loss_no_gap(office, home, tmp_path):
    from models.db import close_database
    sys.path.insert(0, str(ROOT / "tests" / "intake"))
    from intake_helpers import pdf_bytes
    close_database()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    n_desk, n_scans = 600, 100
    intake = Proc("tui.cli", "intake", "--home", home.path, "--inbox", inbox, "--quiet", "0.3",
                  "--rescan", "1")
    desks = [Proc("tests.safety.writer", home.path, f"ban{i}", n_desk, "--files") for i in (1, 2)]
    try:
        for i in range(n_scans):                         # scans arrive while the desks write
            (inbox / f"scan{i:03d}.pdf").write_bytes(pdf_bytes(f"tai {i}"))
            desks[0].wait_lines("SAVED", min(n_desk, 4 * (i + 1)))
        for d in desks:
            assert d.wait_lines("DONE", 1, timeout=600), d.err
        end = time.monotonic() + 300
        while time.monotonic() < end:
            con = sqlite3.connect(home.db_path, timeout=30)
            scans = con.execute("SELECT COUNT(*) FROM incoming WHERE source='scan'").fetchone()[0]
            con.close()
            if scans >= n_scans:
                break
            time.sleep(0.5)                               # polling a row count, not a stopwatch
    finally:
        intake.p.send_signal(signal.SIGTERM)
        intake.p.wait(30)
        for d in desks:
            d.kill()
    everything = "\n".join(intake.out + intake.err + [x for d in desks for x in d.out + d.err])
    assert "locked" not in everything and "ERROR" not in everything
    got = rows(home.db_path)
    for d in desks:
        assert len(d.saved()) == n_desk
        for did, no, summary in d.saved():
            assert got[did] == (no, summary)
    assert sum(1 for _no, s in got.values() if s.startswith("ban")) == 2 * n_desk
    assert scans == n_scans
    nos = sorted(no for no, _ in got.values())
    assert nos == list(range(1, len(nos) + 1))
    check_clean(home.path)
