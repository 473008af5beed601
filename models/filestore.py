"""The office's file store: every stored file once, by SHA-256.

Layout: ``<home>/files/ab/abcdef….pdf``.

Files follow the database, never lead it:

- ``stage`` copies a new content to a unique temporary beside its final place
  (``ab/.abcdef….<random>.tmp``), fsynced and checked against its SHA-256. This may happen
  before the write transaction (a big scan is not copied while the other desks wait), and a
  temporary belongs to nobody: a crash leaves only a temporary, which is swept once stale.
- ``link`` renames it into place (and fsyncs the folder) *inside* the write transaction that
  records its row, after the row: a rollback or a crash then leaves at worst a file that no row
  points at (an orphan, removed by ``documents.remove_orphans``), never a row without its file.
- A stored file is deleted only after the transaction that deleted its row has committed.

A file already in place is trusted only when its content hashes to its name: a damaged or
truncated file is replaced by the new copy.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .fsio import PRIVATE_FILE, fsync_dir, sync_batch

_CHUNK = 1 << 20
TEMP_SUFFIX = ".tmp"


def sha256_file(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(_CHUNK)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


@dataclass
class Staged:
    """A content copied into the store under a temporary name, not yet in place."""
    sha: str
    rel: str             # where it goes: "ab/abcdef….pdf"
    size: int
    tmp: Path | None     # None once linked or discarded


@dataclass(frozen=True)
class StoreEntry:
    rel: str             # "ab/abcdef….pdf", or "ab/.abcdef….x1y2.tmp" for a temporary
    path: Path
    size: int
    mtime: float
    temporary: bool


class FileStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    def relpath(self, sha: str, ext: str) -> str:
        ext = ext.lower() if ext.startswith(".") or not ext else "." + ext.lower()
        return f"{sha[:2]}/{sha}{ext}"

    def path(self, rel: str) -> Path:
        return self.root / rel

    # --- writing ---------------------------------------------------------------------------
    def stage(self, src: Path | str, ext: str | None = None, sha: str | None = None) -> Staged:
        """Copy ``src`` to a unique owner-only temporary beside its final place, fsynced. The
        copy must hash to ``sha`` (computed first when not given): a file that changed while it
        was copied is refused (OSError)."""
        src = Path(src)
        ext = ext if ext is not None else src.suffix
        sha = sha or sha256_file(src)
        folder = self.root / sha[:2]
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{sha}.", suffix=TEMP_SUFFIX, dir=folder)
        path = Path(name)
        tmp: Path | None = path         # None once it is handed over: nothing to clean up
        try:
            h = hashlib.sha256()
            with os.fdopen(fd, "wb") as fo, open(src, "rb") as fi:
                while True:
                    b = fi.read(_CHUNK)
                    if not b:
                        break
                    h.update(b)
                    fo.write(b)
                fo.flush()
                self._sync_file(fo.fileno())
            if h.hexdigest() != sha:
                raise OSError(f"tệp {src.name} thay đổi trong khi sao chép")
            os.chmod(path, PRIVATE_FILE)
            staged = Staged(sha, self.relpath(sha, ext), path.stat().st_size, path)
            tmp = None
            return staged
        finally:
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()

    def holds(self, rel: str, sha: str) -> bool:
        """Whether the file at ``rel`` is there and hashes to ``sha``."""
        try:
            return sha256_file(self.root / rel) == sha
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return False

    def link(self, staged: Staged, rel: str | None = None) -> Path:
        """Put a staged content in place (at ``rel``, by default where it was staged for). A file
        already there with the right content is kept; a missing, damaged or truncated one is
        replaced. Call it inside the write transaction that records the content's row."""
        rel = rel or staged.rel
        dest = self.root / rel
        if staged.tmp is None:
            if self.holds(rel, staged.sha):
                return dest
            raise FileNotFoundError(f"tệp tạm của {rel} không còn")
        if self.holds(rel, staged.sha):
            self.discard(staged)
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged.tmp, dest)      # FileNotFoundError if swept meanwhile: the caller rolls back
        staged.tmp = None
        self._sync_dir(dest.parent)
        return dest

    def deferred(self) -> "DeferredStore":
        """The same store for a batch of files: ``stage`` and ``link`` do not fsync each file and
        folder; the caller calls ``sync()`` once, before the commit that records them."""
        return DeferredStore(self.root)

    def _sync_file(self, fd: int) -> None:
        os.fsync(fd)

    def _sync_dir(self, folder: Path) -> None:
        fsync_dir(folder)

    def discard(self, staged: Staged) -> None:
        if staged.tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                staged.tmp.unlink()
            staged.tmp = None

    @contextlib.contextmanager
    def staging(self, src: Path | str, ext: str | None = None,
                sha: str | None = None) -> Iterator[Staged]:
        """``stage`` for the length of a block; a temporary not linked by its end is removed."""
        staged = self.stage(src, ext=ext, sha=sha)
        try:
            yield staged
        finally:
            self.discard(staged)

    def put(self, src: Path | str, ext: str | None = None, sha: str | None = None) -> tuple[str, str, int]:
        """Stage and link at once; return (sha256, relative path, size). Idempotent for the same
        content. Outside a transaction that records the row, the file is an orphan until one
        does: the store's owners use ``stage``/``link`` (``documents.store_file``)."""
        with self.staging(src, ext=ext, sha=sha) as st:
            self.link(st)
            return st.sha, st.rel, st.size

    # --- removing ----------------------------------------------------------------------------
    def remove(self, rel: str) -> bool:
        p = self.root / rel
        try:
            p.unlink()
        except FileNotFoundError:
            return False
        fsync_dir(p.parent)
        return True

    def entries(self) -> Iterator[StoreEntry]:
        """Every file in the store, stored contents and staging temporaries alike."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if not folder.is_dir():
                continue
            try:
                names = sorted(folder.iterdir())
            except FileNotFoundError:
                continue
            for p in names:
                e = self._entry(p, f"{folder.name}/{p.name}") if p.is_file() else None
                if e is not None:
                    yield e

    def _entry(self, p: Path, rel: str) -> StoreEntry | None:
        try:
            st = p.stat()
        except FileNotFoundError:      # removed meanwhile (a temporary linked into place)
            return None
        return StoreEntry(rel, p, st.st_size, st.st_mtime,
                          p.name.startswith(".") and p.name.endswith(TEMP_SUFFIX))


class DeferredStore(FileStore):
    """``FileStore.deferred()``: files staged and linked through it are made durable together by
    ``sync()`` (one flush of the store's file system, then each folder touched) — one disk
    flush for a batch instead of two per file. Files still follow the database: ``sync()``
    runs before the commit that records them."""

    def __init__(self, root: Path | str):
        super().__init__(root)
        self._folders: set[Path] = set()

    def _sync_file(self, fd: int) -> None:
        pass                                    # flushed by sync()

    def _sync_dir(self, folder: Path) -> None:
        self._folders.add(folder)

    def stage(self, src: Path | str, ext: str | None = None, sha: str | None = None) -> Staged:
        st = super().stage(src, ext=ext, sha=sha)
        if st.tmp is not None:
            self._folders.add(st.tmp.parent)
        return st

    def sync(self) -> None:
        if self._folders:
            sync_batch(sorted(self._folders))
            self._folders.clear()
