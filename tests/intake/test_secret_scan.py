"""A scan taken in from the scanner folder, then marked secret: its only stored copy leaves the
office, the record, its history and the intake ledger stay, and the same bytes dropped again
are still refused as a duplicate without being kept anywhere."""
from __future__ import annotations

import hashlib
import json

import pytest

from intake_helpers import QUIET, inbox_files, ledger, pdf_bytes, registered


def _take_in(home, inbox):
    from intake.service import IntakeService
    got = []
    counts = IntakeService(home, inbox, on_event=lambda *a: got.append(a), quiet=QUIET).run_once()
    return counts, got


def _files_in_store(home):
    return sorted(p for p in home.files.rglob("*") if p.is_file())


def test_a_scan_marked_secret_loses_its_file_keeps_its_record_and_stays_a_duplicate(
        office, home, inbox):
    from models import audit, documents as D, scans
    from models.filestore import FileStore
    data = pdf_bytes("phuong an bao ve")
    (inbox / "Huyện ủy").mkdir()
    (inbox / "Huyện ủy" / "scan001.pdf").write_bytes(data)
    counts, _ = _take_in(home, inbox)
    assert counts["registered"] == 1
    [doc] = registered()
    [row] = ledger()
    stored = FileStore(home.files).path(row.stored_file.rel_path)
    assert stored.read_bytes() == data

    D.update_incoming(office["clerk"], doc.id, secrecy="Mật", store=FileStore(home.files),
                      reason="Cấp gửi đóng dấu Mật")

    d = D.get_incoming(doc.id)
    assert d.secrecy == "Mật" and d.status == "needs_details" and d.arrival_no == doc.arrival_no
    assert [s.status for s in D.status_history(d)] == ["needs_details"]     # history kept
    assert not stored.exists() and _files_in_store(home) == []             # the only copy is gone
    [att] = D.attachments(d, include_removed=True)
    assert att.removed and att.file_id is None and att.sha256 == hashlib.sha256(data).hexdigest()
    [row] = ledger()                                                       # the ledger row stays
    assert row.incoming_id == doc.id and row.stored_file_id is None
    purge = [e for e in audit.entries_for("attachment", att.id) if e.action == "purge_secret_file"]
    assert purge and json.loads(purge[0].new)["file_deleted"] is True
    assert audit.verify().ok

    # the same bytes dropped again: still a duplicate of that document, and not kept anywhere
    (inbox / "scan001-lai.pdf").write_bytes(data)
    counts, events = _take_in(home, inbox)
    assert counts["registered"] == 0 and counts["duplicate"] == 1
    assert len(registered()) == 1 and len(ledger()) == 1
    assert _files_in_store(home) == []
    assert inbox_files(inbox) == []
    assert not [p for p in inbox.rglob("*") if p.is_file() and p.read_bytes() == data]
    [dup] = [e for e in events if e[0] == "duplicate"]
    assert f"{doc.arrival_no}/{doc.year}" in dup[1]
    rej = scans.ScanRejection.get(scans.ScanRejection.sha256 == row.sha256)
    assert rej.kind == "duplicate" and rej.duplicate_of_id == doc.id


def test_completing_a_scans_details_as_secret_removes_its_file(office, home, inbox):
    from models import documents as D
    from models.filestore import FileStore
    (inbox / "scan002.pdf").write_bytes(pdf_bytes("ke hoach mat"))
    _take_in(home, inbox)
    [doc] = registered()
    D.complete_details(office["clerk"], doc.id, sender="Tỉnh ủy", summary="Kế hoạch",
                       secrecy="Tối mật", store=FileStore(home.files))
    d = D.get_incoming(doc.id)
    assert d.secrecy == "Tối mật" and d.status == "pending"
    assert _files_in_store(home) == []


def test_a_failure_inside_the_transaction_keeps_the_file_and_the_row(office, home, inbox,
                                                                     monkeypatch):
    from models import documents as D
    from models.filestore import FileStore
    data = pdf_bytes("hong giua chung")
    (inbox / "scan003.pdf").write_bytes(data)
    _take_in(home, inbox)
    [doc] = registered()
    [row] = ledger()
    stored = FileStore(home.files).path(row.stored_file.rel_path)

    def boom(*a, **kw):
        raise RuntimeError("mất điện giữa chừng")
    monkeypatch.setattr(D.incoming, "index_incoming", boom)   # fails after the purge, before commit
    with pytest.raises(RuntimeError):
        D.update_incoming(office["clerk"], doc.id, secrecy="Mật", store=FileStore(home.files),
                          reason="Đóng dấu Mật")
    d = D.get_incoming(doc.id)
    assert d.secrecy == "Thường"
    [att] = D.attachments(d)
    assert att.file_id is not None and stored.read_bytes() == data
    assert ledger()[0].stored_file_id == row.stored_file_id
