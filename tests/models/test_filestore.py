"""The file store follows the database, never leads it: a copy becomes a stored file only
inside the transaction that records it, a file no row points at is found and removed, and a
file already in place is trusted only when its content hashes to its name."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat

import pytest

from models import audit, documents as D
from models.filestore import FileStore

T = dt.datetime
PDF = b"%PDF-1.4 cong van so 12\n%%EOF\n"


def _src(tmp_path, data=PDF, name="cong-van.pdf"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _store_files(home):
    return sorted(p.relative_to(home.files).as_posix() for p in home.files.rglob("*") if p.is_file())


def test_a_save_that_fails_before_its_row_leaves_nothing_in_the_store(office, home, tmp_path,
                                                                      monkeypatch):
    store = FileStore(home.files)
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="Huyện ủy",
                            summary="Kế hoạch")

    def boom(*a, **kw):
        raise RuntimeError("ổ đĩa lỗi")
    monkeypatch.setattr(D.StoredFile, "create", boom)
    with pytest.raises(RuntimeError):
        D.attach_file(office["clerk"], store, d, _src(tmp_path))
    assert _store_files(home) == []                       # not even a temporary
    assert D.StoredFile.select().count() == 0


def test_a_rolled_back_save_leaves_an_orphan_that_is_found_and_removed(office, home, tmp_path):
    from models.db import db
    store = FileStore(home.files)
    kept = D.store_file(store, _src(tmp_path, b"%PDF kept"), "kept.pdf")
    with pytest.raises(RuntimeError):
        with db.atomic():
            D.store_file(store, _src(tmp_path), "cong-van.pdf")
            raise RuntimeError("mất điện trước khi lưu xong")
    sha = hashlib.sha256(PDF).hexdigest()
    assert D.StoredFile.get_or_none(D.StoredFile.sha256 == sha) is None     # the row is gone
    rel = store.relpath(sha, ".pdf")
    assert store.path(rel).exists()                                         # its file is not
    # a staging copy left by a crash: old ones are swept, a young one may be a copy in progress
    old_tmp = home.files / "cd" / (".cd" + "0" * 62 + ".abcd1234.tmp")
    old_tmp.parent.mkdir()
    old_tmp.write_bytes(b"half a scan")
    young_tmp = home.files / "cd" / (".cd" + "1" * 62 + ".efgh5678.tmp")
    young_tmp.write_bytes(b"a copy in progress")
    day_ago = (dt.datetime.now() - dt.timedelta(days=1)).timestamp()
    os.utime(old_tmp, (day_ago, day_ago))

    found = D.find_orphans(store)
    assert {(o.rel, o.temporary) for o in found} == {(rel, False),
                                                     (old_tmp.relative_to(home.files).as_posix(), True)}
    assert store.path(kept.rel_path).exists()

    gone = D.remove_orphans(store)
    assert {o.rel for o in gone} == {o.rel for o in found}
    assert not store.path(rel).exists() and not old_tmp.exists()
    assert young_tmp.exists() and store.path(kept.rel_path).read_bytes() == b"%PDF kept"
    [entry] = [e for e in audit.AuditEntry.select() if e.action == "remove_orphan_files"]
    assert json.loads(entry.new)["count"] == 2 and rel in json.loads(entry.new)["files"]
    assert audit.verify().ok
    assert D.find_orphans(store) == [] and D.remove_orphans(store) == []


def test_the_same_content_stored_again_after_a_rollback_is_kept(office, home, tmp_path):
    """An orphan left by a rollback is adopted by the next save of the same content."""
    from models.db import db
    store = FileStore(home.files)
    with pytest.raises(RuntimeError):
        with db.atomic():
            D.store_file(store, _src(tmp_path), "cong-van.pdf")
            raise RuntimeError("rollback")
    sf = D.store_file(store, _src(tmp_path), "cong-van.pdf")
    assert D.find_orphans(store) == []
    assert store.path(sf.rel_path).read_bytes() == PDF


def test_put_rewrites_a_damaged_file_of_the_same_size(tmp_path):
    store = FileStore(tmp_path / "files")
    sha, rel, size = store.put(_src(tmp_path))
    p = store.path(rel)
    p.write_bytes(b"\0" * size)                           # truncated, then padded back to size
    assert p.stat().st_size == size
    assert store.put(_src(tmp_path)) == (sha, rel, size)
    assert p.read_bytes() == PDF
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert sorted(x.name for x in p.parent.iterdir()) == [p.name]          # no temporary left


def test_store_file_repairs_a_damaged_copy_of_a_recorded_content(office, home, tmp_path):
    store = FileStore(home.files)
    sf = D.store_file(store, _src(tmp_path), "cong-van.pdf")
    p = store.path(sf.rel_path)
    p.write_bytes(PDF[:10] + b"X" * (len(PDF) - 10))
    again = D.store_file(store, _src(tmp_path), "ban-sao.pdf")
    assert again.id == sf.id and p.read_bytes() == PDF


def test_a_scan_marked_secret_on_postgres(pg_office, tmp_path):
    from models import scans
    store = FileStore(tmp_path / "files")
    src = _src(tmp_path, name="scan.pdf")
    sha = hashlib.sha256(PDF).hexdigest()
    r = scans.register_scan(store, src, sha=sha, kind="pdf", mime="application/pdf", ext=".pdf",
                            name="scan.pdf", arrived_at=T(2026, 3, 5, 9))
    assert r.outcome == "registered" and store.path(store.relpath(sha, ".pdf")).exists()
    D.update_incoming(pg_office["clerk"], r.incoming.id, secrecy="Mật", store=store)
    assert D.get_incoming(r.incoming.id).secrecy == "Mật"
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))
    row = scans.ScanIntake.get()
    assert row.stored_file_id is None and row.sha256 == sha
    again = scans.register_scan(store, src, sha=sha, kind="pdf", mime="application/pdf", ext=".pdf",
                                name="scan-lai.pdf", arrived_at=T(2026, 3, 5, 10))
    assert again.outcome == "duplicate" and again.incoming.id == r.incoming.id
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))
