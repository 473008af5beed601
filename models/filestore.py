"""The office's file store: every stored file once, by SHA-256, written atomically.

Layout: ``<home>/files/ab/abcdef….pdf``. A file is copied to a temporary name in the same
folder, fsynced, then renamed into place, so a crash leaves either nothing or the whole file.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(_CHUNK)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    def relpath(self, sha: str, ext: str) -> str:
        ext = ext.lower() if ext.startswith(".") or not ext else "." + ext.lower()
        return f"{sha[:2]}/{sha}{ext}"

    def path(self, rel: str) -> Path:
        return self.root / rel

    def put(self, src: Path | str, ext: str | None = None, sha: str | None = None) -> tuple[str, str, int]:
        """Store ``src``; return (sha256, relative path, size). Idempotent for the same content."""
        src = Path(src)
        sha = sha or sha256_file(src)
        ext = ext if ext is not None else src.suffix
        rel = self.relpath(sha, ext)
        dest = self.root / rel
        size = src.stat().st_size
        if dest.exists() and dest.stat().st_size == size:
            return sha, rel, size
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        try:
            with open(src, "rb") as fi, open(tmp, "wb") as fo:
                shutil.copyfileobj(fi, fo, _CHUNK)
                fo.flush()
                os.fsync(fo.fileno())
            if sha256_file(tmp) != sha:
                raise OSError(f"tệp {src.name} thay đổi trong khi sao chép")
            os.replace(tmp, dest)
            _fsync_dir(dest.parent)
        finally:
            if tmp.exists():
                tmp.unlink()
        return sha, rel, size

    def remove(self, rel: str) -> bool:
        p = self.root / rel
        if p.exists():
            p.unlink()
            return True
        return False


ORPHAN_MIN_AGE = 600      # seconds: a younger file may belong to a transaction still running


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":         # os.kill(pid, 0) would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def orphan_files(store: "FileStore", min_age: float = ORPHAN_MIN_AGE) -> list[Path]:
    """Files in the store that no stored-file row names (copied in by a transaction that then
    rolled back, or left half-written by a crash). Files younger than ``min_age`` seconds are
    left alone: their transaction may not have committed yet; so are the temporaries of a copy
    whose process is still running."""
    import time

    from .documents import StoredFile          # late: documents imports this module
    if not store.root.is_dir():
        return []
    known = {r for (r,) in StoredFile.select(StoredFile.rel_path).tuples()}
    now = time.time()
    out = []
    for p in sorted(store.root.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(store.root).as_posix()
        if rel in known:
            continue
        if p.name.startswith(".") and p.name.endswith(".tmp"):
            pid = p.name.rsplit(".", 2)[-2]
            if pid.isdigit() and _pid_alive(int(pid)):
                continue
        try:
            if now - p.stat().st_mtime < min_age:
                continue
        except FileNotFoundError:
            continue
        out.append(p)
    return out
