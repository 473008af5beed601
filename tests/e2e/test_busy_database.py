"""Several desks on one office, as real processes: a long write (a directory import) never shuts
the others out, reading never needs the write lock, and a database kept busy too long is one
Vietnamese line — never a traceback."""
from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "matkhau-2026"


def cli(home, *args, **kw) -> subprocess.Popen | subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VANPHONG_HOME", "VANPHONG_DB_URL")}
    env.update({"VANPHONG_PASSWORD": PASSWORD, **kw.pop("env", {})})
    argv = [sys.executable, "-m", "tui.cli", *args, "--home", str(home.path)]
    if kw.pop("background", False):
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


class WriteLock:
    """Another desk in the middle of a write transaction."""

    def __init__(self, home):
        self.conn = sqlite3.connect(home.db_path, timeout=30, isolation_level=None)

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("UPDATE office SET name = name")
        return self

    def __exit__(self, *exc):
        self.conn.execute("ROLLBACK")
        self.conn.close()


def write_directory(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Tên", "Loại", "Nhóm", "Điện thoại"])
        for i in range(n):
            w.writerow([f"Chi bộ thôn số {i:05d}", "Cơ quan", "Tổ chức đảng", f"0912{i:06d}"])
    return path


def test_search_works_while_another_process_holds_a_write(office, home):
    from models import documents
    documents.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 2, 8),
                                sender="Huyện ủy Yên Sơn", summary="V/v đại hội chi bộ")
    with WriteLock(home):
        r = cli(home, "search", "dai", "hoi")
    assert r.returncode == 0, r.stderr
    assert "V/v đại hội chi bộ" in r.stdout and "Traceback" not in r.stderr


def test_a_write_that_waits_too_long_is_one_vietnamese_line(office, home, tmp_path):
    data = write_directory(tmp_path / "d.csv", 3)
    with WriteLock(home):
        r = cli(home, "directory", "import", str(data), "--user", "admin")
    assert r.returncode == 75, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cơ sở dữ liệu đang bận" in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_a_long_import_lets_another_desk_register_between_batches(office, home, tmp_path):
    from models import audit, contacts, documents
    n = 20_000
    data = write_directory(tmp_path / "big.csv", n)
    gate = tmp_path / "gate"
    before = contacts.Contact.select().count()
    p = cli(home, "directory", "import", str(data), "--user", "admin", background=True,
            env={"VANPHONG_IMPORT_TEST_GATE": str(gate)})
    said: list[str] = []
    reached = threading.Event()

    def read_stderr() -> None:
        for line in p.stderr:
            said.append(line)
            if line.strip() == "gate":
                reached.set()
    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert reached.wait(120), "".join(said)     # the first batch is committed, more to come
        d = documents.register_incoming(office["clerk"], arrived_at=dt.datetime(2026, 3, 2, 9),
                                        sender="Ban Tổ chức Huyện ủy", summary="V/v nhân sự")
        assert d.arrival_no == 1
    finally:
        gate.write_text("go")
        out = p.stdout.read()
        p.wait(timeout=300)
        reader.join(30)
    assert p.returncode == 0, "".join(said)
    assert f"Đã thêm {n} mục" in out
    assert contacts.Contact.select().count() == before + n
    assert documents.Incoming.get_by_id(d.id).summary == "V/v nhân sự"
    assert audit.verify().ok                      # both desks' entries chained in order


def test_opening_a_current_database_takes_no_write_lock(office, home):
    from models.db import close_database, open_database
    with WriteLock(home):
        close_database()
        open_database(home.db_url)              # would wait for the lock, then fail
        from models import contacts
        assert contacts.Contact.select().count() >= 0
