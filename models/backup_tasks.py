"""Backups someone asks for (the Sao lưu screen): what the screen shows (``overview``), a backup
made now (``backup_now``) and one backup read whole and checked (``verify_now``). The program runs
the last two in a child process, as the start-up duties (``safety.ChildRun`` with a task:
``python -m models.safety --home DIR --now`` / ``--verify FILE``); tests and the command line may
call them directly. Each says what happened in one Vietnamese event: "saved", "checked" or
"error" with the reason."""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import VanphongError

PASSPHRASE_ONLY = ("Khóa sao lưu của văn phòng là cụm mật khẩu, chương trình không hỏi được ở đây: "
                   "hãy {what} ở dòng lệnh và gõ cụm mật khẩu.")


def size_text(size: int) -> str:
    """A file's size as people read it: "850 KB", "12,3 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1e6:.1f} MB".replace(".", ",")


def _reason(e: Exception) -> str:
    """Why it could not be done, as a sentence: the refusal's own, or the system's reason."""
    from .errors import os_error_text
    if isinstance(e, VanphongError):
        return e.message
    return f"{os_error_text(e)}." if isinstance(e, OSError) else str(e)


@dataclass
class Overview:
    """What the Sao lưu screen shows: where backups go and whether that folder is there (a USB
    stick not plugged in), where the key is (or why that is not known), the automatic backup's
    settings, the last good backup and the backups in the folder, newest first."""
    folder: Path
    present: bool
    key_place: str
    auto: bool
    keep: int
    last_ok: _dt.datetime | None
    backups: list


def overview(home) -> Overview:
    from . import backup, backupkey
    from .office import get_setting
    folder = backup.default_folder(home)
    try:
        place = backupkey.where(home)
    except VanphongError as e:
        place = e.message
    last = backup.last_backup(home) or {}
    try:
        last_ok = _dt.datetime.fromisoformat(last["last_ok"]) if last.get("last_ok") else None
    except (TypeError, ValueError):
        last_ok = None
    return Overview(folder, folder.is_dir(), place, bool(get_setting("backup.auto")),
                    int(get_setting("backup.keep")), last_ok, backup.kept_backups(folder))


def backup_now(home, on_event: Callable[[str, str], None] | None = None, cancel=None) -> list[str]:
    """A backup someone asked for: to the backup folder, keeping ``backup.keep`` of them. Said
    as one event, "saved" with where and how big or "error" with why; returns the notices (where
    a new key was made)."""
    from . import backup, backupkey
    from .office import get_setting
    say = on_event or (lambda kind, message: None)
    try:
        if backupkey.is_passphrase(home) and not os.environ.get(backupkey.PASSPHRASE_ENV):
            raise VanphongError(PASSPHRASE_ONLY.format(what="sao lưu bằng lệnh vanphong backup"))
        r = backup.create_backup(home, keep=get_setting("backup.keep"), cancel=cancel)
    except (VanphongError, OSError) as e:
        say("error", f"Không sao lưu được: {_reason(e)}")
        return []
    notices = [r.notice] if r.notice else []
    for n in notices:
        say("warning", n)
    say("saved", f"Đã sao lưu vào {r.path} ({size_text(r.size)}, {r.files} tệp).")
    return notices


def verify_now(home, path: Path | str, on_event: Callable[[str, str], None] | None = None) -> list[str]:
    """Read one backup whole and check every part of it, as a restore would before writing
    anything (nothing is written). Said as one event: "checked" or "error" with why."""
    from . import backup, backupkey
    from .text import format_date
    say = on_event or (lambda kind, message: None)
    name = Path(path).name
    try:
        header = backup.peek_header(path)
        if header.get("kdf") and not os.environ.get(backupkey.PASSPHRASE_ENV):
            raise VanphongError(PASSPHRASE_ONLY.format(
                what=f"kiểm tra bằng lệnh vanphong restore {name} --verify-only"))
        try:
            own = backupkey.load_key(home, create=False)
        except VanphongError:               # none yet, or not reachable: the backup's own id
            own = None
        key = own.key if own is not None and own.key_id == header.get("key_id") else None
        m = backup.verify_backup(path, key or backup.restore_key(path))
    except (VanphongError, OSError) as e:
        say("error", f"{name}: {_reason(e)}")
        return []
    files = sum(1 for n in m["members"] if n.startswith("files/"))
    made = _dt.datetime.fromisoformat(m["created"])
    say("checked", f"Bản sao lưu {name} nguyên vẹn: cơ sở dữ liệu và {files} tệp, tạo lúc "
                   f"{made:%H:%M} ngày {format_date(made.date())}.")
    return []
