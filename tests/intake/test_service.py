"""The whole pipeline on a real folder with the real watcher (inotify here; polling when asked)."""
from __future__ import annotations

import hashlib
import os
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from intake_helpers import (PATIENCE, QUIET, inbox_files, jpeg_bytes, ledger, pdf_bytes, png_bytes,
                            registered, text_pdf, tiff_bytes, wait_for, write_slowly)


def failed_reason(inbox: Path, name: str, sub: str = "failed") -> str:
    return (inbox / sub / (name + ".reason.txt")).read_text(encoding="utf-8")


def test_a_file_written_in_chunks_is_registered_once_after_its_last_chunk(run_service, inbox):
    svc, rec = run_service(max_wait=20)
    data = pdf_bytes("chunked " + "x" * 20000, pages=3)
    # a scanner that closes the file between pages: each pause is longer than the quiet time
    closed = write_slowly(inbox / "scan001.pdf", data, chunks=5, pause=0.75)
    assert wait_for(lambda: rec.count("registered") == 1, 10)
    [(at, kind, msg, doc_id)] = rec.of("registered")
    assert at >= closed                            # not before the last chunk
    assert svc.settled(PATIENCE)                   # every file decided: nothing more comes of it
    assert rec.count("registered", "rejected", "duplicate", "error") == 1
    [row] = ledger()
    assert row.sha256 == hashlib.sha256(data).hexdigest() and row.size == len(data)
    [doc] = registered()
    assert doc.id == doc_id and doc.status == "needs_details" and doc.source == "scan"
    stored = svc.store.path(row.stored_file.rel_path)
    assert stored.read_bytes() == data and stored.suffix == ".pdf"
    assert inbox_files(inbox) == []


def test_a_file_kept_open_between_chunks_is_registered_after_it_is_closed(run_service, inbox):
    svc, rec = run_service(max_wait=20)
    data = jpeg_bytes("open" * 5000)
    closed = write_slowly(inbox / "anh.jpg", data, chunks=4, pause=0.6, reopen=False)
    assert wait_for(lambda: rec.count("registered") == 1, 10)
    assert rec.of("registered")[0][0] >= closed
    assert ledger()[0].sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.slow
def test_a_burst_of_300_files_all_registered_none_twice(run_service, inbox):
    svc, rec = run_service()
    n = 300
    for i in range(n):
        (inbox / f"scan{i:03d}.pdf").write_bytes(pdf_bytes(f"burst {i}"))
    assert wait_for(lambda: rec.count("registered") >= n, 30, 0.1), rec.count("registered")
    assert svc.settled(PATIENCE)
    rows = registered()
    assert len(rows) == n
    assert sorted(r.arrival_no for r in rows) == list(range(1, n + 1))
    assert len({r.sha256 for r in ledger()}) == n
    assert rec.count("rejected", "duplicate", "error") == 0
    assert inbox_files(inbox) == []


def test_files_already_there_at_start_are_taken_in(office, home, inbox):
    from intake.service import IntakeService
    (inbox / "a.pdf").write_bytes(pdf_bytes("before start"))
    (inbox / "Huyện ủy").mkdir()
    (inbox / "Huyện ủy" / "b.png").write_bytes(png_bytes("b"))
    got = []
    counts = IntakeService(home, inbox, on_event=lambda *a: got.append(a), quiet=QUIET).run_once()
    assert counts["registered"] == 2
    assert {r.sender for r in registered()} == {"", "Huyện ủy"}
    assert inbox_files(inbox) == []


def test_a_file_missed_by_the_watcher_is_found_by_the_rescan(run_service, inbox, tmp_path):
    svc, rec = run_service(rescan=1)
    svc.watcher.stop()                      # as if events were lost (overflow, network share)
    (inbox / "lost.pdf").write_bytes(pdf_bytes("lost"))
    assert wait_for(lambda: rec.count("registered") == 1, 5)


def test_polling_mode(run_service, inbox):
    svc, rec = run_service(polling=True)
    assert "quét định kỳ" in svc.mode
    closed = write_slowly(inbox / "p.pdf", pdf_bytes("polling"), chunks=3, pause=0.4)
    assert wait_for(lambda: rec.count("registered") == 1, 8)
    assert rec.of("registered")[0][0] - closed < 3.0


def test_duplicates_are_refused_once_naming_the_earlier_arrival(run_service, inbox, home):
    svc, rec = run_service()
    data = pdf_bytes("same content")
    (inbox / "goc.pdf").write_bytes(data)
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    first = registered()[0]
    (inbox / "ban sao.pdf").write_bytes(data)
    assert wait_for(lambda: rec.count("duplicate") == 1, 5)
    reason = failed_reason(inbox, "ban sao.pdf", "failed/duplicates")
    assert f"Trùng với văn bản đến số {first.arrival_no}/{first.year}" in reason
    assert "goc.pdf" in reason
    assert rec.of("duplicate")[0][3] == first.id
    assert len(registered()) == 1
    svc.stop()
    # a restart does not look at failed/ again: the duplicate is reported once
    from intake.service import IntakeService
    counts = IntakeService(home, inbox, quiet=QUIET).run_once()
    assert counts["duplicate"] == 0 and counts["registered"] == 0
    from models import scans
    assert [r.kind for r in scans.open_rejections()] == ["duplicate"]


def test_each_refused_kind_goes_to_failed_with_its_reason(run_service, inbox, office):
    svc, rec = run_service(max_wait=1.5)
    (inbox / "bao cao.docx").write_bytes(b"PK\x03\x04" + b"docx" * 100)
    (inbox / "renamed.pdf").write_bytes(b"GIF89a" + b"\x00" * 50)       # wrong extension
    (inbox / "rong.pdf").write_bytes(b"")
    (inbox / "dang ghi.pdf").write_bytes(pdf_bytes("cut")[:-10])
    os.symlink("/etc/hostname", inbox / "lien ket.pdf")
    assert wait_for(lambda: rec.count("rejected") == 5, 8), rec.events
    assert "không phải tệp PDF, JPEG, PNG hay TIFF" in failed_reason(inbox, "bao cao.docx")
    assert "không phải tệp PDF, JPEG, PNG hay TIFF" in failed_reason(inbox, "renamed.pdf")
    assert "tệp rỗng (0 byte)" in failed_reason(inbox, "rong.pdf")
    assert "%%EOF" in failed_reason(inbox, "dang ghi.pdf")
    assert "không phải tệp thông thường" in failed_reason(inbox, "lien ket.pdf")
    assert registered() == []
    from models import dashboard, scans
    kinds = sorted(r.kind for r in scans.open_rejections())
    assert kinds == ["empty", "incomplete", "unsupported", "unsupported", "unsupported"]
    panels = {p.title: p for p in dashboard.panels(office["clerk"])}
    assert panels["Tệp quét bị từ chối"].count == 5
    # the clerk deletes one from failed/: it leaves the dashboard
    (inbox / "failed" / "rong.pdf").unlink()
    assert len(scans.open_rejections()) == 4
    # or dismisses it (a viewer may not)
    from models.errors import PermissionDenied
    first = scans.open_rejections()[0]
    with pytest.raises(PermissionDenied):
        scans.dismiss_rejection(office["viewer"], first.id)
    scans.dismiss_rejection(office["clerk"], first.id)
    assert len(scans.open_rejections()) == 3


def test_a_file_deleted_before_it_settled_leaves_no_trace(run_service, inbox):
    svc, rec = run_service()
    p = inbox / "xoa.pdf"
    p.write_bytes(pdf_bytes("x")[:50])
    time.sleep(QUIET / 3)
    p.unlink()
    assert svc.settled(PATIENCE)
    assert rec.count("registered", "rejected", "duplicate", "error") == 0
    assert not any((inbox / "failed").iterdir())


def test_subfolder_names_the_sender_and_a_pdf_text_layer_prefills(run_service, inbox, tmp_path, office):
    svc, rec = run_service()
    src = text_pdf(tmp_path / "cv.pdf", ["ĐẢNG BỘ TỈNH YÊN BÁI", "TỈNH ỦY", "Số 123-CV/TU",
                                         "V/v tổ chức hội nghị sơ kết công tác quý I",
                                         "Yên Bái, ngày 05 tháng 3 năm 2026"], pages=2)
    sub = inbox / unicodedata.normalize("NFD", "Tỉnh ủy")       # a Mac writes NFD
    sub.mkdir()
    os.rename(src, sub / "scan 001.pdf")
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    [doc] = registered()
    assert doc.sender == "Tỉnh ủy"
    assert doc.doc_number == "123-CV/TU"
    assert doc.summary == "V/v tổ chức hội nghị sơ kết công tác quý I"
    assert doc.pages == 2
    assert str(doc.doc_date) == "2026-03-05"
    assert ledger()[0].name == "Tỉnh ủy/scan 001.pdf"
    assert "nơi gửi Tỉnh ủy" in rec.of("registered")[0][2]
    from models import dashboard
    panel = {p.title: p for p in dashboard.panels(office["clerk"])}["Văn bản quét cần bổ sung"]
    assert panel.count == 1 and "Tỉnh ủy" in panel.lines[0]


def test_sender_folder_matches_the_directory_ignoring_accents(run_service, inbox, office):
    contacts = pytest.importorskip("models.contacts")
    if not hasattr(contacts, "add_contact") or not hasattr(contacts, "resolve"):
        pytest.skip("directory has no lookup")
    contacts.add_contact(office["admin"], "Ban Tổ chức Huyện ủy", "body")
    svc, rec = run_service()
    (inbox / "ban to chuc huyen uy").mkdir()
    (inbox / "ban to chuc huyen uy" / "a.pdf").write_bytes(pdf_bytes("contact"))
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    assert registered()[0].sender == "Ban Tổ chức Huyện ủy"


def test_odd_names_nfd_spaces_and_very_long(run_service, inbox):
    svc, rec = run_service()
    stem = "Công văn số 123 về việc tổ chức hội nghị " * 6
    while len((stem + ".pdf").encode()) > 255:
        stem = stem[:-1]
    long_name = stem + ".pdf"                 # as long as the file system allows
    assert len(long_name.encode()) > 250
    names = [unicodedata.normalize("NFD", "Quyết định bổ nhiệm.pdf"), "  khoảng trắng  .tif",
             long_name]
    (inbox / names[0]).write_bytes(pdf_bytes("nfd"))
    (inbox / names[1]).write_bytes(tiff_bytes("sp"))
    (inbox / names[2]).write_bytes(pdf_bytes("long"))
    # a very long name that cannot be taken in gets a shortened name in failed/ (+.reason.txt)
    (inbox / long_name.replace(".pdf", ".doc")).write_bytes(b"not a scan at all")
    assert wait_for(lambda: rec.count("registered") == 3 and rec.count("rejected") == 1, 6), rec.events
    got = {r.name for r in ledger()}
    assert "Quyết định bổ nhiệm.pdf" in got          # NFC in the register
    assert "  khoảng trắng  .tif" in got
    failed = [p.name for p in (inbox / "failed").iterdir()]
    assert len(failed) == 2 and all(len(n.encode()) <= 255 for n in failed)
    assert any(n.endswith(".doc.reason.txt") for n in failed)


def test_hidden_and_temporary_files_are_left_alone(run_service, inbox):
    svc, rec = run_service()
    for n in (".an.pdf", "~$nhap.pdf", "scan.tmp", "scan.pdf.part", "Thumbs.db", "desktop.ini"):
        (inbox / n).write_bytes(pdf_bytes(n))
    assert svc.settled(PATIENCE)
    assert rec.count("registered", "rejected", "duplicate", "error") == 0
    # a scanner writing scan.pdf.part then renaming it: taken in once, under its final name
    os.rename(inbox / "scan.pdf.part", inbox / "scan.pdf")
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    assert ledger()[0].name == "scan.pdf"


def test_an_unexpected_error_moves_the_file_to_failed_and_the_service_goes_on(run_service, inbox,
                                                                              monkeypatch):
    from intake import prefill

    def boom(*a, **kw):
        raise RuntimeError("lỗi thử")
    svc, rec = run_service()
    monkeypatch.setattr(prefill, "prefill", boom)
    (inbox / "a.pdf").write_bytes(pdf_bytes("boom"))
    assert wait_for(lambda: rec.count("rejected") == 1, 5)
    assert "lỗi thử" in failed_reason(inbox, "a.pdf")
    monkeypatch.undo()
    (inbox / "b.pdf").write_bytes(pdf_bytes("fine"))
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    assert svc.running


def test_database_busy_keeps_the_file_and_retries(run_service, inbox, home):
    """Another desk holds the write lock longer than busy_timeout: the file waits, parked."""
    from models import scans
    svc, rec = run_service()
    orig = scans.register_scans
    calls = []

    def flaky(*a, **kw):
        calls.append(1)
        if len(calls) == 1:
            from peewee import OperationalError
            raise OperationalError("database is locked")
        return orig(*a, **kw)
    scans.register_scans = flaky
    try:
        (inbox / "a.pdf").write_bytes(pdf_bytes("retry"))
        assert wait_for(lambda: rec.count("registered") == 1, 8), rec.events
    finally:
        scans.register_scans = orig
    assert rec.count("retry") == 1 and len(registered()) == 1


def test_arrival_time_is_the_close_time(run_service, inbox):
    svc, rec = run_service()
    closed = write_slowly(inbox / "t.pdf", pdf_bytes("time"), 1, 0)
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    doc = registered()[0]
    assert abs(doc.arrived_at.timestamp() - closed) < 1.5


def test_stop_returns_promptly_and_leaves_nothing_parked(run_service, inbox):
    svc, rec = run_service()
    (inbox / "a.pdf").write_bytes(pdf_bytes("stop"))
    assert wait_for(lambda: rec.count("registered") == 1, 5)
    svc.stop()
    assert not svc.running
    assert list((inbox / ".processing").iterdir()) == []


def test_service_runs_in_a_caller_thread_too(office, home, inbox):
    """For a Textual thread worker: run() blocks until stop() from another thread."""
    from intake.service import IntakeService
    got = []
    svc = IntakeService(home, inbox, on_event=lambda k, m, i: got.append(k), quiet=QUIET)
    t = threading.Thread(target=svc.run)
    t.start()
    assert wait_for(lambda: "info" in got, 5)
    (inbox / "a.pdf").write_bytes(pdf_bytes("thread"))
    assert wait_for(lambda: "registered" in got, 5)
    svc.stop()
    t.join(5)
    assert not t.is_alive()


def _run_as_nobody(fn) -> str:
    """Run ``fn`` in a forked child with a non-root uid; return what it returned (a str)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                                # child
        try:
            os.close(r)
            os.setgid(65534)
            os.setuid(65534)
            out = fn()
        except BaseException as e:              # noqa: BLE001
            out = f"{type(e).__name__}: {e}"
        os.write(w, out.encode())
        os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.waitpid(pid, 0)
    return data.decode()


def test_a_permission_denied_inbox_is_a_clear_vietnamese_message(tmp_path):
    import shutil
    import tempfile
    from intake.service import check_inbox
    from models.errors import VanphongError
    # under /tmp itself: pytest's own temporary root is closed to other users
    top = Path(tempfile.mkdtemp(prefix="vanphong-perm-"))
    try:
        top.chmod(0o755)
        locked = top / "khóa"
        locked.mkdir()

        def attempt() -> str:
            try:
                check_inbox(locked)
            except VanphongError as e:
                return str(e)
            return "no error"
        as_user = (lambda: _run_as_nobody(attempt)) if os.geteuid() == 0 else attempt
        locked.chmod(0o555)
        msg = as_user()
        assert msg.startswith("Không dùng được thư mục nhận bản quét") and "không có quyền ghi" in msg
        locked.chmod(0o000)
        assert "không có quyền đọc" in as_user()
        locked.chmod(0o755)
        f = top / "tệp"
        f.write_text("x")
        with pytest.raises(VanphongError, match="không phải là thư mục"):
            check_inbox(f)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_inbox_setting_defaults_to_scans_inbox_in_the_start_directory(office, home, tmp_path,
                                                                      monkeypatch):
    """Without an office home (a bare call) the start directory is the fallback."""
    from intake.service import resolve_inbox
    from models.office import get_setting
    monkeypatch.chdir(tmp_path)
    assert resolve_inbox() == tmp_path / "scans_inbox"
    assert get_setting("intake.inbox") == str(tmp_path / "scans_inbox")
    monkeypatch.chdir("/")
    assert resolve_inbox() == tmp_path / "scans_inbox"            # remembered
    assert resolve_inbox(tmp_path / "khac") == tmp_path / "khac"   # --inbox overrides
    assert get_setting("intake.inbox") == str(tmp_path / "scans_inbox")


def test_a_new_office_gets_its_own_inbox_inside_its_home(office, home, tmp_path, monkeypatch):
    """Two offices started from one checkout do not share the checkout's scans_inbox/."""
    from intake.service import IntakeService, resolve_inbox
    from models.office import get_setting
    monkeypatch.chdir(tmp_path)
    svc = IntakeService(home)
    assert svc.prepare() == home.path / "scans_inbox"
    assert (home.path / "scans_inbox").is_dir()
    assert get_setting("intake.inbox") == str(home.path / "scans_inbox")
    assert resolve_inbox(None, home) == home.path / "scans_inbox"


def test_an_office_with_an_inbox_keeps_it(office, home, tmp_path):
    from intake.service import resolve_inbox
    from models import office as office_mod
    mine = tmp_path / "may-quet"
    office_mod.set_setting(office["admin"], "intake.inbox", str(mine))
    assert resolve_inbox(None, home) == mine


def test_the_service_can_be_started_again_after_a_stop(run_service, inbox):
    svc, rec = run_service()
    svc.stop()
    svc.start()
    (inbox / "again.pdf").write_bytes(pdf_bytes("again"))
    assert wait_for(lambda: rec.count("registered") == 1, 5)


def test_an_inbox_that_goes_away_and_comes_back(run_service, inbox):
    """A network share unmounted for a while: one message, then work resumes by itself."""
    import shutil
    svc, rec = run_service(rescan=0.5)
    shutil.rmtree(inbox)
    assert wait_for(lambda: rec.count("error") == 1, 5)
    assert svc.settled(PATIENCE) and svc.settled(PATIENCE)   # two more rescans of the lost folder
    assert rec.count("error") == 1                      # said once, not at every rescan
    inbox.mkdir()
    (inbox / "back.pdf").write_bytes(pdf_bytes("back"))
    assert wait_for(lambda: rec.count("registered") == 1, 8), rec.events
    assert any("truy cập lại được" in e[2] for e in rec.of("info"))


def test_a_file_that_keeps_changing_past_the_limit_is_refused(run_service, inbox):
    """A scanner that never pauses: refused once the limit has passed, while it still writes
    (the writer goes on until it sees the refusal; PATIENCE is only a safety net)."""
    svc, rec = run_service(max_wait=1.5)
    refused_while_writing = False
    with open(inbox / "mai ghi.pdf", "wb") as f:
        f.write(b"%PDF-1.4\n")
        end = time.monotonic() + PATIENCE
        while time.monotonic() < end:
            f.write(b"% still scanning\n" * 50)
            f.flush()
            if rec.count("rejected"):
                refused_while_writing = True
                break
            time.sleep(0.1)
    assert refused_while_writing, rec.events
    assert rec.count("rejected") == 1, rec.events
    reason = failed_reason(inbox, "mai ghi.pdf")
    assert "vẫn chưa hoàn chỉnh hoặc vẫn thay đổi sau 1.5 giây" in reason
    assert registered() == []


def test_settled_returns_only_once_every_file_is_decided(run_service, inbox):
    """The marker the tests wait for instead of quiet: after settled(), nothing known is pending."""
    svc, rec = run_service(max_wait=1.0)
    (inbox / "half.pdf").write_bytes(b"%PDF-1.4\n% never finished\n")   # incomplete: refused later
    (inbox / "ok.pdf").write_bytes(pdf_bytes("whole"))
    assert svc.settled(PATIENCE)
    assert rec.count("registered") == 1 and rec.count("rejected") == 1, rec.events
    svc.stop()
    assert not svc.settled(1)                       # a stopped service settles nothing
