"""What the program does for the office's data at each start, and what Hôm nay says about it.

``at_start(home)`` runs after login, off the screen's thread: the quick integrity check every
time; on the day's first start also the query planner's statistics (``db.refresh_statistics``),
an audit anchor and (setting ``backup.auto``) a backup to
the backup folder, keeping ``backup.keep`` (a backup cut short by closing the program is tried
again at the next start). It never asks for anything: an office whose key is a
passphrase gets no automatic backup, and Hôm nay says so.

The program (the TUI) runs them in a child process, ``run_in_child(home)`` — ``python -m
models.safety --home DIR`` — not in a thread of its own: a backup loads OpenSSL, tar and zlib
buffers and its own SQLite cache, memory a process keeps until it ends, and it would share the
interpreter with the screen on a small two-core PC. The child tells what happens as JSON lines
on its standard output; the program repeats them and keeps Hôm nay's state (``_state``, the
last integrity report). Closing the program stops the child (SIGTERM, then SIGKILL after
``TERM_GRACE`` seconds; what a killed backup left is removed). The command line and the tests
call ``at_start`` in their own process.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Callable

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
        _refresh_statistics()
        stopped = False
        try:
            passphrase_office = backupkey.is_passphrase(home)
        except VanphongError as e:
            notices.append(e.message)
            passphrase_office = True
        try:
            if not passphrase_office:
                k = backupkey.load_key(home)            # made now on a fresh office: say where
                if k.notice:
                    notices.append(k.notice)
            audit.record_anchor(home, why="start")      # a passphrase office: its own anchor key file
        except VanphongError as e:
            notices.append(e.message)
        if get_setting("backup.auto"):
            if cancel is not None and cancel.is_set():
                stopped = True                          # closing before it began: next start
            elif passphrase_office and not os.environ.get(backupkey.PASSPHRASE_ENV):
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


def _refresh_statistics() -> None:
    """The planner's statistics, sampled again once a day (``db.refresh_statistics``). Only
    speed depends on them: a database another desk holds busy gets them tomorrow."""
    from .db import refresh_statistics
    from .errors import is_database_busy
    try:
        refresh_statistics()
    except Exception as e:
        if not is_database_busy(e):
            raise


# --- in a child process ----------------------------------------------------------------------------
TERM_GRACE = 5.0        # seconds a child asked to stop has to stop by itself before it is killed
FAILED = "Kiểm tra/sao lưu lúc khởi động không chạy được: {reason}"
TASK_FAILED = "Sao lưu/kiểm tra bản sao lưu không chạy được: {reason}"
BUSY = "Chương trình đang kiểm tra hoặc sao lưu dữ liệu; hãy thử lại khi việc đó xong."
_POLL = 0.1             # how often a run with a cancel event looks at it
_LINE_MAX = 16 << 20    # one line of the child's; a longer one is not the child's protocol
_STDERR_KEPT = 64 << 10  # of the child's error output, the end is written to the error log


class ChildRun:
    """The start-up duties in a child process. ``run(cancel)`` returns the notices as
    ``at_start`` does, calling ``on_event(kind, message)`` for each of the child's events as
    it arrives. A child that cannot start, crashes, or says nothing readable is one "error"
    event (its error output in ``<home>/logs/errors.log``), never an exception.

    ``task``: instead of the start-up duties, what someone asked for: ``("--now",)`` a backup
    (``backup_tasks.backup_now``), ``("--verify", path)`` a backup checked (``verify_now``).

    ``pid`` is the child's; ``signalled`` is set once it was asked to stop (the cancel event
    set), ``killed`` says it had to be killed."""

    def __init__(self, home, today: _dt.date | None = None,
                 on_event: Callable[[str, str], None] | None = None, grace: float | None = None,
                 task: tuple[str, ...] = ()):
        self.home = home
        self.today = today
        self.task = task
        self.say = on_event or (lambda kind, message: None)
        self.grace = TERM_GRACE if grace is None else grace
        self.pid: int | None = None
        self.returncode: int | None = None
        self.signalled = threading.Event()
        self.killed = False
        self._deadline: float | None = None
        self._notices: list[str] | None = None       # the child's last line: the work is done
        self._daily = False                           # ... and it was the day's first start
        self._failure = ""                            # the child's own Vietnamese reason
        self._garbage: list[bytes] = []

    def command(self) -> list[str]:
        """This interpreter, this copy of the program (see ``environment``); ``-P``: not the
        current folder first on the module path (a ``models`` folder there is not ours)."""
        cmd = [sys.executable, "-P", "-m", "models.safety", "--home", str(Path(self.home.path))]
        if self.today is not None:
            cmd += ["--today", self.today.isoformat()]
        return cmd + list(self.task)

    @staticmethod
    def environment() -> dict[str, str]:
        """The child finds the same code as the program: the folder holding this ``models``
        package first on its path."""
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join([root, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
        return env

    def run(self, cancel: threading.Event | None = None) -> list[str]:
        with _lock:
            if _state["running"]:
                if self.task:                       # asked for: say why nothing happens
                    self.say("warning", BUSY)
                return []
            _state["running"] = True
        try:
            return self._run(cancel)
        finally:
            _state["running"] = False

    def _run(self, cancel) -> list[str]:
        from .errors import os_error_text
        with tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                    env=self.environment(), close_fds=True,
                    # its own session: a Ctrl+C typed in the program's terminal is not the child's
                    # (POSIX; ignored on Windows)
                    start_new_session=True)
            except OSError as e:
                return self._fail(f"không chạy được {sys.executable} ({os_error_text(e)}).", None)
            self.pid = proc.pid
            assert proc.stdout is not None
            lines: queue.Queue[bytes | None] = queue.Queue()
            reader = threading.Thread(target=self._pump, args=(proc.stdout, lines),
                                      name="vanphong-safety-child", daemon=True)
            reader.start()
            try:
                while True:
                    self._watch(proc, cancel)
                    try:
                        line = lines.get(timeout=self._wait(cancel))
                    except queue.Empty:
                        continue
                    if line is None:
                        break
                    self._take(line)
                reader.join()
                while True:
                    try:
                        self.returncode = proc.wait(self._wait(cancel))
                        break
                    except subprocess.TimeoutExpired:
                        self._watch(proc, cancel)
            except BaseException:                       # on_event failed: no child left behind
                proc.kill()
                proc.wait()
                raise
            finally:
                proc.stdout.close()
            if self.signalled.is_set():                 # the program closes: nobody to tell
                if self.killed:
                    self._clear_after_kill()
                return self._done()
            if self._notices is not None:
                if self.returncode != 0 or self._garbage:
                    self._log(err)
                return self._done()
            return self._fail(self._reason(), err)

    def _done(self) -> list[str]:
        """The notices; kept for Hôm nay when the child did the day's duties (at_start keeps
        them only then: a later start leaves the first one's notices on the panel)."""
        if self._notices is not None and self._daily:
            _state["notices"] = self._notices
        return self._notices or []

    def _wait(self, cancel) -> float | None:
        return None if cancel is None or self.killed else _POLL

    def _watch(self, proc: subprocess.Popen, cancel) -> None:
        """Ask the child to stop once ``cancel`` is set; kill it when it did not in time."""
        if cancel is None or not cancel.is_set() or proc.poll() is not None:
            return
        if not self.signalled.is_set():
            self._deadline = time.monotonic() + self.grace
            proc.terminate()                    # SIGTERM: the child's own cancel event
            self.signalled.set()
        elif not self.killed and time.monotonic() >= (self._deadline or 0):
            proc.kill()
            self.killed = True

    @staticmethod
    def _pump(out: IO[bytes], lines: queue.Queue) -> None:
        try:
            while line := out.readline(_LINE_MAX):
                lines.put(line)
        except (OSError, ValueError):
            pass
        finally:
            lines.put(None)

    def _take(self, raw: bytes) -> None:
        from .integrity import Report, remember
        try:
            msg = json.loads(raw)
            if "event" in msg:
                kind, message = msg["event"]
                self.say(str(kind), str(message))
            elif "report" in msg:
                remember(Report.from_dict(msg["report"]))
            elif "notices" in msg:
                self._notices = [str(n) for n in msg["notices"]]
                self._daily = bool(msg.get("daily"))
            elif "failed" in msg:
                self._failure = str(msg["failed"])
            else:
                raise ValueError("unknown line")
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._garbage.append(raw[:500])

    def _reason(self) -> str:
        if self._failure:
            return self._failure
        rc = self.returncode
        if rc is not None and rc < 0:
            return f"chương trình con bị dừng (tín hiệu {-rc})."
        if rc:
            return f"chương trình con dừng vì lỗi (mã thoát {rc})."
        return "chương trình con không trả lời được (không đọc được điều nó viết ra)."

    def _fail(self, reason: str, err) -> list[str]:
        logged = self._log(err) if not self._failure else None
        message = (TASK_FAILED if self.task else FAILED).format(reason=reason)
        if logged is not None:
            message += f" Chi tiết ghi ở {logged}."
        self.say("error", message)
        if not self.task:
            _state["notices"] = [message]
        return [message]

    def _log(self, err) -> Path | None:
        """The child's error output (its end) and what it wrote that was not its protocol, to
        the office's error log; the log's path, or None when there was nothing or it failed."""
        text = b""
        if err is not None:
            try:
                size = err.seek(0, os.SEEK_END)
                err.seek(max(0, size - _STDERR_KEPT))
                text = err.read()
            except OSError:
                pass
        if self._garbage:
            text += b"\n--- on its standard output:\n" + b"\n".join(g.rstrip(b"\n") for g in self._garbage)
        if not text.strip():
            return None
        return self.home.log_text(text.decode("utf-8", "replace").rstrip(),
                                  f"safety: child process {self.pid}, exit code {self.returncode}")

    def _clear_after_kill(self) -> None:
        """A backup killed half-way leaves its database snapshot and unfinished archive."""
        from . import backup
        if self.pid is None:
            return
        try:
            backup.clear_leftovers(self.home, self.pid)
        except Exception:               # the next backup clears them too (by age)
            pass


def run_in_child(home, on_event: Callable[[str, str], None] | None = None,
                 cancel: threading.Event | None = None, today: _dt.date | None = None) -> list[str]:
    """``at_start`` in a child process (see ``ChildRun``)."""
    return ChildRun(home, today, on_event).run(cancel)


class _Lines:
    """The child's side: one JSON line per message on what was its standard output. Whatever
    else writes to standard output (a library's print) goes to its error output instead."""

    def __init__(self):
        sys.stdout.flush()
        self.out = os.fdopen(os.dup(1), "w", encoding="ascii", errors="backslashreplace")
        os.dup2(2, 1)
        self.gone = False

    def send(self, obj: dict) -> None:
        if self.gone:
            return
        try:
            self.out.write(json.dumps(obj) + "\n")
            self.out.flush()
        except (OSError, ValueError):   # the program went away: the work goes on, unsaid
            self.gone = True
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), self.out.fileno())
            except OSError:
                pass


def _child_main(argv: list[str]) -> int:
    """``python -m models.safety --home DIR [--today YYYY-MM-DD]``: the start-up duties, told as
    JSON lines (``{"event": [kind, message]}``, ``{"report": …}`` the integrity report before
    the first event, ``{"notices": […], "daily": bool}`` last; ``{"failed": message}`` when they could not
    run). SIGTERM (the program closes) stops a backup between two files. With ``--now`` a
    backup someone asked for instead (``backup_tasks.backup_now``), with ``--verify FILE``
    one backup checked (``backup_tasks.verify_now``): the same lines, no report."""
    import argparse
    import signal

    from . import integrity
    from .db import close_database, open_database
    from .errors import DATABASE_BUSY, is_database_busy
    from .home import OfficeHome, private_umask
    ap = argparse.ArgumentParser(prog="python -m models.safety",
                                 description="Kiểm tra, mốc neo và sao lưu lúc khởi động.")
    ap.add_argument("--home", required=True)
    ap.add_argument("--today", type=_dt.date.fromisoformat)
    task = ap.add_mutually_exclusive_group()
    task.add_argument("--now", action="store_true", help="sao lưu ngay")
    task.add_argument("--verify", metavar="FILE", help="kiểm tra một bản sao lưu")
    args = ap.parse_args(argv)
    out = _Lines()
    cancel = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: cancel.set())
    private_umask()
    home = OfficeHome(args.home)
    told: list[integrity.Report] = []

    def tell_report() -> None:
        rep = integrity.last_report()
        if rep is not None and not told:
            out.send({"report": rep.as_dict()})
            told.append(rep)

    def say(kind: str, message: str) -> None:
        tell_report()                   # first: Hôm nay, reloaded on an event, must show it
        out.send({"event": [kind, message]})

    try:
        open_database(home.db_url, migrate=False)
        try:
            if args.now:
                from .backup_tasks import backup_now
                notices = backup_now(home, on_event=say, cancel=cancel)
            elif args.verify:
                from .backup_tasks import verify_now
                notices = verify_now(home, args.verify, on_event=say)
            else:
                notices = at_start(home, args.today, on_event=say, cancel=cancel)
        finally:
            close_database()
    except VanphongError as e:
        out.send({"failed": e.message})
        return 2
    except Exception as e:
        if not is_database_busy(e):
            raise                       # its traceback on the error output, for the error log
        out.send({"failed": DATABASE_BUSY})
        return 2
    tell_report()
    # at_start keeps its list as _state["notices"] only when it did the day's first start
    out.send({"notices": notices, "daily": _state["notices"] is notices})
    return 0


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
    return Panel("An toàn dữ liệu", count, lines, area="backups", severity=severity)


dashboard.register_panel(200, "safety.backup", _panel)


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
