"""watch: which observer, and events turned into plain messages."""
from __future__ import annotations

import os
import queue

import pytest

from intake import watch
from intake_helpers import pdf_bytes, wait_for


MOUNTS = """/dev/vda / ext4 rw,relatime 0 0
server:/export /mnt/văn\\040phòng nfs4 rw 0 0
//nas/scan /mnt/scan cifs rw 0 0
sshfs#u@h: /home/u/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path,net,fstype", [
    ("/mnt/văn phòng/scans_inbox", True, "nfs4"),
    ("/mnt/scan", True, "cifs"),
    ("/home/u/remote/x", True, "fuse.sshfs"),
    ("/home/u/scans_inbox", False, "ext4"),
    ("/mnt/scanner", False, "ext4"),           # a prefix of /mnt/scan, not under it
])
def test_network_shares_are_recognised_from_the_mount_table(tmp_path, path, net, fstype):
    m = tmp_path / "mounts"
    m.write_text(MOUNTS, encoding="utf-8")
    assert watch.is_network_fs(path, str(m)) == (net, fstype)


def test_native_events_arrive_as_messages_and_hidden_paths_do_not(tmp_path):
    q: queue.Queue = queue.Queue()
    w = watch.Watcher(tmp_path, q)
    mode = w.start()
    try:
        assert mode.polling is False and w.alive()
        (tmp_path / ".processing").mkdir()
        (tmp_path / ".processing" / "x.pdf").write_bytes(b"x")
        (tmp_path / "a.pdf").write_bytes(pdf_bytes("a"))
        (tmp_path / "sub").mkdir()
        got = []

        def drained():
            while not q.empty():
                got.append(q.get())
            return any(k == "closed" and p.name == "a.pdf" for k, p, _ in got) and \
                any(k == "dir" and p.name == "sub" for k, p, _ in got)
        assert wait_for(drained, 5), got
        assert not any(".processing" in p.parts for k, p, _ in got if k != "gone")
    finally:
        w.stop()


def test_polling_when_asked_and_when_the_native_observer_fails(tmp_path, monkeypatch):
    q: queue.Queue = queue.Queue()
    w = watch.Watcher(tmp_path, q, polling=True, interval=0.2)
    assert w.start().polling
    (tmp_path / "p.pdf").write_bytes(b"x")
    assert wait_for(lambda: not q.empty(), 3)
    w.stop()

    import watchdog.observers as wo

    class Broken:
        def __init__(self, *a, **kw):
            raise OSError(28, "inotify watch limit reached")
    monkeypatch.setattr(wo, "Observer", Broken)
    w = watch.Watcher(tmp_path, q)
    m = w.start()
    try:
        assert m.polling and "inotify watch limit reached" in m.reason
    finally:
        w.stop()


def test_the_service_polls_a_network_inbox_and_says_why(run_service, monkeypatch):
    monkeypatch.setattr(watch, "is_network_fs", lambda p: (True, "nfs4"))
    svc, rec = run_service()
    assert "thư mục mạng (nfs4)" in svc.mode
    assert "thư mục mạng (nfs4)" in rec.of("info")[0][2]


def test_a_file_moved_in_from_outside_is_finished_a_new_one_is_being_written(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "ready.pdf"
    outside.write_bytes(pdf_bytes("moved"))
    q: queue.Queue = queue.Queue()
    w = watch.Watcher(inbox, q)
    w.start()
    try:
        os.rename(outside, inbox / "ready.pdf")
        f = open(inbox / "new.pdf", "wb")
        f.write(b"%PDF-1.4\n")
        f.flush()
        got = []

        def drained():
            while not q.empty():
                got.append(q.get()[:2])
            return ("closed", inbox / "ready.pdf") in got and ("write", inbox / "new.pdf") in got \
                and ("touch", inbox / "new.pdf") in got
        assert wait_for(drained, 5), got
        assert ("closed", inbox / "new.pdf") not in got       # still open
        f.close()
        assert wait_for(lambda: (drained(), ("closed", inbox / "new.pdf") in got)[1], 5), got
    finally:
        w.stop()
