"""Is the office whole? The database's own check, every stored file against its record, files
no record names, and the audit chain with its anchors.

``check(home)`` is the quick form run at each start (SQLite ``quick_check``, each file present
with its recorded size, the last anchor); ``check(home, full=True)`` is the one on demand
(``integrity_check``, every file's SHA-256, the whole chain). ``fix=True`` removes orphan files,
the only problem the program may mend by itself. The last result is kept for the Hôm nay panel.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .db import db, is_sqlite
from .filestore import FileStore, sha256_file


@dataclasses.dataclass
class Problem:
    kind: str          # database | file_missing | file_size | file_checksum | orphan | audit | anchor
    message: str       # Vietnamese, complete
    path: Path | None = None


@dataclasses.dataclass
class Report:
    full: bool
    problems: list[Problem] = dataclasses.field(default_factory=list)
    files_checked: int = 0
    audit_entries: int = 0
    removed: list[Path] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def of(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]

    def as_dict(self) -> dict:
        """In JSON's terms (the start-up duties' child process hands it to the program)."""
        return {"full": self.full, "files_checked": self.files_checked,
                "audit_entries": self.audit_entries,
                "problems": [[p.kind, p.message, str(p.path) if p.path else None]
                             for p in self.problems],
                "removed": [str(p) for p in self.removed]}

    @classmethod
    def from_dict(cls, d: dict) -> "Report":
        return cls(bool(d["full"]),
                   [Problem(str(k), str(m), Path(p) if p else None) for k, m, p in d["problems"]],
                   int(d["files_checked"]), int(d["audit_entries"]), [Path(p) for p in d["removed"]])


_LAST: dict = {}


def last_report() -> Report | None:
    return _LAST.get("report")


def remember(report: Report) -> None:
    """Keep ``report`` as the last one (a check made in another process: Hôm nay shows it)."""
    _LAST["report"] = report


def check(home, *, full: bool = False, fix: bool = False, anchors: bool = True) -> Report:
    from . import audit
    from .documents import StoredFile
    rep = Report(full=full)
    if is_sqlite():
        rows = db.execute_sql("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        bad = [r[0] for r in rows if r[0] != "ok"]
        for line in bad[:20]:
            rep.problems.append(Problem("database", f"Cơ sở dữ liệu hỏng: {line}"))
    store = FileStore(home.files)
    for sf in StoredFile.select(StoredFile.sha256, StoredFile.rel_path, StoredFile.size).iterator():
        p = store.path(sf.rel_path)
        rep.files_checked += 1
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            rep.problems.append(Problem("file_missing", f"Mất tệp lưu trữ {sf.rel_path}.", p))
            continue
        if size != sf.size:
            rep.problems.append(Problem("file_size", f"Tệp {sf.rel_path} sai kích thước "
                                        f"({size} byte, hồ sơ ghi {sf.size}).", p))
        elif full and sha256_file(p) != sf.sha256:
            rep.problems.append(Problem("file_checksum", f"Tệp {sf.rel_path} bị thay đổi (mã kiểm tra "
                                        "không khớp hồ sơ).", p))
    from .documents import find_orphans, remove_orphans   # the store's own rule (staging copies)
    if fix:
        rep.removed.extend(store.path(o.rel) for o in remove_orphans(store))
    else:
        for o in find_orphans(store):
            rep.problems.append(Problem("orphan", f"Tệp thừa trong kho (không văn bản nào dùng): "
                                        f"{o.rel}.", store.path(o.rel)))
    if full:
        v = audit.verify()
        rep.audit_entries = v.count
        if not v.ok:
            rep.problems.append(Problem("audit", f"Nhật ký thay đổi bị can thiệp: mục số {v.bad_seq} — "
                                        f"{v.reason}."))
    if anchors:
        try:
            found = audit.verify_anchors(home)
        except Exception as e:          # the anchor key cannot be read (no passphrase typed ...)
            found = [f"không kiểm tra được mốc neo: {e}"]
        for m in found:
            rep.problems.append(Problem("anchor", f"Nhật ký thay đổi: {m}."))
    _LAST["report"] = rep
    return rep
