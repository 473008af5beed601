"""settle (with a fake clock), filters and prefill: the small parts, each alone."""
from __future__ import annotations

import datetime as _dt
import os
import unicodedata
from pathlib import Path, PurePath

import pytest

from intake import content, filters, prefill
from intake import strings as S
from intake.settle import SettleTracker
from intake_helpers import pdf_bytes, text_pdf


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t

    def advance(self, s):
        self.t += s


def tracker(clock, quiet=1.0, max_wait=30.0, **kw):
    return SettleTracker(quiet, max_wait, clock=clock, **kw)


def test_ready_only_after_the_quiet_time_with_nothing_changed(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a"))
    t = tracker(clock)
    t.touch(f, closed=True, when=1_700_000_000.0)
    assert t.poll() == []
    clock.advance(0.9)
    assert t.poll() == []
    clock.advance(0.2)
    [d] = t.poll()
    assert d.kind == "ready" and d.path == f and d.verdict.kind is content.PDF
    assert d.arrived_at == _dt.datetime.fromtimestamp(1_700_000_000)    # the close time
    assert len(t) == 0


def test_an_event_or_a_change_restarts_the_quiet_time(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a")[:100])
    t = tracker(clock)
    t.touch(f)
    clock.advance(0.8)
    t.touch(f)                       # another event
    clock.advance(0.8)
    assert t.poll() == []
    f.write_bytes(pdf_bytes("a"))     # grew, no event told us (polling, network share)
    clock.advance(0.5)
    assert t.poll() == []             # the change is seen and counts as an event
    clock.advance(1.1)
    assert [d.kind for d in t.poll()] == ["ready"]


def test_an_incomplete_file_keeps_waiting_then_is_given_up(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a")[:-6])
    t = tracker(clock, quiet=1.0, max_wait=10.0)
    t.touch(f)
    for _ in range(8):
        clock.advance(1.1)
        assert t.poll() == []
    clock.advance(2)
    [d] = t.poll()
    assert d.kind == "too_long" and S.REASON_PDF_NO_EOF in d.reason


def test_a_still_empty_file_is_given_up_as_empty(tmp_path):
    clock = Clock()
    f = tmp_path / "e.pdf"
    f.write_bytes(b"")
    t = tracker(clock, quiet=1.0, max_wait=5.0)
    t.touch(f)
    clock.advance(6)
    [d] = t.poll()
    assert d.kind == "too_long" and d.reason == S.REASON_STILL_EMPTY.format(seconds="5")


def test_a_file_that_keeps_changing_is_given_up(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    t = tracker(clock, quiet=1.0, max_wait=5.0)
    for i in range(10):
        f.write_bytes(pdf_bytes("a") + b" " * i)
        os.utime(f, ns=(i * 10**9, i * 10**9))
        t.touch(f) if i == 0 else None
        clock.advance(0.7)
        ds = t.poll()
        if ds:
            break
    assert [d.kind for d in ds] == ["too_long"]


def test_a_file_with_events_every_moment_is_given_up_while_they_still_come(tmp_path):
    """Each event restarts the quiet time, but not the limit: a writer that never pauses for a
    quiet time is refused once ``max_wait`` has passed, not only after it stops."""
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4\n")
    t = tracker(clock, quiet=1.0, max_wait=5.0, require_close=True)
    t.touch(f, writing=True)
    ds = []
    for _ in range(100):                      # 20 s of writes, one every 0.2 s
        clock.advance(0.2)
        with open(f, "ab") as out:
            out.write(b"% more\n")
        t.touch(f, writing=True)
        assert t.next_due() <= 1005.0 + 1e-6  # the limit stays due, whatever the events
        ds = t.poll()
        if ds:
            break
    assert [d.kind for d in ds] == ["too_long"]
    assert clock.t - 1000.0 < 5.0 + 0.2 + 1e-9    # at the limit, while the writes go on
    assert "5" in ds[0].reason


def test_deleted_unknown_and_unreadable(tmp_path):
    clock = Clock()
    gone, odd, locked = tmp_path / "gone.pdf", tmp_path / "x.docx", tmp_path / "l.pdf"
    gone.write_bytes(pdf_bytes("g"))
    odd.write_bytes(b"PK\x03\x04 zip")
    locked.write_bytes(pdf_bytes("l"))

    def check(p):
        if p == locked:
            raise PermissionError(13, "Permission denied")
        return content.check(p)
    t = tracker(clock, check=check)
    for p in (gone, odd, locked):
        t.touch(p)
    gone.unlink()
    clock.advance(1.5)
    got = {d.path.name: d for d in t.poll()}
    assert got["gone.pdf"].kind == "gone"
    assert got["x.docx"].kind == "rejected" and got["x.docx"].reason == S.REASON_UNSUPPORTED
    assert got["l.pdf"].kind == "rejected" and got["l.pdf"].reason.endswith("không có quyền")


def test_a_one_shot_run_reports_incomplete_files_instead_of_waiting(tmp_path):
    clock = Clock()
    f = tmp_path / "a.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0 half")
    t = tracker(clock)
    t.see(f)
    clock.advance(1.1)
    [d] = t.poll(final=True)
    assert d.kind == "incomplete" and d.reason == S.REASON_JPEG_NO_EOI


def test_see_does_not_restart_a_running_quiet_time(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a"))
    t = tracker(clock)
    assert t.see(f) is True
    clock.advance(0.9)
    assert t.see(f) is False          # the periodic rescan found it again
    clock.advance(0.2)
    assert [d.kind for d in t.poll()] == ["ready"]


# --- filters ------------------------------------------------------------------------------------
@pytest.mark.parametrize("rel", [
    ".hidden.pdf", "~$nhap.docx", "scan.tmp", "scan.PDF.part", "Thumbs.db", "DESKTOP.INI",
    "failed/a.pdf", "failed/duplicates/a.pdf", ".processing/host-1-a/a.pdf", "Tỉnh ủy/.~lock.pdf",
    "a.pdf.reason.txt", "sub/.git/x.pdf",
])
def test_ignored(rel):
    assert filters.is_ignored(PurePath(rel))


@pytest.mark.parametrize("rel", ["scan001.pdf", "Tỉnh ủy/scan 001.pdf", "ảnh.JPG",
                                 unicodedata.normalize("NFD", "Huyện ủy/Công văn.pdf"), "failedx.pdf"])
def test_taken(rel):
    assert not filters.is_ignored(PurePath(rel))


# --- prefill --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,number,doc_type", [
    ("TỈNH ỦY YÊN BÁI\nSố 123-CV/TU\nV/v tổ chức hội nghị", "123-CV/TU", "Công văn"),
    ("Số: 15 - BC/ĐU\nBÁO CÁO", "15-BC/ĐU", "Báo cáo"),
    ("ỦY BAN NHÂN DÂN\nSố: 45/QĐ-UBND", "45/QĐ-UBND", "Quyết định"),
])
def test_number_and_type_from_the_text_layer(text, number, doc_type):
    f = prefill.fields_from_text(text)
    assert f["doc_number"] == number and f["doc_type"] == doc_type


def test_summary_date_and_no_false_number():
    text = ("ĐẢNG BỘ TỈNH YÊN BÁI\nTỈNH ỦY\nSố 123-CV/TU\nV/v tổ chức hội nghị sơ kết\n"
            "công tác quý I năm 2026\nYên Bái, ngày 05 tháng 3 năm 2026\nKính gửi: Các đảng ủy\n"
            "Số đến hôm nay là nhiều")
    f = prefill.fields_from_text(text)
    assert f["summary"] == "V/v tổ chức hội nghị sơ kết công tác quý I năm 2026"
    assert f["doc_date"] == _dt.date(2026, 3, 5)
    assert f["doc_number"] == "123-CV/TU"
    assert prefill.fields_from_text("Số đến: chưa có\nkhông có gì") == {}


def test_pdf_text_layer_and_pages_from_a_real_pdf(tmp_path):
    p = text_pdf(tmp_path / "cv.pdf", ["TỈNH ỦY YÊN BÁI", "Số 123-CV/TU",
                                       "V/v tổ chức hội nghị sơ kết"], pages=2)
    fields, pages, text = prefill.prefill(Path("Tỉnh ủy/cv.pdf"), "pdf", p)
    assert pages == 2
    assert fields["doc_number"] == "123-CV/TU"
    assert fields["summary"] == "V/v tổ chức hội nghị sơ kết"
    assert fields["sender"] == "Tỉnh ủy"
    assert "TỈNH ỦY" in text


def test_a_broken_pdf_is_unreadable(tmp_path):
    p = tmp_path / "b.pdf"
    p.write_bytes(b"%PDF-1.4\ngarbage garbage\n%%EOF\n")
    with pytest.raises(prefill.PdfUnreadable):
        prefill.read_pdf(p)


def test_sender_folder_nfd_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Huyện ủy Yên Sơn")
    f = prefill.sender_from_folder(Path(nfd) / "a.pdf")
    assert f["sender"] == "Huyện ủy Yên Sơn" and f["sender"] == unicodedata.normalize("NFC", f["sender"])
    assert prefill.sender_from_folder(Path("a.pdf")) == {}


def test_with_native_events_a_file_being_written_waits_for_its_close(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a"))             # looks complete, but the writer still has it open
    t = tracker(clock, quiet=1.0, require_close=True, stall=20.0)
    t.touch(f, writing=True)
    clock.advance(5)
    assert t.poll() == []
    t.touch(f, closed=True, when=1_700_000_000.0)
    clock.advance(1.1)
    [d] = t.poll()
    assert d.kind == "ready" and d.arrived_at == _dt.datetime.fromtimestamp(1_700_000_000)


def test_with_native_events_a_close_that_never_comes_is_not_waited_for_forever(tmp_path):
    clock = Clock()
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf_bytes("a"))             # e.g. a hard link: created, never closed
    t = tracker(clock, quiet=1.0, require_close=True, stall=20.0)
    t.touch(f, writing=True)
    clock.advance(19)
    assert t.poll() == []
    clock.advance(1.5)
    assert [d.kind for d in t.poll()] == ["ready"]
