"""Real processes: two intakes on one inbox and database, and intakes killed half-way.

Each scenario runs ``python3 -m tui.cli intake …`` as a subprocess, as the office would (the TUI
on one desk and the service on another, or the service restarted after a power cut).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from intake_helpers import inbox_files, ledger, pdf_bytes, registered, wait_for

ROOT = Path(__file__).resolve().parents[2]


class Proc:
    """A running `vanphong intake` with its output collected line by line."""

    def __init__(self, home: Path, inbox: Path, *args: str, env: dict | None = None):
        cmd = [sys.executable, "-m", "tui.cli", "intake", "--home", str(home), "--inbox", str(inbox),
               "--quiet", "0.3", "--rescan", "1", *args]
        self.p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, encoding="utf-8",
                                  env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
        self.out: list[str] = []
        self.err: list[str] = []
        self._t = [threading.Thread(target=self._pump, args=(s, lines), daemon=True)
                   for s, lines in ((self.p.stdout, self.out), (self.p.stderr, self.err))]
        for t in self._t:
            t.start()

    @staticmethod
    def _pump(stream, lines):
        for line in stream:
            lines.append(line.rstrip("\n"))

    def has(self, text: str, where: str = "out") -> bool:
        return any(text in line for line in (self.out if where == "out" else self.err))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.out)

    def stop(self, sig=signal.SIGTERM, timeout: float = 10) -> int:
        if self.p.poll() is None:
            self.p.send_signal(sig)
        rc = self.p.wait(timeout)
        for t in self._t:
            t.join(2)
        return rc


@pytest.fixture
def office_home(office, home):
    return home.path


def parked(inbox: Path) -> list[Path]:
    return [p for p in (inbox / ".processing").rglob("*") if p.is_file() and p.name != ".owner"]


@pytest.mark.slow
def test_two_intakes_at_once_register_each_file_exactly_once(office_home, inbox):
    a = Proc(office_home, inbox)
    b = Proc(office_home, inbox, "--polling")      # the other desk polls (network share)
    try:
        assert wait_for(lambda: a.has("Đang theo dõi") and b.has("Đang theo dõi"), 20)
        n = 120
        (inbox / "Tỉnh ủy").mkdir()
        for i in range(n):
            sub = inbox / "Tỉnh ủy" if i % 4 == 0 else inbox
            (sub / f"scan{i:03d}.pdf").write_bytes(pdf_bytes(f"two desks {i}"))
        # the same content saved twice under two names: one registration, one duplicate
        (inbox / "x1.pdf").write_bytes(pdf_bytes("same"))
        (inbox / "x2.pdf").write_bytes(pdf_bytes("same"))
        assert wait_for(lambda: len(ledger()) == n + 1 and a.count("Không nhận") + b.count("Không nhận") == 1,
                        40, 0.2), (len(ledger()), a.out[-3:], b.out[-3:])
        # both desks are done with every file: nothing left in the folder or parked
        assert wait_for(lambda: inbox_files(inbox) == [] and parked(inbox) == [], 20)
    finally:
        rca, rcb = a.stop(), b.stop()
    assert (rca, rcb) == (0, 0), (a.err, b.err)
    docs = registered()
    assert len(docs) == n + 1
    assert sorted(d.arrival_no for d in docs) == list(range(1, n + 2))
    print("desk A registered", a.count("Đã vào sổ"), "desk B", b.count("Đã vào sổ"))
    assert a.count("Đã vào sổ") + b.count("Đã vào sổ") == n + 1
    assert sum(d.sender == "Tỉnh ủy" for d in docs) == n // 4
    assert inbox_files(inbox) == [] and parked(inbox) == []
    assert [p.name for p in (inbox / "failed" / "duplicates").iterdir() if p.suffix == ".pdf"] in (
        ["x1.pdf"], ["x2.pdf"])


@pytest.mark.slow
@pytest.mark.parametrize("point", ["after_claim", "after_hash", "in_txn", "after_commit"])
def test_killed_half_way_then_restarted_each_file_once_none_lost(office_home, inbox, point):
    names = ["a.pdf", "b.pdf", "c.pdf"]
    for i, n in enumerate(names):
        (inbox / n).write_bytes(pdf_bytes(f"kill {point} {i}"))
    p = Proc(office_home, inbox, env={"VANPHONG_INTAKE_TEST_PAUSE": f"{point}:60"})
    try:
        assert wait_for(lambda: p.has(f"VANPHONG_TEST_PAUSE {point}", "err"), 20), (p.out, p.err)
    finally:
        p.stop(signal.SIGKILL)
    # the files it was working on are parked (files settled together are claimed as a batch)
    held = len(parked(inbox))
    assert 1 <= held <= len(names)
    # the batch commits together: all of it or none of it is in the ledger
    assert len(ledger()) == (held if point == "after_commit" else 0)
    # restart (no hook): the parked file is recovered, the others taken in
    r = subprocess.run([sys.executable, "-m", "tui.cli", "intake", "--home", str(office_home),
                        "--inbox", str(inbox), "--once", "--quiet", "0.3"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 0, r.stderr
    rows = ledger()
    assert sorted(row.name for row in rows) == names
    assert len(registered()) == 3
    assert inbox_files(inbox) == [] and parked(inbox) == []
    assert "Không nhận" not in r.stdout                       # no false duplicate
    if point == "after_commit":
        assert "trước khi chương trình dừng đột ngột" in r.stdout
    assert [d for d in (inbox / ".processing").iterdir()] == []   # the dead intake's folder is gone


@pytest.mark.slow
def test_a_live_intake_takes_over_the_files_of_one_that_died(office_home, inbox):
    (inbox / "a.pdf").write_bytes(pdf_bytes("takeover"))
    dying = Proc(office_home, inbox, env={"VANPHONG_INTAKE_TEST_PAUSE": "after_hash:60"})
    try:
        assert wait_for(lambda: dying.has("VANPHONG_TEST_PAUSE after_hash", "err"), 20)
    finally:
        dying.stop(signal.SIGKILL)
    assert len(parked(inbox)) == 1
    live = Proc(office_home, inbox)
    try:
        assert wait_for(lambda: live.has("Đã vào sổ"), 15), live.out
    finally:
        live.stop()
    assert [r.name for r in ledger()] == ["a.pdf"] and parked(inbox) == []


def test_claims_orphans_of_dead_processes_only(tmp_path):
    from intake.claim import ClaimDir
    inbox = tmp_path / "inbox"
    (inbox / "Tỉnh ủy").mkdir(parents=True)
    (inbox / "Tỉnh ủy" / "a.pdf").write_bytes(b"x")
    code = ("import sys, time; from pathlib import Path; from intake.claim import ClaimDir;"
            "c = ClaimDir(Path(sys.argv[1])).open(); c.claim(Path(sys.argv[1]) / 'Tỉnh ủy' / 'a.pdf');"
            "print(c.name, flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code, str(inbox)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        name = child.stdout.readline().strip()
        me = ClaimDir(inbox).open()
        assert me.orphans() == []                  # alive: its lock is held
    finally:
        child.kill()
        child.wait()
    [orphan] = me.orphans()
    assert orphan.name == name
    [c] = me.recover(orphan)
    assert c.recovered and c.rel == Path("Tỉnh ủy/a.pdf") and c.path.read_bytes() == b"x"
    assert not orphan.exists()
    me.close()


def test_cli_reports_an_unusable_inbox_in_one_line(office_home, tmp_path):
    f = tmp_path / "không phải thư mục"
    f.write_text("x")
    r = subprocess.run([sys.executable, "-m", "tui.cli", "intake", "--home", str(office_home),
                        "--inbox", str(f), "--once"], cwd=ROOT, capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("vanphong: Không dùng được thư mục nhận bản quét")
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
