"""Settle: decide when a file in the inbox is finished and may be taken in.

A file is *ready* when all three hold:

1. no event came for it for ``quiet`` seconds (inotify's close-after-write is usually the last);
2. its size, mtime and inode are the same as at the last event (a polling observer, or a
   network share, may not report every write);
3. its content is complete (``content.check``): a PDF ends with ``%%EOF``, a JPEG with FFD9, a
   PNG with IEND, a TIFF's IFDs can be read. A scanner that closes the file between pages
   leaves it incomplete; it keeps waiting, checked again every ``quiet`` seconds.

With a native observer (``require_close``), a file that was written to (created/modified events)
is not even looked at until its close-after-write event (or a rename into place) arrives: the
close is the first signal. Should that event never come (a hard link, a writer that keeps the
file open), the file is looked at after ``stall`` seconds without events.

A file that is still incomplete or still changing ``max_wait`` seconds after it was first seen
is given up (``too_long``) so it can be moved to ``failed/`` with its reason. A file that
vanishes is forgotten (``gone``). Nothing here moves files: the tracker only decides.

Single-threaded and clock-injected, so tests drive it with a fake clock.
"""
from __future__ import annotations

import datetime as _dt
import os
import stat as _stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from models.errors import os_error_text

from . import content
from . import strings as S


@dataclass
class Pending:
    path: Path
    first_seen: float
    last_event: float
    next_check: float
    stat: tuple | None = None          # (size, mtime_ns, inode) at the last observation
    closed_at: float | None = None     # wall-clock time of the last close-after-write event
    writing: bool = False              # written to, and no close-after-write seen since
    last_reason: str = ""


@dataclass
class Decision:
    kind: str                    # ready | rejected | too_long | incomplete | gone
    path: Path
    verdict: content.Verdict | None = None
    reason: str = ""
    arrived_at: _dt.datetime | None = None
    stat: tuple | None = None
    mtime: float | None = None
    extra: dict = field(default_factory=dict)


def stat_key(st: os.stat_result) -> tuple:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class SettleTracker:
    def __init__(self, quiet: float = 1.0, max_wait: float = 300.0, *,
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time,
                 check: Callable[[Path], content.Verdict] = content.check,
                 lstat: Callable[[Path], os.stat_result] = os.lstat,
                 require_close: bool = False, stall: float | None = None):
        self.quiet = float(quiet)
        self.require_close = require_close
        self.stall = float(stall) if stall is not None else max(30.0, 10 * self.quiet)
        self.max_wait = float(max_wait)
        self._clock = clock
        self._wall = wall
        self._check = check
        self._lstat = lstat
        self._pending: dict[Path, Pending] = {}

    # --- what the watcher and the scans report -----------------------------------------------
    def touch(self, path: Path, closed: bool = False, when: float | None = None,
              writing: bool = False) -> None:
        """An event for ``path``: (re)start its quiet time. ``closed``: a close-after-write (or a
        rename into place); ``writing``: a create/modify event (a writer has it open)."""
        now = self._clock()
        p = self._pending.get(path)
        if p is None:
            p = self._pending[path] = Pending(path, now, now, now + self.quiet)
        p.last_event = now
        p.next_check = self._capped(p, now + self.quiet)
        p.stat = self._stat_or_none(path)
        if closed:
            p.closed_at = when if when is not None else self._wall()
            p.writing = False
        elif writing:
            p.writing = True

    def see(self, path: Path) -> bool:
        """A scan found ``path``: track it if new, without restarting a running quiet time."""
        if path in self._pending:
            return False
        self.touch(path)
        return True

    def forget(self, path: Path) -> None:
        self._pending.pop(path, None)

    def forget_under(self, folder: Path) -> None:
        for p in [p for p in self._pending if folder in p.parents]:
            del self._pending[p]

    def __contains__(self, path: Path) -> bool:
        return path in self._pending

    def __len__(self) -> int:
        return len(self._pending)

    def paths(self) -> list[Path]:
        return list(self._pending)

    def next_due(self) -> float | None:
        """Clock time of the next check, or None when nothing waits."""
        if not self._pending:
            return None
        return min(p.next_check for p in self._pending.values())

    # --- deciding ------------------------------------------------------------------------------
    def poll(self, final: bool = False) -> list[Decision]:
        """Check every file whose time has come. ``final`` (a one-shot run): an incomplete
        file is reported as ``incomplete`` at once instead of being waited for."""
        now = self._clock()
        out: list[Decision] = []
        for path, p in list(self._pending.items()):
            if now < p.next_check:
                continue
            d = self._decide(p, now, final)
            if d is not None:
                self._pending.pop(path, None)
                out.append(d)
        return out

    def _capped(self, p: Pending, when: float) -> float:
        """``when``, but never after the limit: events keep restarting the quiet time, and a
        writer that never pauses must still be given up once ``max_wait`` has passed."""
        return min(when, p.first_seen + self.max_wait)

    def _stat_or_none(self, path: Path) -> tuple | None:
        try:
            return stat_key(self._lstat(path))
        except OSError:
            return None

    def _arrived(self, p: Pending, st: os.stat_result) -> _dt.datetime:
        """The close-after-write time when seen; otherwise when the file came into the folder
        (the later of mtime and ctime: a copy that kept an old mtime still arrived today)."""
        t = p.closed_at if p.closed_at is not None else max(st.st_mtime, st.st_ctime)
        return _dt.datetime.fromtimestamp(min(t, self._wall())).replace(microsecond=0)

    def _decide(self, p: Pending, now: float, final: bool) -> Decision | None:
        try:
            st = self._lstat(p.path)
        except FileNotFoundError:
            return Decision("gone", p.path)
        except OSError as e:
            return self._wait_or_give_up(p, now, final, S.REASON_UNREADABLE.format(error=os_error_text(e)))
        if _stat.S_ISDIR(st.st_mode):
            return Decision("gone", p.path)
        if not _stat.S_ISREG(st.st_mode):
            return Decision("rejected", p.path, reason=S.REASON_NOT_REGULAR, mtime=st.st_mtime)
        key = stat_key(st)
        waited = now - p.first_seen
        if key != p.stat:                       # changed since the last look: like an event
            p.stat = key
            p.last_event = now
            p.next_check = self._capped(p, now + self.quiet)
            if waited >= self.max_wait:
                return Decision("too_long", p.path, reason=self._too_long(p, "tệp vẫn đang thay đổi"),
                                stat=key, mtime=st.st_mtime)
            return None
        if now - p.last_event < self.quiet:
            if waited >= self.max_wait:         # events still come: it is still being written
                return Decision("too_long", p.path, reason=self._too_long(p, "tệp vẫn đang thay đổi"),
                                stat=key, mtime=st.st_mtime)
            p.next_check = self._capped(p, p.last_event + self.quiet)
            return None
        if self.require_close and p.writing and now - p.last_event < self.stall:
            if waited >= self.max_wait:
                return Decision("too_long", p.path, reason=self._too_long(p, "tệp vẫn đang mở để ghi"),
                                stat=key, mtime=st.st_mtime)
            p.next_check = self._capped(p, p.last_event + self.stall)  # a close event wakes it earlier
            return None
        try:
            v = self._check(p.path)
        except FileNotFoundError:
            return Decision("gone", p.path)
        except OSError as e:
            return Decision("rejected", p.path, reason=S.REASON_UNREADABLE.format(error=os_error_text(e)),
                            stat=key, mtime=st.st_mtime)
        if v.state == "complete":
            return Decision("ready", p.path, v, arrived_at=self._arrived(p, st), stat=key,
                            mtime=st.st_mtime)
        if v.state == "rejected":
            return Decision("rejected", p.path, v, reason=v.reason, stat=key, mtime=st.st_mtime)
        p.last_reason = v.reason
        d = self._wait_or_give_up(p, now, final, v.reason)
        if d is not None:
            d.verdict, d.stat, d.mtime = v, key, st.st_mtime
        return d

    def _wait_or_give_up(self, p: Pending, now: float, final: bool, reason: str) -> Decision | None:
        p.last_reason = reason
        if now - p.first_seen >= self.max_wait:
            return Decision("too_long", p.path, reason=self._too_long(p, reason))
        if final:
            return Decision("incomplete", p.path, reason=reason)
        p.next_check = self._capped(p, now + self.quiet)
        return None

    def _too_long(self, p: Pending, last: str) -> str:
        if last == S.REASON_EMPTY:
            return S.REASON_STILL_EMPTY.format(seconds=f"{self.max_wait:g}")
        return S.REASON_TOO_LONG.format(seconds=f"{self.max_wait:g}", last=last)
