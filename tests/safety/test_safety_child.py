"""The start-up duties in a child process, as the program runs them: the same work and words as
``at_start`` in the program's own process, the child stopped when the program closes (and
killed when it does not stop: nothing half-made is left), a child that fails said in one
Vietnamese line."""
from __future__ import annotations

import datetime as _dt
import json
import os
import sys
import threading
import time

import pytest

from models import audit, backup, integrity, office as office_mod, safety
from models.home import OfficeHome
from tests.intake.intake_helpers import wait_for
from tests.safety.child_helpers import attach, endless_backup, reading

DAY = _dt.date(2026, 12, 2)
FAILED = "Kiểm tra/sao lưu lúc khởi động không chạy được:"


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    """This machine's real password store is never touched (the child reads the variable)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def not_here(monkeypatch):
    """The duties may not run in this process: only a child can have done what is found."""
    def refuse(*a, **kw):
        raise AssertionError("ran in the test's own process")
    monkeypatch.setattr(safety, "at_start", refuse)
    monkeypatch.setattr(backup, "create_backup", refuse)


def leftovers(home, usb) -> list[str]:
    """What a backup may leave behind: files in the backup folder, snapshots in the home."""
    found = [p.name for p in usb.iterdir()] if usb.exists() else []
    return found + [p.name for p in home.path.glob(".backup-snapshot-*")]


def test_the_first_start_of_the_day_is_done_by_a_child(office, home, tmp_path, not_here):
    office_mod.set_setting(office["admin"], "backup.folder", str(tmp_path / "usb"))
    attach(office, home, b"a" * 500, "Một")
    said: list[tuple[str, str]] = []
    child = safety.ChildRun(home, DAY, on_event=lambda kind, m: said.append((kind, m)))
    notices = child.run()
    assert child.pid not in (None, os.getpid()) and child.returncode == 0
    made = backup.list_backups(tmp_path / "usb")
    assert len(made) == 1
    assert ("saved", f"Đã tự sao lưu vào {made[0]}.") in said
    assert any("không có kho mật khẩu" in n for n in notices)     # the key went to a key file
    assert [("warning", n) for n in notices] == said[-len(notices):]
    assert safety._state["notices"] == notices and not safety._state["running"]
    assert [a["why"] for a in audit.read_anchors(home)] == ["start", "daily"]
    assert json.loads((home.path / safety.DAY_NAME).read_text())["date"] == DAY.isoformat()
    assert integrity.last_report() is not None and integrity.last_report().files_checked == 1
    p = safety._panel(office["admin"], _dt.date.today())
    assert "hôm nay" in p.lines[0] and any("không có kho mật khẩu" in x for x in p.lines)
    # a later start the same day: the check only, nothing said
    said.clear()
    assert safety.run_in_child(home, lambda kind, m: said.append((kind, m)), today=DAY) == []
    assert said == [] and len(backup.list_backups(tmp_path / "usb")) == 1
    assert safety._state["notices"] == notices        # Hôm nay still says the first start's


def test_problems_the_child_found_show_on_the_panel(office, home, monkeypatch, not_here):
    monkeypatch.setattr(integrity, "_LAST", {})
    office_mod.set_setting(office["admin"], "backup.auto", False)
    a = attach(office, home, b"b" * 500, "Hai")
    (home.files / a.file.rel_path).unlink()
    said: list[tuple[str, str]] = []
    safety.run_in_child(home, lambda kind, m: said.append((kind, m)), today=DAY)
    assert said and said[0][0] == "error" and "1 vấn đề" in said[0][1]
    p = safety._panel(office["admin"], DAY)
    assert p.severity == "error" and any("Mất tệp" in x for x in p.lines)


def blocked_backup(office, home, tmp_path):
    """An office whose first stored file is a named pipe: the child's backup stops there, in
    the middle of its archive, until someone opens the other end (what a slow disk or a big
    file does, without a clock). Returns (pipe, backup folder)."""
    usb = tmp_path / "usb"
    office_mod.set_setting(office["admin"], "backup.folder", str(usb))
    first = attach(office, home, b"c" * 500, "Ba")
    attach(office, home, b"d" * 500, "Bốn")
    pipe = home.files / first.file.rel_path
    pipe.unlink()
    os.mkfifo(pipe, 0o600)
    return pipe, usb


def start(child: safety.ChildRun, cancel: threading.Event) -> tuple[threading.Thread, list]:
    result: list = []
    t = threading.Thread(target=lambda: result.append(child.run(cancel)), daemon=True)
    t.start()
    return t, result


def writing(usb) -> bool:
    """The child is writing its archive (its temporary file is in the backup folder)."""
    return usb.is_dir() and any(p.name.endswith(".tmp") for p in usb.iterdir())


def test_closing_stops_the_childs_backup_between_two_files(office, home, tmp_path):
    pipe, usb = blocked_backup(office, home, tmp_path)
    said: list[tuple[str, str]] = []
    # the test, not the clock, lets it go on: a slow machine must not see it killed
    child = safety.ChildRun(home, DAY, on_event=lambda kind, m: said.append((kind, m)), grace=600)
    cancel = threading.Event()
    t, result = start(child, cancel)
    assert wait_for(lambda: writing(usb), 20)
    assert os.getsid(child.pid) == child.pid        # its own session: no Ctrl+C from the terminal
    cancel.set()                                    # the program closes
    assert wait_for(child.signalled.is_set, 5)

    def opened_the_pipe() -> bool:                  # let the child read on: it stops at the next file
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            return True
        except OSError:                             # no reader (yet, or it stopped before)
            return not t.is_alive()
    assert wait_for(opened_the_pipe, 20)
    t.join(120)
    assert not t.is_alive() and child.returncode == 0 and not child.killed
    assert not any(kind == "saved" for kind, _ in said)
    assert [n for n in result[0] if "không có kho mật khẩu" not in n] == []   # no failure said
    assert leftovers(home, usb) == []               # its temporary removed by itself
    assert not (home.path / safety.DAY_NAME).exists()        # tried again at the next start


def test_a_child_that_does_not_stop_is_killed_and_its_leftovers_removed(office, home, tmp_path):
    big, usb = endless_backup(office, home, tmp_path)
    child = safety.ChildRun(home, DAY, grace=0.2)
    cancel = threading.Event()
    t, result = start(child, cancel)
    assert wait_for(lambda: reading(child.pid, big), 20)
    assert writing(usb) and list(home.path.glob(f".backup-snapshot-{child.pid}-*"))
    cancel.set()                                    # inside one long file, it cannot stop in time
    t.join(60)
    assert not t.is_alive() and child.killed and child.returncode == -9
    assert result == [[]]
    assert leftovers(home, usb) == []
    assert not (home.path / safety.DAY_NAME).exists()


def test_unfinished_archives_of_a_dead_backup_are_cleared_by_the_next(office, home, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    dead = usb / ".vanphong-20260101-000000.vpbak.4194305-abc123_z.tmp"   # above any pid
    fresh = usb / ".vanphong-20260101-000000.vpbak.4194305-xyz.tmp"       # another PC, writing
    for p in (dead, fresh):
        p.write_bytes(b"VPBACKUP")
    old = time.time() - 2 * backup.DEAD_ARCHIVE_SECONDS
    os.utime(dead, (old, old))
    backup.create_backup(home, usb)
    assert not dead.exists() and fresh.exists() and len(backup.list_backups(usb)) == 1


def test_a_child_that_cannot_run_is_one_vietnamese_error(office, home, tmp_path, monkeypatch):
    said: list[tuple[str, str]] = []

    def run() -> list[str]:
        said.clear()
        return safety.run_in_child(home, lambda kind, m: said.append((kind, m)), today=DAY)

    monkeypatch.setattr(sys, "executable", "/bin/false")           # exits 1, says nothing
    notices = run()
    assert [k for k, _ in said] == ["error"] and said[0][1].startswith(FAILED)
    assert "mã thoát 1" in said[0][1] and notices == [said[0][1]] == safety._state["notices"]

    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    run()
    assert [k for k, _ in said] == ["error"] and said[0][1].startswith(FAILED)

    chatty = tmp_path / "chatty"                    # answers, but not in the child's language
    chatty.write_text("#!/bin/sh\necho 'Xin chào'\necho 'Traceback: something broke' >&2\n")
    chatty.chmod(0o700)
    monkeypatch.setattr(sys, "executable", str(chatty))
    run()
    assert [k for k, _ in said] == ["error"] and said[0][1].startswith(FAILED)
    log = home.error_log.read_text()
    assert str(home.error_log) in said[0][1] and "Xin chào" in log and "something broke" in log
    assert "Traceback" not in said[0][1]
    assert not safety._state["running"]


def test_an_unreadable_database_is_said_by_the_child(tmp_path):
    bad = OfficeHome(tmp_path / "bad").ensure()
    bad.db_path.write_bytes(b"this is not a database " * 200)
    said: list[tuple[str, str]] = []
    notices = safety.run_in_child(bad, lambda kind, m: said.append((kind, m)))
    assert len(said) == 1 and said[0][0] == "error"
    assert said[0][1].startswith(FAILED) and "Không mở được cơ sở dữ liệu" in said[0][1]
    assert notices == [said[0][1]]
