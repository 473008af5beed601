"""Files in the store that no row points at (a rollback or a crash between a commit and the
removal of its files): found, and removed under the write lock."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Iterable, cast

from .. import audit, users
from ..db import db
from ..filestore import FileStore
from .common import log
from .records import StoredFile

ORPHAN_TEMP_AGE = _dt.timedelta(hours=6)   # a staging copy older than this belongs to no one


def remove_after_commit(store: FileStore, rel: str) -> None:
    """Delete the stored file ``rel`` once the current transaction has committed, if no row
    points at it then (at once when there is no transaction). A rollback keeps it; a failure
    or a crash leaves an orphan for ``remove_orphans``."""
    def remove() -> None:
        try:
            _remove_unreferenced(store, [rel])
        except Exception:     # the commit stands; the file waits for the next sweep
            log.exception("could not remove %s from the file store after commit", rel)
    db.after_commit(remove)


def _referenced(rels: list[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(rels), 500):
        q = StoredFile.select(StoredFile.rel_path).where(StoredFile.rel_path.in_(rels[i:i + 500]))
        out.update(r for (r,) in cast(Iterable[tuple[str]], q.tuples()))
    return out


def _remove_unreferenced(store: FileStore, rels: list[str]) -> list[str]:
    """Under the write lock (no desk links a file meanwhile): delete those of ``rels`` that
    no row points at."""
    gone = []
    with db.atomic():
        keep = _referenced(rels)
        for rel in rels:
            if rel not in keep and store.remove(rel):
                gone.append(rel)
    return gone


@dataclass(frozen=True)
class Orphan:
    rel: str            # path inside the store
    size: int
    temporary: bool     # a staging copy that was never linked (a crashed or rolled-back copy)


def find_orphans(store: FileStore, now: _dt.datetime | None = None,
                 temp_age: _dt.timedelta = ORPHAN_TEMP_AGE) -> list[Orphan]:
    """Files in the store that no row points at: left by a transaction that rolled back after
    linking its file, or by a crash between a commit and the removal of its files; and staging
    copies older than ``temp_age``. Younger staging copies may be another desk's copy in
    progress and are left alone. Reads only; ``remove_orphans`` removes them."""
    now_ts = (now or _dt.datetime.now()).timestamp()
    entries = list(store.entries())
    known = _referenced([e.rel for e in entries if not e.temporary])
    out = []
    for e in entries:
        if e.temporary:
            if now_ts - e.mtime >= temp_age.total_seconds():
                out.append(Orphan(e.rel, e.size, True))
        elif e.rel not in known:
            out.append(Orphan(e.rel, e.size, False))
    return out


def remove_orphans(store: FileStore, actor=None, now: _dt.datetime | None = None,
                   temp_age: _dt.timedelta = ORPHAN_TEMP_AGE) -> list[Orphan]:
    """Remove what ``find_orphans`` finds (each one checked again under the write lock) and
    record the removal in the audit log. Run at start and by the office check."""
    found = find_orphans(store, now, temp_age)
    if not found:
        return []
    gone: list[Orphan] = []
    with db.atomic():
        keep = _referenced([o.rel for o in found if not o.temporary])
        for o in found:
            if o.rel in keep:
                continue
            if store.remove(o.rel):
                gone.append(o)
        if gone:
            files = [o.rel for o in gone]
            audit.append(actor or users.SYSTEM, "remove_orphan_files", "stored_file", None, None,
                         {"count": len(gone), "bytes": sum(o.size for o in gone),
                          "files": files[:100] + (["…"] if len(files) > 100 else [])})
    return gone
