"""Crash-safe file writes: the one way vanphong writes a file the office keeps.

Every file is written to a unique temporary name in its own folder, flushed and fsynced, renamed
over the target, and the folder fsynced, so a power cut leaves either the old file or the whole new
one, and two writers (two prints at once) never share a temporary. New files are owner-only
(0600) unless the caller asks otherwise: an export or a printout may carry personal or secret data.

    atomic_write_bytes(path, pdf)
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    with atomic_path(path) as tmp:      # for libraries that save to a path (openpyxl)
        wb.save(tmp)
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def fsync_dir(path: Path | str) -> None:
    """Make a rename or a new entry in ``path`` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TEMP_NAME_BYTES = 100      # of the target's name in its temporary's: a name near the file
                            # system's limit (255 bytes) must still get a temporary


def _temp_in(folder: Path, name: str, tag: str = "") -> tuple[int, Path]:
    short = name.encode("utf-8", "surrogateescape")[:_TEMP_NAME_BYTES].decode("utf-8", "ignore")
    fd, tmp = tempfile.mkstemp(prefix=f".{short}.{tag}", suffix=".tmp", dir=folder)
    return fd, Path(tmp)


@contextlib.contextmanager
def atomic_path(path: Path | str, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """Yield a unique temporary path beside ``path``; when the block ends without an error, the
    temporary is fsynced, given ``mode`` and renamed over ``path``. On an error it is removed and
    ``path`` is untouched."""
    path = Path(path)
    fd, tmp = _temp_in(path.parent, path.name)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, mode)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(path: Path | str, mode: str = "wb", *, file_mode: int = PRIVATE_FILE,
                sync: bool = True, tag: str = "", **kwargs) -> Iterator[IO]:
    """``open()`` for writing, atomically: the target appears whole or not at all.
    ``sync=False`` (a batch of many files, e.g. a restore) leaves flushing to one
    ``sync_batch()`` at the end, where the platform has it. ``tag`` goes into the temporary's
    name (``.<name>.<tag><random>.tmp``): a long writer's own, to find what it left if killed."""
    sync = sync or not hasattr(os, "sync")
    if not mode.startswith("w"):
        raise ValueError("atomic_open is for writing ('w' or 'wb')")
    path = Path(path)
    fd, tmp = _temp_in(path.parent, path.name, tag)
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            if sync:
                os.fsync(f.fileno())
        os.chmod(tmp, file_mode)
        os.replace(tmp, path)
        if sync:
            fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _syncfs(folder) -> bool:
    """Linux: flush only the file system holding ``folder`` (not every disk of the machine)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        return False
    try:
        return getattr(libc, "syncfs", None) is not None and libc.syncfs(fd) == 0
    finally:
        os.close(fd)


def sync_batch(folders) -> None:
    """Make durable, at once, files written with ``atomic_open(sync=False)``: one system-wide
    flush instead of two per file (thousands of files restored), then each folder."""
    folders = list(folders)
    if not (folders and _syncfs(folders[0])) and hasattr(os, "sync"):
        os.sync()
    for folder in folders:
        fsync_dir(folder)


def atomic_write_bytes(path: Path | str, data: bytes, mode: int = PRIVATE_FILE) -> Path:
    path = Path(path)
    with atomic_open(path, "wb", file_mode=mode) as f:
        f.write(data)
    return path


def atomic_write_text(path: Path | str, text: str, mode: int = PRIVATE_FILE,
                      encoding: str = "utf-8") -> Path:
    path = Path(path)
    with atomic_open(path, "w", file_mode=mode, encoding=encoding) as f:
        f.write(text)
    return path


def append_private(path: Path | str, text: str, mode: int = PRIVATE_FILE) -> None:
    """Append ``text`` to a log (created owner-only), flushed and fsynced. A log only grows, so
    an append is its crash-safe write: a cut leaves at most a partial last entry."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
    try:
        os.write(fd, text.encode("utf-8", "replace"))
        os.fsync(fd)
    finally:
        os.close(fd)
