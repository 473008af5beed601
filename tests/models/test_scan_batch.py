"""Scans settled together are registered in one write transaction: each content once, each file
in a savepoint of its own, so one file the register refuses or cannot store leaves the others."""
from __future__ import annotations

import datetime as dt
import hashlib

from models import documents as D, scans
from models.errors import ValidationError
from models.filestore import FileStore

T = dt.datetime(2026, 3, 5, 9, 0)


def _scan(tmp_path, name, body, **kw):
    data = b"%PDF-1.4\n%" + body + b"\n%%EOF\n"
    p = tmp_path / name
    p.write_bytes(data)
    return scans.ScanFile(p, hashlib.sha256(data).hexdigest(), "pdf", "application/pdf", ".pdf",
                          name, T, **kw)


def test_a_batch_registers_each_content_once_in_arrival_order(office, home, tmp_path):
    store = FileStore(home.files)
    a = _scan(tmp_path, "a.pdf", b"mot")
    b = _scan(tmp_path, "b.pdf", b"hai")
    again = _scan(tmp_path, "a-lai.pdf", b"mot")       # the same pages scanned twice
    out = scans.register_scans(store, [a, b, again])
    assert [r.outcome for r in out] == ["registered", "registered", "duplicate"]
    assert out[2].incoming.id == out[0].incoming.id
    assert [r.incoming.arrival_no for r in out[:2]] == [1, 2]
    assert sorted(r.name for r in scans.ScanIntake.select()) == ["a.pdf", "b.pdf"]
    for r, f in zip(out[:2], (a, b), strict=True):
        (att,) = D.attachments(r.incoming)
        assert store.path(att.file.rel_path).read_bytes() == f.path.read_bytes()
    assert not [p for p in home.files.rglob("*.tmp")]     # no temporary left behind


def test_a_refused_guess_falls_back_and_a_lost_file_leaves_the_others(office, home, tmp_path):
    store = FileStore(home.files)
    odd = _scan(tmp_path, "odd.pdf", b"ba", prefill={"urgency": "rất rất khẩn", "notes": "x"},
                fallback={"notes": "chỉ ghi chú"})
    refused = _scan(tmp_path, "refused.pdf", b"bon", prefill={"urgency": "?"})  # no fallback
    lost = _scan(tmp_path, "lost.pdf", b"nam")
    lost.path.unlink()                                   # gone before it could be stored
    fine = _scan(tmp_path, "fine.pdf", b"sau")
    out = scans.register_scans(store, [odd, refused, lost, fine])
    assert out[0].outcome == "registered" and out[0].incoming.notes == "chỉ ghi chú"
    assert isinstance(out[1], ValidationError)
    assert isinstance(out[2], OSError)
    assert out[3].outcome == "registered"
    assert sorted(r.name for r in scans.ScanIntake.select()) == ["fine.pdf", "odd.pdf"]
    assert [d.arrival_no for d in D.Incoming.select().order_by(D.Incoming.arrival_no)] == [1, 2]


def test_the_panel_line_of_a_waiting_scan_has_only_the_parts_it_has(office, home, tmp_path):
    """Hôm nay lists each scan waiting for its details; a part that is missing (no sender, no
    file name in the ledger, no summary) leaves no stray " · " behind."""
    from models import dashboard
    clerk = office["clerk"]
    scans.register_scans(FileStore(home.files), [_scan(tmp_path, "cong-van.pdf", b"mot")])
    D.register_incoming(clerk, source="scan", status="needs_details", arrived_at=T.replace(hour=10),
                        sender="Huyện ủy Hàm Yên")
    D.register_incoming(clerk, source="scan", status="needs_details", arrived_at=T.replace(hour=11))
    panel = next(p for p in dashboard.panels(clerk, dt.date(2026, 3, 5))
                 if p.title == scans.PANEL_NEEDS_DETAILS)
    assert panel.lines == ["Số đến 1/2026 · 05/03/2026 09:00 · cong-van.pdf",
                           "Số đến 2/2026 · 05/03/2026 10:00 · Huyện ủy Hàm Yên",
                           "Số đến 3/2026 · 05/03/2026 11:00"]
