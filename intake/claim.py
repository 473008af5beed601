"""Claim: take a file out of everyone else's reach before working on it.

Each running intake owns a hidden working folder ``<inbox>/.processing/<host>-<pid>-<start>/``.
A file is claimed by renaming it into that folder, keeping its path relative to the inbox
(``Tỉnh ủy/scan001.pdf`` stays under ``Tỉnh ủy/`` so the sender is not lost). A rename on one
file system is atomic, so when two intakes race for the same file exactly one wins; the other
gets ``FileNotFoundError`` and moves on.

While alive, the owner holds an exclusive lock on ``.owner`` in its folder and touches that file
at every rescan (a heartbeat for owners on other machines, where locks are not visible). At
start and at every rescan, folders whose owner is gone (lock free on this machine, or heartbeat
older than ``stale_after`` for another machine) are *orphans*: their files are claimed again,
one by one by rename, by whichever live intake gets there first.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from . import filters

log = logging.getLogger("vanphong.intake")

OWNER_FILE = ".owner"

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _host() -> str:
    h = socket.gethostname().split(".")[0] or "may"
    return "".join(c if c.isalnum() or c in "_" else "_" for c in h)[:40]


@dataclass
class Claimed:
    path: Path          # where the file is now (inside our working folder)
    rel: Path           # its path relative to the inbox, as the file system spells it
    recovered: bool = False   # taken over from a dead intake's folder


def _lock(fd: int, blocking: bool = False) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        return True
    except OSError:
        return False


class ClaimDir:
    def __init__(self, inbox: Path, stale_after: float = 600.0):
        self.inbox = Path(inbox)
        self.base = self.inbox / filters.PROCESSING_DIR
        self.host = _host()
        self.name = f"{self.host}-{os.getpid()}-{int(time.time() * 1000) % 10**10:x}"
        self.path = self.base / self.name
        self.stale_after = stale_after
        self._fd: int | None = None

    # --- our own folder --------------------------------------------------------------------------
    def open(self) -> "ClaimDir":
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self.path.mkdir(parents=True, exist_ok=True)
        owner = self.path / OWNER_FILE
        fd = os.open(owner, os.O_RDWR | os.O_CREAT, 0o644)
        _lock(fd)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"host": self.host, "pid": os.getpid(),
                                 "started": time.time()}).encode())
        self._fd = fd
        return self

    def heartbeat(self) -> None:
        try:
            os.utime(self.path / OWNER_FILE)
        except OSError:
            pass

    def close(self) -> None:
        """Give up our folder. Files still in it (only after an error) stay for recovery."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _remove_empty_tree(self.path, keep_owner=True)
        try:
            if not _has_files(self.path):
                os.unlink(self.path / OWNER_FILE)
                self.path.rmdir()
        except OSError:
            pass
        os.close(fd)

    def claim(self, path: Path) -> Claimed | None:
        """Move ``path`` (inside the inbox) into our folder; None if someone else got it first."""
        rel = path.relative_to(self.inbox)
        dest = self.path / rel
        for attempt in (1, 2):
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(path, dest)
                return Claimed(dest, rel)
            except FileNotFoundError:
                if not os.path.lexists(path):
                    return None             # another intake took it
                if attempt == 1 and not (self.path / OWNER_FILE).exists():
                    self.open()             # our folder was removed under us: make it again
                    continue
                raise
        return None

    def release(self, c: Claimed) -> Path:
        """Put a claimed file back where it was (a free name if that is taken). Returns it."""
        target = unique_path(self.inbox / c.rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(c.path, target)
        self._prune(c.path.parent)
        return target

    def done(self, c: Claimed) -> None:
        """The claimed file is dealt with (registered and removed, or moved to failed/)."""
        self._prune(c.path.parent)

    def _prune(self, folder: Path) -> None:
        while folder != self.path and self.path in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent

    def leftovers(self) -> list[Claimed]:
        """Files in our own folder (none, unless something failed half-way)."""
        return [Claimed(p, p.relative_to(self.path)) for p in _files(self.path)]

    # --- other intakes' folders ---------------------------------------------------------------------
    def orphans(self) -> list[Path]:
        """Working folders whose owner is no longer running."""
        out: list[Path] = []
        try:
            entries = list(os.scandir(self.base))
        except OSError:
            return out
        for e in entries:
            if not e.is_dir(follow_symlinks=False) or e.name == self.name:
                continue
            if self._is_dead(Path(e.path)):
                out.append(Path(e.path))
        return out

    def _is_dead(self, folder: Path) -> bool:
        owner = folder / OWNER_FILE
        if not owner.exists():
            # a crash between mkdir and creating .owner, or an intake starting right now
            try:
                return time.time() - folder.stat().st_mtime > 60
            except OSError:
                return False
        try:
            info = json.loads(owner.read_bytes() or b"{}")
        except (OSError, ValueError):
            info = {}
        host = info.get("host") or folder.name.rsplit("-", 2)[0]
        if host == self.host and fcntl is not None:
            try:
                fd = os.open(owner, os.O_RDWR)
            except FileNotFoundError:
                return True
            except OSError:
                return False
            try:
                free = _lock(fd)
                return free
            finally:
                os.close(fd)   # closing drops our probe lock
        try:
            age = time.time() - owner.stat().st_mtime
        except FileNotFoundError:
            try:
                age = time.time() - folder.stat().st_mtime
            except OSError:
                return False
        except OSError:
            return False
        return age > self.stale_after

    def recover(self, folder: Path) -> list[Claimed]:
        """Claim every file left in a dead intake's folder; then remove the folder."""
        got = []
        for p in _files(folder):
            rel = p.relative_to(folder)
            dest = unique_path(self.path / rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(p, dest)
            except FileNotFoundError:       # another intake recovered it first
                continue
            got.append(Claimed(dest, rel, recovered=True))
        _remove_empty_tree(folder, keep_owner=False)
        try:
            if not _has_files(folder):
                try:
                    os.unlink(folder / OWNER_FILE)
                except FileNotFoundError:
                    pass
                folder.rmdir()
        except OSError:
            pass
        return got


def _files(folder: Path) -> list[Path]:
    out = []
    for dirpath, _, filenames in os.walk(folder):
        for fn in filenames:
            if fn == OWNER_FILE and Path(dirpath) == folder:
                continue
            out.append(Path(dirpath) / fn)
    return out


def _has_files(folder: Path) -> bool:
    return bool(_files(folder))


def _remove_empty_tree(folder: Path, keep_owner: bool) -> None:
    for dirpath, _, _ in os.walk(folder, topdown=False):
        if Path(dirpath) == folder:
            continue
        try:
            os.rmdir(dirpath)
        except OSError:
            pass


NAME_MAX = 255


def fit_name(name: str, reserve: int = 0) -> str:
    """Shorten ``name`` (keeping its extension) so that it plus ``reserve`` bytes fits NAME_MAX."""
    limit = NAME_MAX - reserve
    if len(os.fsencode(name)) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(os.fsencode(ext)) > 16:
        stem, ext, dot = name, "", ""
    suffix = (dot + ext)
    budget = limit - len(os.fsencode(suffix)) - len(os.fsencode("…"))
    s = stem
    while len(os.fsencode(s)) > budget:
        s = s[:-1]
    return s + "…" + suffix


def unique_path(p: Path, reserve: int = 0) -> Path:
    """``p``, or ``name (2).ext``, ``name (3).ext`` … whichever does not exist yet; a name too
    long for the file system (with ``reserve`` bytes to spare) is shortened."""
    first = p.with_name(fit_name(p.name, reserve))
    if not os.path.lexists(first):
        return first
    name = fit_name(p.name, reserve + 8)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    cand = p.with_name(name)
    n = 2
    while os.path.lexists(cand):
        cand = p.with_name(f"{stem} ({n}){'.' + ext if dot else ''}")
        n += 1
    return cand
