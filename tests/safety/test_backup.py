"""Encrypted backups and their restore, with real files, real processes and the real CLI."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from models import backup, backupkey, documents
from models.errors import VanphongError
from models.filestore import FileStore
from models.home import OfficeHome
from tests.templates import copy_home

ROOT = Path(__file__).resolve().parents[2]
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    """This machine's real password store is never touched by a test."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


def cli(*args, env=None, timeout=120):
    e = {**os.environ, **NO_KEYRING, **(env or {})}
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=ROOT, env=e,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout)


def tables(db_path: Path) -> dict[str, list]:
    """Every row of every table (the FTS shadow tables included), sorted: a record-by-record picture."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def store_files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def add_docs(office, home, n=5, files=True):
    clerk = office["clerk"]
    store = FileStore(home.files)
    out = []
    for i in range(n):
        d = documents.register_incoming(clerk, sender="Huyện ủy Yên Sơn",
                                        summary=f"Về việc số {i} — đảng phí")
        if files:
            f = home.path.parent / f"scan-{i}.pdf"
            f.write_bytes(b"%PDF-1.4\n" + os.urandom(50_000 + i))
            documents.attach_file(clerk, store, d, f)
        out.append(d)
    return out


def test_round_trip_reproduces_every_record_and_file_bit_for_bit(office, home, tmp_path):
    add_docs(office, home)
    r = backup.create_backup(home, tmp_path / "b" / "one.vpbak")
    assert "không có kho mật khẩu" in r.notice and (home.path / "backup.key").exists()
    assert stat.S_IMODE((home.path / "backup.key").stat().st_mode) == 0o600
    assert stat.S_IMODE(r.path.stat().st_mode) == 0o600
    assert r.files == 5
    raw = r.path.read_bytes()
    assert b"Huy" not in raw and b"%PDF" not in raw          # nothing readable without the key

    key = backup.restore_key(r.path, key_file=home.path / "backup.key")
    new = OfficeHome(tmp_path / "restored")
    m = backup.restore(r.path, new, key)
    assert m["audit_head"][0] > 0
    assert tables(new.db_path) == tables(home.db_path)
    assert store_files(new.files) == store_files(home.files)
    # the restored office makes backups with the same key
    assert backupkey.read_record(new)["key_id"] == backupkey.key_id(key)


def test_round_trip_while_another_process_writes(office, home, tmp_path):
    add_docs(office, home, 2)
    w = subprocess.Popen([sys.executable, "-m", "tests.safety.writer", str(home.path), "w", "0",
                          "--files", "--stop", str(tmp_path / "stop")],
                         cwd=ROOT, stdout=subprocess.PIPE, text=True)
    saved = []
    try:
        for line in w.stdout:                      # wait until it has written some, with files
            if line.startswith("SAVED"):
                saved.append(line.split())
                if len(saved) >= 9:
                    break
        r = backup.create_backup(home, tmp_path / "live.vpbak")
        (tmp_path / "stop").write_text("")
        rest = w.communicate(timeout=120)[0]
    finally:
        if w.poll() is None:
            w.kill()
    assert "ERROR" not in rest
    new = OfficeHome(tmp_path / "restored")
    backup.restore(r.path, new, backup.restore_key(r.path, key_file=home.path / "backup.key"))
    got, live = tables(new.db_path), tables(home.db_path)
    # a consistent moment of the live office: every row it has is in the live database as is
    for name, rows in got.items():
        if "_fts_" in name:                        # the search index's own pages get merged
            continue
        assert set(rows) <= set(live[name]), name
    assert len(got["incoming"]) >= 2 + 9
    # arrival numbers in the snapshot are 1..n without a gap (no half transaction was caught)
    con = sqlite3.connect(new.db_path)
    nos = [n for (n,) in con.execute("SELECT arrival_no FROM incoming ORDER BY arrival_no")]
    rels = [r for (r,) in con.execute("SELECT rel_path FROM stored_file")]
    con.close()
    assert nos == list(range(1, len(nos) + 1))
    for rel in rels:                               # every file the snapshot names, bit for bit
        assert (new.files / rel).read_bytes() == (home.files / rel).read_bytes()
    assert cli("check", "--full", "--home", new.path).returncode == 0


def test_wrong_key_is_refused_and_nothing_is_touched(office, home, tmp_path):
    add_docs(office, home, 2)
    r = backup.create_backup(home, tmp_path / "x.vpbak")
    other = os.urandom(32)
    target = tmp_path / "new"
    with pytest.raises(VanphongError, match="Khóa không đúng"):
        backup.restore(r.path, OfficeHome(target), other)
    assert not target.exists()
    # the CLI says the same in one line, exit 2
    p = cli("restore", r.path, "--home", target, "--key", backupkey.to_text(other))
    assert p.returncode == 2 and "Khóa không đúng" in p.stderr and "Traceback" not in p.stderr
    assert not target.exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "append"])
def test_damaged_archive_is_refused_and_nothing_is_touched(office, home, tmp_path, damage):
    add_docs(office, home, 3)
    r = backup.create_backup(home, tmp_path / "x.vpbak")
    data = bytearray(r.path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        del data[-1000:]
    elif damage == "header":
        data[30] ^= 0x01                            # inside the JSON header (its salt)
    else:
        data += b"\0" * 10
    r.path.write_bytes(bytes(data))
    target = tmp_path / "new"
    target.mkdir()                                  # an empty folder stays empty
    key = backupkey.from_text((home.path / "backup.key").read_text())
    with pytest.raises(VanphongError, match="hỏng|không đúng") as e:
        backup.restore(r.path, OfficeHome(target), key)
    assert "Traceback" not in str(e.value)
    assert list(target.iterdir()) == []
    p = cli("restore", r.path, "--home", target, "--key-file", home.path / "backup.key")
    assert p.returncode == 2 and ("hỏng" in p.stderr or "không đúng" in p.stderr)
    assert list(target.iterdir()) == []


def test_restore_refuses_a_home_that_is_not_empty(office, home, tmp_path):
    r = backup.create_backup(home, tmp_path / "x.vpbak")
    key = backupkey.from_text((home.path / "backup.key").read_text())
    with pytest.raises(VanphongError, match="không trống"):
        backup.restore(r.path, home, key)


def test_headless_fallback_does_not_hang_and_uses_a_key_file(tmp_path, cli_demo):
    """No password store, no terminal, stdin closed: the backup runs to the end, says where the
    key went, and the key file is owner-only."""
    h = copy_home(cli_demo[0], tmp_path / "office")           # `vanphong demo`'s office
    p = cli("backup", "--home", h, "--out", tmp_path / "b.vpbak")
    assert p.returncode == 0, p.stderr
    assert "không có kho mật khẩu" in p.stderr and "backup.key" in p.stderr
    assert stat.S_IMODE((h / "backup.key").stat().st_mode) == 0o600
    w = cli("backup-key", "--home", h)
    assert "tệp" in w.stdout and "không dùng được" in w.stdout
    # a passphrase office without a terminal is told what to do, never waits
    h2 = copy_home(cli_demo[0], tmp_path / "office2")
    from models.db import close_database, open_database
    from models import office as office_mod, users
    open_database(OfficeHome(h2).db_url)
    admin = users.User.get(users.User.username == "admin")
    office_mod.set_setting(admin, "backup.key_store", "passphrase")
    close_database()
    p = cli("backup", "--home", h2, "--out", tmp_path / "c.vpbak")
    assert p.returncode == 2 and "VANPHONG_BACKUP_PASSPHRASE" in p.stderr


def test_passphrase_office_round_trip(office, home, tmp_path, monkeypatch):
    from models import office as office_mod
    add_docs(office, home, 1)
    office_mod.set_setting(office["admin"], "backup.key_store", "passphrase")
    monkeypatch.setenv(backupkey.PASSPHRASE_ENV, "cây đa giếng nước sân đình")
    r = backup.create_backup(home, tmp_path / "p.vpbak")
    assert not (home.path / "backup.key").exists()
    monkeypatch.delenv(backupkey.PASSPHRASE_ENV)
    with pytest.raises(VanphongError, match="Khóa không đúng"):
        backup.verify_backup(r.path, backup.restore_key(r.path, passphrase="sai mật khẩu rồi"))
    key = backup.restore_key(r.path, passphrase="cây đa giếng nước sân đình")
    backup.restore(r.path, OfficeHome(tmp_path / "n"), key)
    assert tables(OfficeHome(tmp_path / "n").db_path)["incoming"] == tables(home.db_path)["incoming"]
    # the restored office's anchors still carry a signature it can check
    p = cli("check", "--home", tmp_path / "n")
    assert p.returncode == 0, p.stderr


def test_key_in_a_password_store_is_found_by_its_id_on_restore(office, home, tmp_path, monkeypatch):
    """A working keyring holds the key (no key file); restore on the same computer finds it."""
    import keyring
    from tests.keyring_file import FileKeyring
    monkeypatch.setenv("VANPHONG_TEST_KEYRING", str(tmp_path / "kr.json"))
    keyring.set_keyring(FileKeyring())
    r = backup.create_backup(home, tmp_path / "k.vpbak")
    assert r.notice == "" and not (home.path / "backup.key").exists()
    assert "backup-key:" in (tmp_path / "kr.json").read_text()
    key = backup.restore_key(r.path)
    backup.restore(r.path, OfficeHome(tmp_path / "n"), key)
    assert "kho mật khẩu" in backupkey.where(home)


def test_keep_prunes_the_oldest(office, home, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu")
    made = [backup.create_backup(home, folder, keep=2).path for _ in range(3)]
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([made[1].name, made[2].name, "ghi-chu.txt"])


def test_a_killed_backups_snapshot_and_its_journal_are_cleared_by_the_next(office, home, tmp_path):
    """A backup killed while copying the database leaves its snapshot and SQLite's companion
    files (-journal, -wal, -shm); the next backup removes them all, and leaves alone those of a
    backup still running."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()                                       # a process that has ended: its pid is free
    alive = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    try:
        dead = [f".backup-snapshot-{gone.pid}-abc_12{end}" for end in
                (".sqlite3", ".sqlite3-journal", ".sqlite3-wal", ".sqlite3-shm")]
        dead.append(f".backup-snapshot-{gone.pid}-orphan9.sqlite3-journal")   # its file already gone
        live = [f".backup-snapshot-{alive.pid}-xyz_34{end}" for end in (".sqlite3", ".sqlite3-journal")]
        for name in dead + live:
            (home.path / name).write_bytes(b"half a copy")
        backup.create_backup(home, tmp_path / "usb")
        left = sorted(p.name for p in home.path.glob(".backup-snapshot-*"))
        assert left == sorted(live)
    finally:
        alive.stdin.close()
        alive.wait()


def test_recovery_sheet_holds_the_key(office, home, tmp_path):
    from pypdf import PdfReader
    backup.create_backup(home, tmp_path / "x.vpbak")
    p = cli("backup-key", "--home", home.path, "--sheet", tmp_path / "sheet.pdf")
    assert p.returncode == 0, p.stderr
    text = "".join(pg.extract_text() for pg in PdfReader(tmp_path / "sheet.pdf").pages)
    key_text = (home.path / "backup.key").read_text().split()
    assert all(g in text for g in key_text)
    assert "TỜ KHÔI PHỤC" in text
    # typed back from the sheet, the key opens the backup
    kept = (home.path / "backup.key").read_text()
    assert backupkey.from_text(" ".join(key_text)) == backupkey.from_text(kept)
