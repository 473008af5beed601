"""The intake service: watch → settle → claim → ingest, in one loop, headless or inside the TUI.

    from intake.service import IntakeService
    svc = IntakeService(home, inbox=None, on_event=callback)   # inbox None: the setting
    svc.start()          # checks the inbox (VanphongError if unusable), then runs in a thread
    ...
    svc.stop()           # returns when the loop has finished (≤ a few seconds)

``callback(kind, message, incoming_id)`` is called from the service's thread after each file:
``kind`` is ``registered``, ``duplicate``, ``rejected``, ``recovered``, ``retry``, ``left``,
``info`` or ``error``; ``message`` is one Vietnamese line; ``incoming_id`` the document
registered (or, for a duplicate, the one it duplicates), else None. A Textual app hands it to
its own thread with ``app.call_from_thread``. ``run()`` is the same loop in the calling thread
(for a Textual thread worker: ``run()`` returns after ``stop()``); ``run_once()`` takes what is
in the inbox now and returns.

The database must be open (``models.db.open_database``) before the service starts.
"""
from __future__ import annotations

import datetime as _dt
import errno
import logging
import os
import queue
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from models import scans
from models.errors import VanphongError, os_error_text
from models.filestore import FileStore
from models.home import OfficeHome
from models.office import get_setting

from . import filters
from . import strings as S
from .claim import Claimed, ClaimDir
from .ingest import Event, Ingester, Transient, display_name
from .settle import Decision, SettleTracker
from .watch import POLL_INTERVAL, Watcher

log = logging.getLogger("vanphong.intake")

Callback = Callable[[str, str, "int | None"], None]
DEFAULT_INBOX_NAME = "scans_inbox"
BATCH = 20          # files settled together share one write transaction (the lock held ~0.2 s)


# --- the inbox -----------------------------------------------------------------------------------
def resolve_inbox(explicit: Path | str | None = None, home=None) -> Path:
    """``explicit`` (--inbox) if given; else the setting; else ``scans_inbox/`` inside the
    office's ``home`` (the current directory when no home is given), which is then stored in
    the setting (first start). Inside the home, two offices started from one folder never share
    a scanner folder; an office that has its setting keeps it."""
    if explicit:
        p = Path(explicit).expanduser()
    else:
        value = get_setting("intake.inbox")
        if not value:
            base = Path(home.path) if home is not None else Path.cwd()
            value = scans.remember_inbox(base / DEFAULT_INBOX_NAME)
        p = Path(value).expanduser()
    p = p.absolute()
    if not p.exists():
        # settings are stored NFC; a folder made by a Mac may be spelled NFD on disk
        alt = Path(unicodedata.normalize("NFD", str(p)))
        if alt.exists():
            p = alt
    return p


def _unusable(path: Path, reason: str) -> VanphongError:
    return VanphongError(S.INBOX_UNUSABLE.format(path=path, reason=reason))


def check_inbox(path: Path, create: bool = True) -> Path:
    """Make sure the intake can work in ``path``; a clear Vietnamese error otherwise."""
    def why(e: OSError, denied: str) -> str:
        if e.errno in (errno.EACCES, errno.EPERM):
            return denied
        return os_error_text(e)

    try:
        os.stat(path)
    except FileNotFoundError:
        if not create:
            raise _unusable(path, os_error_text(FileNotFoundError(errno.ENOENT, ""))) from None
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise _unusable(path, why(e, S.INBOX_NO_WRITE)) from e
    except OSError as e:
        raise _unusable(path, why(e, S.INBOX_NO_READ)) from e
    if not path.is_dir():
        raise _unusable(path, S.INBOX_NOT_DIR)
    try:
        os.listdir(path)
    except OSError as e:
        raise _unusable(path, why(e, S.INBOX_NO_READ)) from e
    if not os.access(path, os.W_OK | os.X_OK):
        raise _unusable(path, S.INBOX_NO_WRITE)
    try:
        for sub in (filters.FAILED_DIR, filters.PROCESSING_DIR):
            (path / sub).mkdir(exist_ok=True)
        probe = path / filters.PROCESSING_DIR / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise _unusable(path, why(e, S.INBOX_NO_WRITE)) from e
    return path


@dataclass
class _Retry:
    claimed: Claimed
    arrived_at: _dt.datetime | None
    attempts: int
    next_try: float


class IntakeService:
    def __init__(self, home: OfficeHome | Path | str, inbox: Path | str | None = None,
                 on_event: Callback | None = None, *, quiet: float | None = None,
                 max_wait: float | None = None, polling: bool | None = None,
                 rescan: float | None = None, poll_interval: float = POLL_INTERVAL):
        self.home = home if isinstance(home, OfficeHome) else OfficeHome(home)
        self._inbox_arg = inbox
        self.on_event = on_event
        self._quiet, self._max_wait, self._polling, self._rescan = quiet, max_wait, polling, rescan
        self.poll_interval = poll_interval
        self.inbox: Path | None = None
        self.counts: Counter = Counter()
        self.mode = ""
        self._q: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._prepared = False
        self._retries: list[_Retry] = []
        self._lost = False
        self.watcher: Watcher | None = None
        self.claims: ClaimDir | None = None
        self._sweeps: list[threading.Event] = []      # settled() callers waiting for a full pass

    # --- public ----------------------------------------------------------------------------------
    def prepare(self) -> Path:
        """Read the settings, check the inbox. Raises VanphongError (Vietnamese)."""
        if self._prepared:
            assert self.inbox is not None       # set below, before _prepared
            return self.inbox
        self.quiet = float(self._quiet if self._quiet is not None else get_setting("intake.quiet_seconds"))
        self.max_wait = float(self._max_wait if self._max_wait is not None
                              else get_setting("intake.max_wait_seconds"))
        self.polling = bool(self._polling if self._polling is not None else get_setting("intake.polling"))
        self.rescan = float(self._rescan if self._rescan is not None
                            else get_setting("intake.rescan_seconds"))
        self.inbox = check_inbox(resolve_inbox(self._inbox_arg, self.home))
        self.store = FileStore(self.home.files)
        self._prepared = True
        return self.inbox

    def start(self) -> None:
        """Check the inbox here (so an unusable one is an error for the caller), then run the
        loop in a daemon thread."""
        self.prepare()
        self._thread = threading.Thread(target=self._thread_main, name="vanphong-intake",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._q.put(("stop", None, 0.0))
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout)

    def settled(self, timeout: float | None = None) -> bool:
        """Rescan the whole inbox now, then wait until every file the service knows of has been
        decided (registered, refused, left alone or gone) and nothing is waiting for a retry.
        True once that pass is done; False if the service stopped or ``timeout`` ran out first.
        The marker a caller (a test, a `--once` run, an operator's "is it done?") waits for,
        instead of waiting for the folder to be quiet for a while."""
        done = threading.Event()
        self._q.put(("sweep", None, done))
        end = None if timeout is None else time.monotonic() + timeout
        while not done.wait(0.1):
            if not self.running or (end is not None and time.monotonic() >= end):
                return done.is_set()
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self) -> Counter:
        """Watch until ``stop()``. Blocks the calling thread."""
        return self._run(once=False)

    def run_once(self) -> Counter:
        """Take in what is in the inbox now (each file still has to settle), then return."""
        return self._run(once=True)

    # --- the loop ------------------------------------------------------------------------------
    def _thread_main(self) -> None:
        try:
            self._run(once=False)
        except Exception as e:      # never silently: tell the host
            log.exception("intake: service stopped by an error")
            self._emit(Event("error", S.EV_ERROR.format(error=e)))
        finally:
            try:
                from models.db import db
                db.close()          # this thread's connection
            except Exception:
                pass

    def _run(self, once: bool) -> Counter:
        inbox = self.prepare()
        self.claims = ClaimDir(inbox, stale_after=max(600.0, 3 * self.rescan)).open()
        self.ingester = Ingester(inbox, self.store, self.claims)
        self.tracker = SettleTracker(self.quiet, self.max_wait)
        try:
            if not once:
                self._start_watcher()
            else:
                self.mode = S.MODE_ONCE
            self._emit(Event("info", S.EV_STARTED.format(inbox=self.inbox, mode=self.mode)))
            self._recover()
            self._scan()
            next_rescan = time.monotonic() + self.rescan
            while not self._stop.is_set():
                now = time.monotonic()
                deadlines = [next_rescan]
                due = self.tracker.next_due()
                if due is not None:
                    deadlines.append(due)
                if self._retries:
                    deadlines.append(min(r.next_try for r in self._retries))
                timeout = min(max(0.0, min(deadlines) - now), 5.0)
                if not self._drain(timeout):
                    break
                if time.monotonic() >= next_rescan:
                    self._rescan_all()
                    next_rescan = time.monotonic() + self.rescan
                self._decide_all(self.tracker.poll(final=once), once)
                self._run_retries(final=once)
                if self._sweeps and len(self.tracker) == 0 and not self._retries:
                    for ev in self._sweeps:
                        ev.set()
                    self._sweeps.clear()
                if once and len(self.tracker) == 0 and self._q.empty():
                    break
        finally:
            if self.watcher is not None:
                self.watcher.stop()
                self.watcher = None
            if self.claims is not None:
                self.claims.close()
            self._emit(Event("info", S.EV_STOPPED.format(registered=self.counts["registered"],
                                                         rejected=self.counts["rejected"]
                                                         + self.counts["duplicate"])))
            # ready to be started again (the TUI restarts it after the settings change)
            self._q = queue.Queue()
            self._stop.clear()
        return self.counts

    def _start_watcher(self) -> None:
        assert self.inbox is not None       # the loop runs prepare() first
        self.watcher = Watcher(self.inbox, self._q, polling=self.polling, interval=self.poll_interval)
        m = self.watcher.start()
        # native events: wait for the close-after-write; polling sees no closes
        self.tracker.require_close = not m.polling
        if not m.polling:
            self.mode = S.MODE_INOTIFY
        elif m.reason.startswith("!"):
            self._emit(Event("info", S.EV_WATCH_FALLBACK.format(error=m.reason[1:])))
            self.mode = S.MODE_POLLING.format(interval=m.interval)
        elif m.reason:
            self.mode = S.MODE_POLLING_NETWORK.format(interval=m.interval, fstype=m.reason)
        else:
            self.mode = S.MODE_POLLING.format(interval=m.interval)

    def _drain(self, timeout: float) -> bool:
        """Apply queued watcher messages; False when asked to stop."""
        try:
            msg = self._q.get(timeout=timeout) if timeout > 0 else self._q.get_nowait()
        except queue.Empty:
            return True
        n = 0
        while True:
            kind, path, when = msg
            if kind == "stop":
                return False
            try:
                if kind == "sweep":     # from settled(): no path; ``when`` is the Event to set
                    self._sweep(when)
                else:
                    self._apply(kind, path, when)
            except Exception:   # pragma: no cover - defensive
                log.exception("intake: could not apply %s %s", kind, path)
            n += 1
            if n >= 5000:
                return True
            try:
                msg = self._q.get_nowait()
            except queue.Empty:
                return True

    def _apply(self, kind: str, path: Path, when: float) -> None:
        if kind == "touch":
            self.tracker.touch(path)
        elif kind == "write":
            self.tracker.touch(path, writing=True)
        elif kind == "closed":
            self.tracker.touch(path, closed=True, when=when)
        elif kind == "seen":
            self.tracker.see(path)
        elif kind == "gone":
            self.tracker.forget(path)
        elif kind == "gone_dir":
            self.tracker.forget_under(path)
        elif kind == "dir":
            self._scan(path)

    def _sweep(self, done: threading.Event) -> None:
        self._rescan_all()
        self._sweeps.append(done)       # set once all is decided

    # --- scanning the folder ------------------------------------------------------------------
    def _scan(self, top: Path | None = None) -> int:
        """Track every file under ``top`` (default: the inbox) not tracked yet."""
        assert self.inbox is not None       # the loop runs prepare() first
        top = top or self.inbox
        found = 0

        def onerror(e: OSError) -> None:
            log.warning("intake: cannot read %s: %s", e.filename, e.strerror)

        for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
            d = Path(dirpath)
            rel_dir = d.relative_to(self.inbox)
            dirnames[:] = [n for n in dirnames if not filters.is_ignored_dir(rel_dir / n)]
            for fn in filenames:
                if filters.is_ignored(rel_dir / fn):
                    continue
                if self.tracker.see(d / fn):
                    found += 1
        return found

    def _rescan_all(self) -> None:
        assert self.inbox is not None and self.claims is not None   # set before the loop starts
        if not self.inbox.is_dir():     # share unmounted, USB disk pulled: say so once, keep trying
            if not self._lost:
                self._lost = True
                self._emit(Event("error", S.EV_WATCH_LOST.format(
                    inbox=self.inbox, error="thư mục không còn truy cập được")))
            return
        if self._lost:
            self._lost = False
            self._emit(Event("info", S.EV_WATCH_BACK.format(inbox=self.inbox)))
        self.claims.heartbeat()
        if not (self.claims.path / ".owner").exists():
            self.claims.open()         # someone removed our folder: make it again
        self._recover()
        self._scan()
        if self.watcher is not None and not self.watcher.alive():
            self._emit(Event("info", S.EV_WATCH_LOST.format(inbox=self.inbox,
                                                            error="bộ theo dõi đã dừng")))
            self.watcher.stop()
            self._start_watcher()

    def _recover(self) -> None:
        """Files parked by intakes that are no longer running: take them over and finish them."""
        assert self.claims is not None      # set before the loop starts
        for folder in self.claims.orphans():
            found = self.claims.recover(folder)
            for at in range(0, len(found), BATCH):
                self._ingest_many([(c, None, None) for c in found[at:at + BATCH]])

    # --- deciding and doing ---------------------------------------------------------------------
    def _decide_all(self, decisions: list[Decision], once: bool) -> None:
        """Files that settled together are claimed and registered a batch at a time: one write
        transaction and one disk flush for up to BATCH files."""
        ready = [d for d in decisions if d.kind == "ready"]
        for d in decisions:
            if d.kind != "ready":
                self._decide(d, once)
        for at in range(0, len(ready), BATCH):
            items = []
            for d in ready[at:at + BATCH]:
                c = self._claim(d.path)
                if c is not None:
                    items.append((c, d.arrived_at, d.stat))
            if items:
                self._ingest_many(items)

    def _decide(self, d: Decision, once: bool) -> None:
        if d.kind == "gone":
            return
        if d.kind == "incomplete":          # one-shot run: leave it unless it is old
            age = time.time() - (d.mtime or time.time())
            if d.mtime is not None and age >= self.max_wait:
                if d.reason == S.REASON_EMPTY:
                    self._refuse(d, "empty", S.REASON_STILL_EMPTY.format(seconds=f"{self.max_wait:g}"))
                else:
                    self._refuse(d, "incomplete", S.REASON_TOO_LONG.format(
                        seconds=f"{self.max_wait:g}", last=d.reason))
            else:
                assert self.inbox is not None   # the loop runs prepare() first
                rel = d.path.relative_to(self.inbox)
                self._emit(Event("left", S.EV_LEFT.format(name=display_name(rel), reason=d.reason),
                                 name=display_name(rel)))
            return
        if d.kind == "rejected":
            kind = "unreadable" if d.reason.startswith(S.REASON_UNREADABLE.split("{")[0]) else "unsupported"
            self._refuse(d, kind, d.reason)
            return
        if d.kind == "too_long":
            empty = d.reason == S.REASON_STILL_EMPTY.format(seconds=f"{self.max_wait:g}")
            self._refuse(d, "empty" if empty else "incomplete", d.reason)
            return
        c = self._claim(d.path)
        if c is not None:
            self._ingest(c, d.arrived_at, d.stat)

    def _claim(self, path: Path) -> Claimed | None:
        assert self.inbox is not None and self.claims is not None   # set before the loop starts
        try:
            return self.claims.claim(path)
        except OSError as e:
            if os.name == "nt" and isinstance(e, PermissionError):
                self.tracker.touch(path)   # Windows: still open in the scanner's program; wait
                return None
            self._emit(Event("error", S.EV_ERROR.format(
                error=f"{display_name(path.relative_to(self.inbox))}: {os_error_text(e)}")))
            return None

    def _refuse(self, d: Decision, kind: str, reason: str) -> None:
        c = self._claim(d.path)
        if c is None:
            return
        try:
            self._emit(self.ingester.reject(c, kind, reason))
        except Exception as e:
            log.exception("intake: could not move %s to failed/", c.path)
            self._emit(Event("error", S.EV_ERROR.format(error=e)))

    def _ingest(self, c: Claimed, arrived_at: _dt.datetime | None, expect: tuple | None) -> None:
        self._ingest_many([(c, arrived_at, expect)])

    def _ingest_many(self, items: Sequence[tuple[Claimed, _dt.datetime | None, tuple | None]]
                     ) -> None:
        assert self.inbox is not None       # the loop runs prepare() first
        try:
            outcomes = self.ingester.ingest_many(items)
        except Exception as e:          # pragma: no cover - ingest_many reports per file
            outcomes = [e] * len(items)
        for (c, arrived_at, _), ev in zip(items, outcomes, strict=True):
            if isinstance(ev, Transient):
                self._retries.append(_Retry(c, arrived_at, 1, time.monotonic() + 2.0))
                self._emit(Event("retry", S.EV_RETRY.format(name=display_name(c.rel), error=ev),
                                 name=display_name(c.rel)))
                continue
            if isinstance(ev, Exception):   # a bug or an odd file: never stop the service for it
                log.error("intake: ingest failed for %s", c.path, exc_info=ev)
                try:
                    ev = self.ingester.reject(c, "error", S.REASON_ERROR.format(error=ev))
                except Exception as e2:
                    log.exception("intake: could not move %s to failed/", c.path)
                    ev = Event("error", S.EV_ERROR.format(error=e2))
            if ev is None:                  # put back to settle again
                p = self.inbox / c.rel
                if p.exists():
                    self.tracker.touch(p)
                continue
            self._emit(ev)

    def _run_retries(self, final: bool) -> None:
        if not self._retries:
            return
        now = time.monotonic()
        keep = []
        for r in self._retries:
            if r.next_try > now and not final:
                keep.append(r)
                continue
            try:
                ev = self.ingester.ingest(r.claimed, r.arrived_at, None)
            except Transient as e:
                if final:
                    # one-shot: leave it parked; the next run recovers it
                    self._emit(Event("error", S.EV_RETRY.format(name=display_name(r.claimed.rel), error=e)))
                    continue
                r.attempts += 1
                r.next_try = now + min(60.0, 2.0 ** r.attempts)
                if r.attempts % 10 == 0:
                    self._emit(Event("retry", S.EV_RETRY.format(name=display_name(r.claimed.rel), error=e)))
                keep.append(r)
                continue
            except Exception as e:
                log.exception("intake: retry failed for %s", r.claimed.path)
                ev = self.ingester.reject(r.claimed, "error", S.REASON_ERROR.format(error=e))
            if ev is not None:
                self._emit(ev)
        self._retries = keep

    def _emit(self, ev: Event) -> None:
        self.counts[ev.kind] += 1
        (log.warning if ev.kind in ("rejected", "duplicate", "error", "retry") else log.info)(
            "intake: %s", ev.message)
        if self.on_event is not None:
            try:
                self.on_event(ev.kind, ev.message, ev.incoming_id)
            except Exception:
                log.exception("intake: on_event callback failed")
