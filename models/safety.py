"""What the program does for the office's data at each start, and what Hôm nay says about it.

``at_start(home)`` runs after login, off the screen's thread: the quick integrity check every
time; on the day's first start also an audit anchor and (setting ``backup.auto``) a backup to
the backup folder, keeping ``backup.keep`` (a backup cut short by closing the program is tried
again at the next start). It never asks for anything: an office whose key is a
passphrase gets no automatic backup, and Hôm nay says so.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import threading
from pathlib import Path
from typing import Callable

from . import dashboard, fsio
from .errors import VanphongError

DAY_NAME = "daily-start.json"

_state: dict = {"notices": [], "running": False}
_lock = threading.Lock()


def _done_today(home, today: _dt.date) -> bool:
    try:
        p = Path(home.path) / DAY_NAME
        return json.loads(p.read_text(encoding="utf-8")).get("date") == today.isoformat()
    except (OSError, ValueError):
        return False


def _mark_done(home, today: _dt.date) -> None:
    fsio.atomic_write_text(Path(home.path) / DAY_NAME, json.dumps({"date": today.isoformat()}) + "\n")


def at_start(home, today: _dt.date | None = None,
             on_event: Callable[[str, str], None] | None = None, cancel=None) -> list[str]:
    """The start-up duties; returns the notices said (Vietnamese). Safe to call from a thread."""
    from . import audit, backup, backupkey, integrity
    from .office import get_setting
    say = on_event or (lambda kind, message: None)
    today = today or _dt.date.today()
    notices: list[str] = []
    with _lock:
        if _state["running"]:
            return []
        _state["running"] = True
    try:
        rep = integrity.check(home, anchors=True)
        if not rep.ok:
            say("error", f"Kiểm tra dữ liệu: có {len(rep.problems)} vấn đề (xem Hôm nay).")
        if _done_today(home, today):
            return notices
        stopped = False
        try:
            rec = backupkey.read_record(home)
            passphrase_office = ((rec or {}).get("store") == "passphrase"
                                 or backupkey.chosen_store() == "passphrase")
        except VanphongError as e:
            notices.append(e.message)
            rec, passphrase_office = None, True
        try:
            if not passphrase_office:
                k = backupkey.load_key(home)            # made now on a fresh office: say where
                if k.notice:
                    notices.append(k.notice)
            audit.record_anchor(home, why="start")      # a passphrase office: its own anchor key file
        except VanphongError as e:
            notices.append(e.message)
        if get_setting("backup.auto"):
            if passphrase_office and not os.environ.get(backupkey.PASSPHRASE_ENV):
                notices.append("Khóa sao lưu là cụm mật khẩu: không tự sao lưu được. Hãy chạy "
                               "vanphong backup và gõ cụm mật khẩu.")
            else:
                try:
                    r = backup.create_backup(home, keep=get_setting("backup.keep"), why="daily",
                                             cancel=cancel)
                    if r.notice:
                        notices.append(r.notice)
                    say("saved", f"Đã tự sao lưu vào {r.path}.")
                except VanphongError as e:
                    if cancel is not None and cancel.is_set():
                        stopped = True                  # closed half-way: again at the next start
                    else:
                        notices.append(f"Không tự sao lưu được: {e.message}")
                except OSError as e:
                    notices.append(f"Không tự sao lưu được: {e.strerror or e}.")
        if not stopped:
            _mark_done(home, today)
        for n in notices:
            say("warning", n)
        _state["notices"] = notices
        return notices
    finally:
        _state["running"] = False


# --- Hôm nay -------------------------------------------------------------------------------------
def _home():
    """The office home of the open database (the SQLite file's folder)."""
    from .db import db, is_sqlite
    from .home import OfficeHome
    if db.obj is None or not is_sqlite():
        return None
    return OfficeHome(Path(db.obj.database).parent)


def _panel(actor, today: _dt.date):
    from . import backup, integrity, users
    from .dashboard import Panel
    from .text import format_date
    home = _home()
    if home is None or not users.can(actor, "settings.edit"):
        return None
    lines: list[str] = []
    severity = "info"
    last = backup.last_backup(home)
    if last is None:
        lines.append("Chưa có bản sao lưu nào.")
        severity = "warning"
        age = None
    else:
        at = _dt.datetime.fromisoformat(last["last_ok"])
        age = (today - at.date()).days
        when = "hôm nay" if age <= 0 else f"{age} ngày trước"   # a clock set back: no "-3 days"
        lines.append(f"Sao lưu gần nhất: {format_date(at.date())} ({when}).")
        if age > backup.STALE_DAYS:
            lines.append(f"Đã quá {backup.STALE_DAYS} ngày chưa sao lưu: hãy sao lưu ngay.")
            severity = "warning"
    rep = integrity.last_report()
    if rep is not None and not rep.ok:
        severity = "error"
        lines.append(f"Kiểm tra dữ liệu: {len(rep.problems)} vấn đề.")
        lines += [p.message for p in rep.problems[:3]]
    lines += _state.get("notices", [])[:2]
    count = len(rep.problems) if rep is not None else 0
    return Panel("An toàn dữ liệu", count, lines, area="settings", severity=severity)


dashboard.register_panel(200, "safety.backup", _panel)
