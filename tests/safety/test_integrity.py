"""`vanphong check` and the audit anchors: what a broken office looks like to the person checking."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import audit, documents, integrity
from models.db import db
from models.documents import find_orphans
from models.filestore import FileStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


def cli(*args):
    e = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=ROOT, env=e,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def with_file(office, home, name="a.pdf", size=4000):
    f = home.path.parent / name
    f.write_bytes(b"%PDF-1.4\n" + os.urandom(size))
    d = documents.register_incoming(office["clerk"], sender="Xã đoàn", summary="Kế hoạch")
    a = documents.attach_file(office["clerk"], FileStore(home.files), d, f)
    return home.files / a.file.rel_path


def test_clean_office_passes_both_checks(office, home):
    with_file(office, home)
    assert integrity.check(home).ok
    r = integrity.check(home, full=True)
    assert r.ok and r.files_checked == 1 and r.audit_entries > 0
    p = cli("check", "--full", "--home", home.path)
    assert p.returncode == 0 and "nguyên vẹn" in p.stdout


def test_changed_file_is_found_by_its_checksum(office, home):
    p = with_file(office, home)
    data = bytearray(p.read_bytes())
    data[100] ^= 1                                   # same size: only the checksum tells
    p.write_bytes(bytes(data))
    assert integrity.check(home).ok                  # the quick form looks at sizes only
    r = integrity.check(home, full=True)
    assert [x.kind for x in r.problems] == ["file_checksum"]
    out = cli("check", "--full", "--home", home.path)
    assert out.returncode == 1 and "bị thay đổi" in out.stderr


def test_missing_and_truncated_files_are_found_quickly(office, home):
    a = with_file(office, home, "a.pdf")
    b = with_file(office, home, "b.pdf", 5000)
    a.unlink()
    b.write_bytes(b"cut")
    kinds = sorted(x.kind for x in integrity.check(home).problems)
    assert kinds == ["file_missing", "file_size"]


def test_orphan_is_listed_and_removed_with_fix(office, home):
    with_file(office, home)
    store = FileStore(home.files)
    orphan = home.files / "ab" / ("ab" + "0" * 62 + ".pdf")   # copied in, then rolled back
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left behind")
    young = home.files / "cd" / (".cd" + "1" * 62 + ".pdf.123.tmp")   # a copy still in progress
    young.parent.mkdir(parents=True, exist_ok=True)
    young.write_bytes(b"being registered")
    assert [store.path(o.rel) for o in find_orphans(store)] == [orphan]
    p = cli("check", "--home", home.path)
    assert p.returncode == 1 and "Tệp thừa" in p.stderr and orphan.name in p.stderr
    p = cli("check", "--fix", "--home", home.path)
    assert p.returncode == 0 and "Đã xóa tệp thừa" in p.stdout
    assert not orphan.exists() and young.exists()


def _drop_guards():
    db.execute_sql("DROP TRIGGER audit_entry_no_delete")
    db.execute_sql("DROP TRIGGER audit_entry_no_update")


def test_cut_chain_is_caught_by_its_anchor(office, home):
    for i in range(3):
        documents.register_incoming(office["clerk"], sender="Huyện ủy", summary=f"Số {i}")
    seq, _h = audit.head()
    audit.record_anchor(home, why="start")
    _drop_guards()
    db.execute_sql("DELETE FROM audit_entry WHERE seq > ?", (seq - 2,))
    assert audit.verify().ok                         # the chain alone cannot tell
    problems = audit.verify_anchors(home)
    assert problems and "ngắn hơn mốc neo" in problems[0]
    p = cli("audit", "verify", "--home", home.path)
    assert p.returncode == 1 and "ngắn hơn mốc neo" in p.stderr
    assert [x.kind for x in integrity.check(home).problems] == ["anchor"]


def test_recomputed_chain_is_caught_by_its_anchor(office, home):
    for i in range(4):
        documents.register_incoming(office["clerk"], sender="Huyện ủy", summary=f"Số {i}")
    audit.record_anchor(home, why="backup")
    _drop_guards()
    # edit entry 3, then recompute every hash after it, as a careful forger would
    rows = db.execute_sql("SELECT seq, at, username, action, table_name, record_id, old, new "
                          "FROM audit_entry ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for seq, at, user, action, table, rid, old, new in rows:
        if seq == 3:
            user = "nguoi-khac"
        at_s = at.replace(" ", "T") if isinstance(at, str) else at.isoformat()
        h = audit._digest(seq, at_s, user, action, table, rid, old, new, prev)
        db.execute_sql("UPDATE audit_entry SET username=?, prev_hash=?, hash=? WHERE seq=?",
                       (user, prev, h, seq))
        prev = h
    assert audit.verify().ok
    problems = audit.verify_anchors(home)
    assert problems and "không còn khớp mốc neo" in problems[0]
    p = cli("audit", "verify", "--home", home.path)
    assert p.returncode == 1 and "tính lại" in p.stderr


def test_forged_anchor_is_not_trusted(office, home):
    documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    audit.record_anchor(home)
    path = audit.anchors_path(home)
    path.write_text(path.read_text().replace('"seq": ', '"seq": 9', 1))
    problems = audit.verify_anchors(home)
    assert problems == ["một mốc neo nhật ký bị sửa hoặc không mang chữ ký của văn phòng"]


def test_backup_carries_an_anchor(office, home, tmp_path):
    from models import backup
    documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    r = backup.create_backup(home, tmp_path / "x.vpbak")
    anchors = audit.read_anchors(home)
    assert anchors[-1]["why"] == "backup" and anchors[-1]["seq"] == r.audit_seq
    from models import backupkey
    m = backup.verify_backup(r.path, backupkey.load_key(home).key)
    assert m["anchor"] == anchors[-1]


def test_printed_register_book_carries_and_records_an_anchor(office, home, tmp_path):
    import unicodedata
    from pypdf import PdfReader
    documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Một")
    seq, _h = audit.head()
    out = tmp_path / "so.pdf"
    p = cli("print", "register", "incoming", "--home", home.path, "--out", out)
    assert p.returncode == 0, p.stderr
    text = unicodedata.normalize("NFC", " ".join(pg.extract_text() for pg in PdfReader(out).pages))
    last = audit.read_anchors(home)[-1]                # the print itself may be logged first
    assert last["why"] == "register-book" and last["seq"] >= seq
    assert f"đến mục số {last['seq']}, mã {last['hash'][:16]}" in " ".join(text.split())
    assert audit.verify_anchors(home) == []


def _recompute_from(first: int, edit=None):
    rows = db.execute_sql("SELECT seq, at, username, action, table_name, record_id, old, new "
                          "FROM audit_entry ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for seq, at, user, action, table, rid, old, new in rows:
        if edit and seq == first:
            old, new = edit(old, new)
        at_s = at.replace(" ", "T") if isinstance(at, str) else at.isoformat()
        h = audit._digest(seq, at_s, user, action, table, rid, old, new, prev)
        db.execute_sql("UPDATE audit_entry SET old=?, new=?, prev_hash=?, hash=? WHERE seq=?",
                       (old, new, prev, h, seq))
        prev = h


def test_a_rewrite_by_the_program_is_explained_a_forged_one_is_not(office, home):
    """Hiding secret text rewrites old entries, appends a "reanchor" entry and signs the new head:
    the anchors before stay explained. The same entry written by a forger, with no signed
    anchor after it, explains nothing."""
    for i in range(3):
        documents.register_incoming(office["clerk"], sender="Huyện ủy", summary=f"Số {i}")
    audit.record_anchor(home, why="start")
    _drop_guards()
    _recompute_from(3, lambda old, new: (old, (new or "") + " "))
    audit.append(None, "reanchor", "audit_entry", None, {"head_hash": "x"},
                 {"from_seq": 3, "entries": 1, "reason": "ẩn văn bản mật"})
    forged = audit.verify_anchors(home)
    assert forged and "không còn khớp" in forged[0]
    audit.anchor_after_rewrite()
    assert audit.verify_anchors(home) == []
