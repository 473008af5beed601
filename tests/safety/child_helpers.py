"""An office whose backup takes as long as a test needs: the start-up duties' child process is
stopped or killed in the middle of it (tests/safety/test_safety_child.py, tests/tui/
test_tui_safety.py)."""
from __future__ import annotations

import os

from models import documents, office as office_mod
from models.filestore import FileStore


def attach(office, home, content: bytes, summary: str):
    f = home.path.parent / f"{summary}.pdf"
    f.write_bytes(b"%PDF-1.4\n" + content)
    d = documents.register_incoming(office["clerk"], sender="Huyện ủy", summary=summary)
    return documents.attach_file(office["clerk"], FileStore(home.files), d, f)


def endless_backup(office, home, tmp_path):
    """An office whose first stored file is a sparse file of 64 GiB (no disk space taken): the
    child's backup reads it for minutes, where it cannot look at its cancel event. Returns
    (that file, backup folder)."""
    usb = tmp_path / "usb"
    office_mod.set_setting(office["admin"], "backup.folder", str(usb))
    first = attach(office, home, b"e" * 500, "Năm")
    attach(office, home, b"f" * 500, "Sáu")
    big = home.files / first.file.rel_path
    big.chmod(0o600)                      # the store keeps its files read-only
    os.truncate(big, 64 << 30)
    return big, usb


def reading(pid: int | None, path) -> bool:
    """Process ``pid`` has ``path`` open (Linux: /proc/PID/fd)."""
    want = os.path.realpath(path)
    try:
        return any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == want
                   for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False
