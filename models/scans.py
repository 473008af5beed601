"""Scanner intake: the ledger of scans taken in, the files refused, and the settings and
dashboard panels of the scanner folder (the file watching itself is ``intake/``).

The ledger (``scan_intake``) has one row per content taken in, UNIQUE on SHA-256, written in
the same transaction as the incoming document it created. So a scan is registered at most once
however many intakes run and however often they crash: a second intake that reaches the same
content finds the row (or fails on the UNIQUE index and rolls back) and treats the file as a
duplicate, or, when it is the very file whose registration finished just before a crash (same
name), simply removes it from the inbox.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    IntegrityError, TextField)

from . import audit, dashboard, documents, users
from .db import BaseModel, db
from .errors import NotFound, ValidationError
from .filestore import DeferredStore, FileStore, Staged
from .office import Setting, define_setting, get_setting
from .text import format_datetime, nfc

define_setting("intake.inbox", "Thư mục nhận bản quét", "path", "",
               "Máy quét lưu tệp vào đây; mỗi tệp mới tự vào sổ văn bản đến với trạng thái "
               "“Cần bổ sung”. Thư mục con mang tên nơi gửi (ví dụ “Tỉnh ủy”). Để trống: thư mục "
               "scans_inbox trong thư mục dữ liệu của văn phòng.")
define_setting("intake.quiet_seconds", "Chờ tệp quét yên bao lâu trước khi nhận (giây)", "int", 1,
               "Tệp được nhận khi không còn thay đổi trong khoảng này và đã ghi trọn vẹn. Tăng lên "
               "nếu máy quét ghi từng trang cách nhau lâu.", minimum=1, maximum=600)
define_setting("intake.max_wait_seconds", "Chờ tệp quét chưa hoàn chỉnh tối đa (giây)", "int", 300,
               "Quá thời gian này mà tệp vẫn dở dang hoặc vẫn thay đổi thì chuyển vào failed/.",
               minimum=10, maximum=86400)
define_setting("intake.polling", "Thư mục nhận bản quét: luôn quét định kỳ", "bool", False,
               "Bật khi thư mục nằm trên ổ mạng mà chương trình không tự nhận ra (thư mục mạng "
               "NFS/SMB được nhận ra và quét định kỳ tự động).")
define_setting("intake.rescan_seconds", "Quét lại toàn bộ thư mục nhận bản quét mỗi (giây)", "int", 60,
               "Để không sót tệp nào chép vào lúc chương trình đóng hoặc giữa hai lần báo.",
               minimum=5, maximum=3600)

define_setting("intake.run_in_tui", "Nhận bản quét ngay trong giao diện khi chương trình mở", "bool", True,
               "Tắt nếu máy này đã chạy dịch vụ vanphong-intake (chạy cả hai cùng lúc vẫn an toàn: "
               "mỗi tệp chỉ vào sổ một lần).")

PANEL_NEEDS_DETAILS = "Văn bản quét cần bổ sung"
PANEL_REJECTED = "Tệp quét bị từ chối"

REJECTION_KINDS = {
    "unsupported": "Không phải PDF/JPEG/PNG/TIFF",
    "empty": "Tệp rỗng",
    "incomplete": "Chưa ghi xong",
    "unreadable": "Không đọc được",
    "duplicate": "Trùng văn bản đã có",
    "error": "Lỗi khi nhận",
}


class ScanIntake(BaseModel):
    """One scanned content taken into the incoming register."""
    sha256 = CharField(unique=True)
    name = TextField()                    # path relative to the inbox, NFC: "Tỉnh ủy/scan001.pdf"
    size = IntegerField()
    kind = CharField()                    # pdf | jpeg | png | tiff
    incoming = ForeignKeyField(documents.Incoming, backref="scans", on_delete="RESTRICT")
    incoming_id: int   # for the type checker only: no value, so no field
    # where its content is in the store; empty once the file was removed (a scan marked secret):
    # the row and its checksum stay, so the same bytes are still refused as a duplicate
    stored_file = ForeignKeyField(documents.StoredFile, null=True, backref="+", on_delete="RESTRICT")
    arrived_at = DateTimeField()
    taken_at = DateTimeField(default=_dt.datetime.now)
    taken_by = CharField(default="")      # the intake that took it: "<host>-<pid>-<start>"

    class Meta:
        table_name = "scan_intake"


class ScanRejection(BaseModel):
    """A file from the scanner folder that was not taken in, and where it was put."""
    name = TextField()                    # path relative to the inbox, NFC
    kind = CharField()                    # REJECTION_KINDS key
    reason = TextField()
    failed_path = TextField()             # where the file now is (inside <inbox>/failed/)
    sha256 = CharField(null=True, index=True)
    duplicate_of = ForeignKeyField(documents.Incoming, null=True, backref="+", on_delete="SET NULL")
    at = DateTimeField(default=_dt.datetime.now)
    dismissed = BooleanField(default=False, index=True)

    class Meta:
        table_name = "scan_rejection"

    @property
    def kind_label(self) -> str:
        return REJECTION_KINDS.get(self.kind, self.kind)


SCAN_MODELS = [ScanIntake, ScanRejection]


# --- the inbox setting ---------------------------------------------------------------------
def remember_inbox(path: Path | str) -> str:
    """Store the inbox path in the setting if nobody set it yet (first start). Returns the
    setting's value after the call."""
    value = nfc(str(Path(path).expanduser().absolute()))
    with db.atomic():
        current = get_setting("intake.inbox")
        if current:
            return current
        row = Setting.get_or_none(Setting.key == "intake.inbox")
        if row is None:
            Setting.create(key="intake.inbox", value=json.dumps(value, ensure_ascii=False))
        else:
            row.value = json.dumps(value, ensure_ascii=False)
            row.save()
        audit.append(users.SYSTEM, "update", "setting", "intake.inbox", {"value": current},
                     {"value": value})
    return value


# --- looking up what is already there -------------------------------------------------------
@dataclass
class Existing:
    incoming: documents.Incoming | None
    name: str                   # the earlier file's name ('' when not from the scanner)
    when: _dt.datetime | None
    from_ledger: bool


def _known_sha(sha: str) -> bool:
    """Whether the ledger or an incoming document's attachment holds this content: one
    statement, written once per database (a new scan, the common case, stops here)."""
    database = db.obj
    param = database.param
    sql = (f"SELECT 1 FROM scan_intake WHERE sha256 = {param} UNION ALL "
           f"SELECT 1 FROM attachment WHERE sha256 = {param} AND incoming_id IS NOT NULL LIMIT 1")
    return database.execute_sql(sql, (sha, sha)).fetchone() is not None


def find_existing(sha: str) -> Existing | None:
    """The registered document that already holds this content, if any."""
    if not _known_sha(sha):
        return None
    row = ScanIntake.get_or_none(ScanIntake.sha256 == sha)
    if row is not None:
        return Existing(row.incoming, row.name, row.taken_at, True)
    A = documents.Attachment
    q = A.select().where(A.incoming.is_null(False))
    if "sha256" in A._meta.fields:
        q = q.where(A.sha256 == sha)
    else:
        q = q.join(documents.StoredFile).where(documents.StoredFile.sha256 == sha)
    a = q.order_by(A.id).first()
    if a is not None:
        return Existing(a.incoming, a.original_name, a.added_at, False)
    return None


def number_label(doc: documents.Incoming) -> str:
    return f"{doc.arrival_no}/{doc.year}"


# --- taking a scan in --------------------------------------------------------------------------
@dataclass
class ScanResult:
    outcome: str                        # registered | duplicate | already
    incoming: documents.Incoming | None
    existing: Existing | None = None


@dataclass
class ScanFile:
    """One settled file to take in (``register_scans``)."""
    path: Path
    sha: str
    kind: str
    mime: str
    ext: str
    name: str                           # its path in the inbox, as people see it
    arrived_at: _dt.datetime
    taken_by: str = ""
    recovered: bool = False             # taken over from a crashed intake's folder
    prefill: dict | None = None         # guesses for the register
    fallback: dict | None = None        # what to register with when it refuses the guesses
    pages: int | None = None
    text: str = ""
    before_commit: Callable[[], None] | None = None     # a test's hook, inside the transaction


def register_scan(store: FileStore, path: Path, *, sha: str, kind: str, mime: str, ext: str,
                  name: str, arrived_at: _dt.datetime, taken_by: str = "",
                  recovered: bool = False, prefill: dict | None = None, pages: int | None = None,
                  text: str = "", before_commit: Callable[[], None] | None = None) -> ScanResult:
    """Store the file and register it, or say why not — all or nothing.

    The file is first staged in the store (a temporary copy, fsynced, outside the write lock);
    then, in one write transaction: the ledger is checked, the incoming document is registered
    in state “Cần bổ sung” with the next arrival number, the file recorded and linked into place,
    attached, the ledger row written. A duplicate found under the lock leaves nothing in the
    store (the temporary is dropped).
    ``already`` means this very file (``recovered`` from a crashed intake, same ``name``) was
    registered before the crash; ``duplicate`` that the content is in the register already.
    The caller removes the file from the inbox only after this returns. ValidationError when
    the register refuses ``prefill``; OSError when the file cannot be stored.
    """
    r = register_scans(store, [ScanFile(path, sha, kind, mime, ext, name, arrived_at, taken_by,
                                        recovered, prefill, None, pages, text, before_commit)])[0]
    if isinstance(r, Exception):
        raise r
    return r


def register_scans(store: FileStore, files: list[ScanFile]) -> list[ScanResult | Exception]:
    """``register_scan`` for several settled files at once, in one write transaction: the
    ledger is the same (each content once, each file's rows in a savepoint of its own, so one
    file the register refuses leaves the others), but a batch costs one commit and one flush
    of the disk instead of three per file. Each file's result is in its place: a ScanResult,
    or the ValidationError (no ``fallback``, or it was refused too) or OSError (could not be
    stored) that kept it out. A database error (locked too long, server away) raises: nothing
    of the batch was registered."""
    now = _dt.datetime.now().replace(microsecond=0)
    results: list[ScanResult | Exception | None] = [None] * len(files)
    for f in files:
        f.name = nfc(f.name, strip=False)        # a file name: NFC, but spaces kept as they are
        f.arrived_at = min(f.arrived_at, now)
    # The ledger is asked once, under the write lock: a duplicate (rare) is staged for nothing
    # and dropped, rather than every new scan paying a second look before the lock.
    todo = list(range(len(files)))
    # one file: its own fsyncs; several: staged and linked unsynced, flushed once before commit
    batch = store.deferred() if len(todo) > 1 else store
    staged: dict[int, Staged] = {}
    try:
        for i in todo:
            try:
                staged[i] = batch.stage(files[i].path, ext=files[i].ext, sha=files[i].sha)
            except OSError as e:
                results[i] = e
        if staged:
            with db.atomic():
                for i, st in staged.items():
                    results[i] = _register_one(batch, files[i], st)
                if isinstance(batch, DeferredStore):
                    batch.sync()     # every file linked above is on disk before its rows commit
    finally:
        for st in staged.values():
            batch.discard(st)
    return results      # type: ignore[return-value]


def _register_one(store: FileStore, f: ScanFile, staged: Staged) -> ScanResult | Exception:
    """One file's rows, in a savepoint, inside the batch's write transaction."""
    for attempt, given in enumerate((f.prefill, f.fallback)):
        try:
            with db.atomic():
                existing = find_existing(f.sha)          # again, under the write lock
                if existing is not None:
                    return _known(existing, f.name, f.recovered)
                fields = dict(given or {})
                if "sender_contact" in fields and "sender_contact" not in documents.Incoming._meta.fields:
                    fields.pop("sender_contact")
                doc = documents.register_incoming(users.SYSTEM, status="needs_details",
                                                  source="scan", arrived_at=f.arrived_at,
                                                  pages=f.pages, **fields)
                base = Path(f.name).name
                sf = documents.store_file(store, None, base, mime=f.mime, pages=f.pages,
                                          text=f.text, staged=staged)
                documents.attach(users.SYSTEM, doc, sf, base, new=True)   # registered just above
                ScanIntake.create(sha256=f.sha, name=f.name, size=sf.size, kind=f.kind,
                                  incoming=doc, stored_file=sf, arrived_at=f.arrived_at,
                                  taken_by=f.taken_by)
                if f.before_commit is not None:
                    f.before_commit()
                return ScanResult("registered", doc)
        except ValidationError as e:
            if f.fallback is None or attempt == 1:
                return e
        except IntegrityError:
            existing = find_existing(f.sha)               # another intake won the race
            if existing is None:
                raise
            return _known(existing, f.name, f.recovered)
    raise AssertionError("unreachable")     # pragma: no cover


def _known(existing: Existing, name: str, recovered: bool) -> ScanResult:
    if recovered and existing.from_ledger and existing.name == name:
        return ScanResult("already", existing.incoming, existing)
    return ScanResult("duplicate", existing.incoming, existing)


def record_rejection(name: str, kind: str, reason: str, failed_path: Path | str,
                     sha: str | None = None, duplicate_of: documents.Incoming | None = None) -> ScanRejection:
    with db.atomic():
        r = ScanRejection.create(name=nfc(name, strip=False), kind=kind, reason=nfc(reason),
                                 failed_path=str(failed_path), sha256=sha, duplicate_of=duplicate_of)
        audit.append(users.SYSTEM, "reject", "scan_rejection", r.id, None,
                     {"name": r.name, "kind": kind, "reason": r.reason})
        return r


def dismiss_rejection(actor, rejection_id: int) -> ScanRejection:
    """The clerk has dealt with a refused file: it leaves the dashboard."""
    users.require(actor, "intake.run")
    with db.atomic():
        r = ScanRejection.get_or_none(ScanRejection.id == rejection_id)
        if r is None:
            raise NotFound("Không tìm thấy tệp quét bị từ chối này.")
        if not r.dismissed:
            r.dismissed = True
            r.save()
            audit.append(actor, "update", "scan_rejection", r.id, {"dismissed": False},
                         {"dismissed": True})
        return r


def open_rejections(limit: int | None = None) -> list[ScanRejection]:
    """Refused files not yet dealt with: not dismissed, and still where they were put (a file
    the clerk moved or deleted counts as dealt with)."""
    out = []
    q = (ScanRejection.select().where(ScanRejection.dismissed == False)  # noqa: E712
         .order_by(ScanRejection.at.desc(), ScanRejection.id.desc()))
    for r in q:
        p = Path(r.failed_path)
        # only when the failed/ folder is reachable from this desk can absence be trusted
        if p.parent.exists() and not p.exists():
            continue
        out.append(r)
        if limit is not None and len(out) >= limit:
            break
    return out


def scans_needing_details(actor):
    """Incoming documents that came from the scanner and still wait for their details, those
    ``actor`` may see (a scan marked secret only for those who see the secret register)."""
    Inc = documents.Incoming
    q = Inc.select().where((Inc.source == "scan") & (Inc.status == "needs_details"))
    return documents.visible_only(actor, q).order_by(Inc.arrived_at, Inc.id)


def scan_of(incoming_id: int) -> ScanIntake | None:
    """The ledger row (original file name, arrival) of a document that came from the scanner."""
    return ScanIntake.get_or_none(ScanIntake.incoming == incoming_id)


# --- dashboard ------------------------------------------------------------------------------
def panel_line(doc: documents.Incoming, file_name: str = "") -> str:
    """One waiting scan on Hôm nay: its number, arrival, sender and file name (the summary when
    the ledger has no name), the parts that are there joined by " · ", never an empty one."""
    parts = [f"Số đến {number_label(doc)}", format_datetime(doc.arrived_at), doc.sender,
             file_name or doc.summary]
    return " · ".join(p for p in (nfc(x or "") for x in parts) if p)


def _panel_needs_details(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    q = scans_needing_details(actor)
    count = q.count()
    lines = []
    oldest = None
    for d in q.limit(5):
        oldest = oldest or d.arrived_at
        scan = scan_of(d.id)
        lines.append(panel_line(d, scan.name if scan else ""))
    if count > 5:
        lines.append(f"… và {count - 5} văn bản khác")
    late = oldest is not None and oldest.date() < today - _dt.timedelta(days=1)
    return dashboard.Panel(PANEL_NEEDS_DETAILS, count, lines, area="incoming",
                           severity="warning" if late else "info")


def _panel_rejected(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    rows = open_rejections()
    lines = [f"{r.name} — {r.kind_label} ({format_datetime(r.at)})" for r in rows[:5]]
    if len(rows) > 5:
        lines.append(f"… và {len(rows) - 5} tệp khác (thư mục failed/ trong thư mục nhận bản quét)")
    return dashboard.Panel(PANEL_REJECTED, len(rows), lines, area="intake",
                           severity="error" if rows else "info")


dashboard.register_panel(15, "scans.needs_details", _panel_needs_details)
dashboard.register_panel(16, "scans.rejected", _panel_rejected)


# --- the audit log names these records as a clerk does ----------------------------------------
def _describe_scan(record_id: str) -> str:
    s = ScanIntake.get_by_id(int(record_id))
    return f"bản quét của {audit.describe('incoming', s.incoming_id) or 'văn bản đến'}"


def _describe_rejection(record_id: str) -> str:
    r = ScanRejection.get_by_id(int(record_id))
    return f"tệp quét “{r.name}” — {r.kind_label}"


audit.register_describer("scan_intake", _describe_scan)
audit.register_describer("scan_rejection", _describe_rejection)
