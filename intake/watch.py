"""Watch: turn file-system events in the inbox into plain messages on a queue.

The native observer (inotify on Linux) is used where it works: its close-after-write event is
the first sign that a scan is finished. A ``PollingObserver`` (which compares directory
snapshots, so it reports half-written files too) is used when asked, when the inbox is on a
network file system (inotify does not see writes made by another machine), or when the native
observer cannot start (no inotify, watch limit reached). Either way the periodic rescan in the
service catches anything an observer missed.

Messages put on the queue: ``(kind, path, wall_time)`` with kind ``touch`` (created),
``write`` (modified: a writer has it open), ``closed`` (close-after-write, or renamed into
place), ``seen`` (found inside a folder moved in), ``gone``, ``gone_dir`` or ``dir`` (a folder
appeared: walk it); paths absolute, as the file system spells them.
"""
from __future__ import annotations

import logging
import os
import queue
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEventHandler)

from . import filters

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

log = logging.getLogger("vanphong.intake")

POLL_INTERVAL = 1.0

# file systems where another machine writes and no local event is raised
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre",
              "davfs", "vboxsf", "vmhgfs", "virtiofs", "drvfs", "sshfs", "ncpfs", "coda",
              "fuse.sshfs", "fuse.glusterfs", "fuse.davfs2", "fuse.rclone", "fuse.vmhgfs-fuse",
              "fuse.s3fs", "fuse.cephfs", "fuse.smbnetfs", "fuse.gvfsd-fuse"}

EVENT_TYPES = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent,
               FileDeletedEvent, DirCreatedEvent, DirMovedEvent, DirDeletedEvent]


def _unescape_mount(s: str) -> str:
    # /proc/self/mounts escapes space, tab, newline and backslash as octal
    return (s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
            .replace("\\134", "\\"))


def filesystem_type(path: Path | str, mounts: str = "/proc/self/mounts") -> str:
    """The type of the file system ``path`` lives on ('' when unknown)."""
    p = os.path.realpath(path)
    if os.name == "nt":
        return _windows_fs_type(p)
    best, fstype = "", ""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mnt = _unescape_mount(parts[1])
                if (p == mnt or p.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                    best, fstype = mnt, parts[2]
    except OSError:
        return ""
    return fstype


def _windows_fs_type(p: str) -> str:  # pragma: no cover - Windows only
    if p.startswith("\\\\"):
        return "smb"
    if sys.platform != "win32":
        return ""
    try:
        import ctypes
        drive = os.path.splitdrive(p)[0] + "\\"
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:   # DRIVE_REMOTE
            return "smb"
    except Exception:
        pass
    return ""


def is_network_fs(path: Path | str, mounts: str = "/proc/self/mounts") -> tuple[bool, str]:
    t = filesystem_type(path, mounts)
    return (t.lower() in NETWORK_FS or t.lower().startswith("nfs")), t


@dataclass
class WatchMode:
    polling: bool
    reason: str = ""        # network file system type, or the native observer's error
    interval: float = POLL_INTERVAL


class _Handler(FileSystemEventHandler):
    def __init__(self, root: Path, q: "queue.Queue"):
        super().__init__()
        self.root = root
        self.q = q

    def _rel_ok(self, path: str, is_dir: bool) -> Path | None:
        p = Path(os.fsdecode(path))
        try:
            rel = p.relative_to(self.root)
        except ValueError:
            return None
        if is_dir:
            return None if filters.is_ignored_dir(rel) or not rel.parts else p
        return None if filters.is_ignored(rel) else p

    def dispatch(self, event) -> None:  # never let an exception kill the observer thread
        try:
            self._dispatch(event)
        except Exception:  # pragma: no cover - defensive
            log.exception("intake: event handling failed for %r", event)

    def _dispatch(self, event) -> None:
        now = time.time()
        if event.is_directory:
            if event.event_type == "created":
                p = self._rel_ok(event.src_path, True)
                if p is not None:
                    self.q.put(("dir", p, now))
            elif event.event_type == "moved":
                if event.src_path:
                    self.q.put(("gone_dir", Path(os.fsdecode(event.src_path)), now))
                p = self._rel_ok(event.dest_path, True) if event.dest_path else None
                if p is not None:
                    self.q.put(("dir", p, now))
            elif event.event_type == "deleted":
                self.q.put(("gone_dir", Path(os.fsdecode(event.src_path)), now))
            return
        kind = event.event_type
        if kind == "moved":
            if event.src_path:
                self.q.put(("gone", Path(os.fsdecode(event.src_path)), now))
            p = self._rel_ok(event.dest_path, False)
            if p is not None:
                self.q.put(("closed", p, now))     # renamed into place: the writer is done
            return
        if kind == "deleted":
            self.q.put(("gone", Path(os.fsdecode(event.src_path)), now))
            return
        p = self._rel_ok(event.src_path, False)
        if p is None:
            return
        if kind == "created":
            # a creation alone says nothing about an open writer: inotify also reports files
            # already inside a folder that just appeared as created. Writes come as modified.
            self.q.put(("seen" if event.is_synthetic else "touch", p, now))
            return
        self.q.put(("closed" if kind == "closed" else "write", p, now))


class Watcher:
    """Owns one watchdog observer over ``root`` (recursive) feeding ``q``."""

    def __init__(self, root: Path, q: "queue.Queue", polling: bool = False,
                 interval: float = POLL_INTERVAL):
        self.root = Path(root)
        self.q = q
        self.want_polling = polling
        self.interval = interval
        self.observer: BaseObserver | None = None
        self.mode = WatchMode(True)

    def start(self) -> WatchMode:
        net, fstype = is_network_fs(self.root)
        if self.want_polling or net:
            self.mode = WatchMode(True, fstype if net else "", self.interval)
            self._start_polling()
            return self.mode
        try:
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver
            if Observer is PollingObserver:
                raise OSError("hệ điều hành không có cơ chế báo thay đổi tệp")
            # full events: a file moved in from outside the inbox comes as a move (it is
            # complete: someone renamed it into place), not as a creation (being written)
            inotify = getattr(Observer, "__name__", "") == "InotifyObserver"
            kw = {"generate_full_events": True} if inotify else {}
            obs = Observer(**kw)
            obs.schedule(_Handler(self.root, self.q), str(self.root), recursive=True,
                         event_filter=EVENT_TYPES)
            obs.start()
            self.observer = obs
            self.mode = WatchMode(False)
        except Exception as e:       # inotify missing, watch/instance limit reached (ENOSPC/EMFILE)
            log.warning("intake: native observer unavailable (%s); polling instead", e)
            self.mode = WatchMode(True, f"!{e}", self.interval)
            self._start_polling()
        return self.mode

    def _start_polling(self) -> None:
        from watchdog.observers.polling import PollingObserver
        obs = PollingObserver(timeout=self.interval)
        obs.schedule(_Handler(self.root, self.q), str(self.root), recursive=True,
                     event_filter=EVENT_TYPES)
        obs.start()
        self.observer = obs

    def alive(self) -> bool:
        if self.observer is None or not self.observer.is_alive():
            return False
        return all(e.is_alive() for e in self.observer.emitters)

    def stop(self) -> None:
        obs, self.observer = self.observer, None
        if obs is None:
            return
        try:
            obs.stop()
            obs.join(timeout=5)
        except Exception:  # pragma: no cover - defensive
            log.exception("intake: stopping the observer failed")
