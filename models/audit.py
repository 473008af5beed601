"""The audit log: every change — who, when, what, old and new values — appended to a
hash-chained log that the program never updates or deletes.

Each entry's hash covers its own fields and the previous entry's hash, so an edited, removed or
reordered row breaks the chain at that row; ``verify()`` names the first broken entry.
Database triggers refuse UPDATE and DELETE on the table.

Secret text never enters the log: a secret document's protected fields (its summary, content,
notes) are written as "đã ẩn" with a short SHA-256 digest of the value (``redact``), so the entry
still shows that the field changed and can be matched against the paper, never what it says.
The one exception to append-only is ``rewrite``: it blanks such text in entries written before
a document became secret, recomputes the chain from the first changed entry and appends an
entry that records it (why, from which entry, the old head hash), so ``verify()`` still holds.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, cast

from peewee import CharField, DateTimeField, IntegerField, TextField

from .db import BaseModel, bulk_insert, db, is_sqlite

GENESIS = "0" * 64


class AuditEntry(BaseModel):
    seq = IntegerField(unique=True)
    at = DateTimeField()
    username = CharField()
    action = CharField()          # create / update / cancel / login / ...
    table_name = CharField()
    record_id = CharField(null=True)
    old = TextField(null=True)     # JSON
    new = TextField(null=True)     # JSON
    prev_hash = CharField()
    hash = CharField()

    CHECK_TEXT = False            # holds what checked records gave it

    class Meta:
        table_name = "audit_entry"

    def save(self, *args, **kwargs):  # appended through append() only
        if self.id is not None:
            raise PermissionError("audit entries are append-only")
        return super().save(*args, **kwargs)

    def delete_instance(self, *args, **kwargs):
        raise PermissionError("audit entries are append-only")


def install(database) -> None:
    """Triggers that refuse UPDATE and DELETE on the log."""
    if is_sqlite(database):
        for op in ("UPDATE", "DELETE"):
            database.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_{op.lower()} BEFORE {op} ON audit_entry "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    else:
        database.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql")
        database.execute_sql("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        database.execute_sql(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()")


def _jsonable(v):
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, BaseModel):
        return v.get_id()
    return v


def snapshot(obj: BaseModel, exclude: tuple[str, ...] = ()) -> dict:
    """The stored values of a model instance, JSON-ready (foreign keys as ids)."""
    out = {}
    for name, _ in obj._meta.fields.items():
        if name in exclude:
            continue
        out[name] = _jsonable(obj.__data__.get(name))
    return out


HIDDEN = "đã ẩn"


def redacted(value) -> str:
    """What the log keeps of a protected value: that it was there, and a digest of it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                           default=str)
    return f"({HIDDEN}, sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]})"


def is_redacted(value) -> bool:
    return isinstance(value, str) and value.startswith(f"({HIDDEN}, sha256 ")


def redact(values: dict | None, fields) -> dict | None:
    """``values`` with each of ``fields`` that holds text replaced by ``redacted``."""
    if values is None or not fields:
        return values
    return {k: (redacted(v) if k in fields and v not in ("", None) and not is_redacted(v) else v)
            for k, v in values.items()}


def _dumps(d) -> str | None:
    if d is None:
        return None
    return json.dumps(d, ensure_ascii=False, sort_keys=True, default=str)


def _digest(seq, at, username, action, table, record_id, old, new, prev_hash) -> str:
    payload = json.dumps([seq, at, username, action, table, record_id, old, new, prev_hash],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def actor_name(actor) -> str:
    if actor is None:
        return "hệ thống"
    return getattr(actor, "username", str(actor))


_LAST_SQL = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1"


def append(actor, action: str, table: str, record_id=None, old: dict | None = None,
           new: dict | None = None) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction when there is one."""
    with db.atomic():
        # the chain's end, read under the caller's write lock (a fixed statement: cheap per entry)
        last = db.execute_sql(_LAST_SQL).fetchone()
        seq = (last[0] + 1) if last else 1
        prev = last[1] if last else GENESIS
        at = _dt.datetime.now().replace(microsecond=0)
        rid = None if record_id is None else str(record_id)
        old_s, new_s = _dumps(old), _dumps(new)
        h = _digest(seq, at.isoformat(), actor_name(actor), action, table, rid, old_s, new_s, prev)
        return AuditEntry.create(seq=seq, at=at, username=actor_name(actor), action=action,
                                 table_name=table, record_id=rid, old=old_s, new=new_s,
                                 prev_hash=prev, hash=h)


def append_many(actor, action: str, table: str, records) -> int:
    """Append one entry per (record_id, new) of ``records``, chained exactly as ``append`` would
    chain them, in one bulk insert (a directory import of thousands of rows). Runs inside the
    caller's transaction when there is one; returns the number of entries."""
    records = list(records)
    if not records:
        return 0
    with db.atomic():
        last = AuditEntry.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
        seq = last.seq if last else 0
        prev = last.hash if last else GENESIS
        at = _dt.datetime.now().replace(microsecond=0)
        who = actor_name(actor)
        rows = []
        for record_id, new in records:
            seq += 1
            rid = None if record_id is None else str(record_id)
            new_s = _dumps(new)
            h = _digest(seq, at.isoformat(), who, action, table, rid, None, new_s, prev)
            rows.append((seq, at, who, action, table, rid, None, new_s, prev, h))
            prev = h
        A = AuditEntry
        bulk_insert(A, [A.seq, A.at, A.username, A.action, A.table_name, A.record_id, A.old,
                        A.new, A.prev_hash, A.hash], rows)
    return len(rows)


def log_change(actor, action: str, obj: BaseModel, before: dict | None = None,
               exclude: tuple[str, ...] = (), hide=()) -> AuditEntry | None:
    """Record a create (before=None) or the changed fields of an update. No change, no entry.
    ``hide``: fields recorded only as "đã ẩn" and a digest (a secret document's text)."""
    after = snapshot(obj, exclude)
    if before is None:
        return append(actor, action, obj._meta.table_name, obj.get_id(), None, redact(after, hide))
    old = {k: v for k, v in before.items() if k in after and after[k] != v}
    new = {k: after[k] for k in old}
    if not old and action == "update":
        return None
    return append(actor, action, obj._meta.table_name, obj.get_id(), redact(old, hide),
                  redact(new, hide))


def _without_triggers(database, fn):
    if is_sqlite(database):
        database.execute_sql("DROP TRIGGER IF EXISTS audit_entry_no_update")
    else:
        database.execute_sql("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
    try:
        return fn()
    finally:
        install(database)


def redact_history(actor, targets: dict[tuple[str, str], tuple[str, ...]], reason: str) -> int:
    """Hide protected text already in the log: ``targets`` maps (table, record id) to the
    fields to hide in that record's entries. Re-anchors the chain (see ``rewrite``); returns how
    many entries changed (0: nothing written, not even the re-anchor entry)."""
    if not targets:
        return 0
    changes: dict[int, tuple[str | None, str | None]] = {}
    by_table: dict[str, dict[str, tuple[str, ...]]] = {}
    for (table, rid), fields in targets.items():
        by_table.setdefault(table, {})[str(rid)] = tuple(fields)
    for table, recs in by_table.items():
        ids = list(recs)
        for i in range(0, len(ids), 500):
            q = (AuditEntry.select(AuditEntry.seq, AuditEntry.record_id, AuditEntry.old, AuditEntry.new)
                 .where((AuditEntry.table_name == table) & AuditEntry.record_id.in_(ids[i:i + 500])))
            for e in q:
                fields = recs[cast(str, e.record_id)]     # one of `ids`
                old = json.loads(e.old) if e.old else None
                new = json.loads(e.new) if e.new else None
                old2, new2 = _dumps(redact(old, fields)), _dumps(redact(new, fields))
                if (old2, new2) != (e.old, e.new):
                    changes[e.seq] = (old2, new2)
    return rewrite(actor, changes, reason)


def rewrite(actor, changes: dict[int, tuple[str | None, str | None]], reason: str) -> int:
    """Replace the old/new JSON of the entries ``changes`` names (by seq), recompute every hash
    from the first of them to the head, and append a "reanchor" entry holding the old head hash,
    the first entry changed, how many, and ``reason``. Only for hiding secret text."""
    if not changes:
        return 0
    with db.atomic():
        first = min(changes)
        head = AuditEntry.select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
        before = AuditEntry.get_or_none(AuditEntry.seq == first - 1)
        database = db.obj

        def run():
            prev = before.hash if before is not None else GENESIS
            q = AuditEntry.select().where(AuditEntry.seq >= first).order_by(AuditEntry.seq)
            for e in list(q):             # read first: the loop updates the rows it walks
                old_s, new_s = changes.get(e.seq, (e.old, e.new))
                at = e.at.isoformat() if isinstance(e.at, _dt.datetime) else str(e.at)
                h = _digest(e.seq, at, e.username, e.action, e.table_name, e.record_id, old_s, new_s,
                            prev)
                if (old_s, new_s, prev, h) != (e.old, e.new, e.prev_hash, e.hash):
                    (AuditEntry.update(old=old_s, new=new_s, prev_hash=prev, hash=h)
                     .where(AuditEntry.id == e.id).execute())
                prev = h

        _without_triggers(database, run)
        append(actor, "reanchor", "audit_entry", None, {"head_hash": head.hash if head else GENESIS},
               {"from_seq": first, "entries": len(changes), "reason": reason})
        anchor_after_rewrite()       # the anchors made before stay explained by this entry
    return len(changes)


@dataclass
class VerifyResult:
    ok: bool
    count: int
    bad_seq: int | None = None
    reason: str = ""


def verify() -> VerifyResult:
    """Walk the chain; report the first entry whose hash or link does not hold."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    q = AuditEntry.select().order_by(AuditEntry.seq)
    for e in q.iterator():
        count += 1
        if e.seq != expected_seq:
            return VerifyResult(False, count, expected_seq,
                                f"thiếu mục số {expected_seq} (mục tiếp theo là {e.seq})")
        if e.prev_hash != prev:
            return VerifyResult(False, count, e.seq, "liên kết với mục trước bị sai")
        at = e.at.isoformat() if isinstance(e.at, _dt.datetime) else str(e.at)
        h = _digest(e.seq, at, e.username, e.action, e.table_name, e.record_id, e.old, e.new, e.prev_hash)
        if h != e.hash:
            return VerifyResult(False, count, e.seq, "nội dung đã bị sửa")
        prev = e.hash
        expected_seq += 1
    return VerifyResult(True, count)


def entries_for(table: str, record_id) -> list[AuditEntry]:
    return list(AuditEntry.select().where((AuditEntry.table_name == table) &
                                          (AuditEntry.record_id == str(record_id)))
                .order_by(AuditEntry.seq))


# --- what an entry is about, in the clerk's words ------------------------------------------------
# table -> fn(record_id: str) -> "văn bản đến 276/2026"; each area's models module registers its
# own tables, so the log viewer names the record of a new area without knowing it
DESCRIBERS: dict = {}


def register_describer(table: str, fn) -> None:
    """``fn(record_id)`` names one record of ``table`` as a person would ("văn bản đến
    276/2026", "hồ sơ 01/2026 — …"); None or an exception when it cannot (the record is gone)."""
    DESCRIBERS[table] = fn


def describe(table: str, record_id) -> str | None:
    """The registered name of a record, or None (no describer, record gone)."""
    fn = DESCRIBERS.get(table)
    if fn is None or record_id in (None, ""):
        return None
    try:
        return fn(str(record_id)) or None
    except Exception:              # a describer must never stop the log from showing
        return None


# --- reading the log (the TUI's log viewer and dashboard) ------------------------------------
def recent(actor, before_seq: int | None = None, limit: int = 100, text: str = "",
           tables: Iterable[str] = (), actions: Iterable[str] = (),
           records: dict[str, list[str]] | None = None) -> list[AuditEntry]:
    """Entries newest first, one page at a time: keyset paging on ``seq`` (entries older than
    ``before_seq``), so a log of a million entries opens as fast as one of ten.

    A filter keeps the entries that match any of: ``text`` in the user's name, ``text`` as the
    record id, a table of ``tables``, an action of ``actions``. The caller turns the words a
    person typed into table and action keys (the viewer holds the Vietnamese names; "đảng viên"
    → ``party_member``): the internal names are not matched as text, since nobody sees them and
    a word would find what shows no trace of it ("tin" is in "meeting"). ``records``
    ({table: [record ids]}, ``registers.records_named``) adds the entries about those records:
    a member's name finds the changes to that member."""
    from . import users
    users.require(actor, "audit.view")
    q = AuditEntry.select().order_by(AuditEntry.seq.desc()).limit(limit)
    if before_seq is not None:
        q = q.where(AuditEntry.seq < before_seq)
    t = (text or "").strip()
    tables, actions = sorted(set(tables)), sorted(set(actions))
    named = [(AuditEntry.table_name == table) & AuditEntry.record_id.in_(sorted(set(ids)))
             for table, ids in sorted((records or {}).items()) if ids]
    if t or tables or actions or named:
        cond = (AuditEntry.username.contains(t) | (AuditEntry.record_id == t)) if t else None
        for extra in ((AuditEntry.table_name.in_(tables)) if tables else None,
                      (AuditEntry.action.in_(actions)) if actions else None, *named):
            if extra is not None:
                cond = extra if cond is None else (cond | extra)
        q = q.where(cond)
    return list(q)


def count_on(day: _dt.date) -> int:
    """How many entries were written on ``day`` (local time)."""
    start = _dt.datetime.combine(day, _dt.time())
    return (AuditEntry.select()
            .where((AuditEntry.at >= start) & (AuditEntry.at < start + _dt.timedelta(days=1)))
            .count())


# --- anchors: the head of the chain, kept outside the database ------------------------------
# Each backup, each day's first start and each printed register book record the chain's head
# (its number and hash) in ``audit-anchors.jsonl`` in the office home (and inside each backup),
# signed with an HMAC whose key is kept with the backup key (the password store or the key
# file, never the database). A chain cut short, or edited and recomputed from the edit on,
# still passes ``verify()`` but no longer matches its last anchor.
ANCHORS_NAME = "audit-anchors.jsonl"
ANCHORS_KEEP = 2000


def anchors_path(home):
    from pathlib import Path
    return Path(home.path) / ANCHORS_NAME


def _anchor_mac(key: bytes, seq: int | None, h: str | None) -> str:
    import hmac
    return hmac.new(key, f"vanphong-anchor:{seq}:{h}".encode(), hashlib.sha256).hexdigest()


def read_anchors(home) -> list[dict]:
    p = anchors_path(home)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"broken": line})
    return out


def head() -> tuple[int, str]:
    last = AuditEntry.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def record_anchor(home, seq: int | None = None, h: str | None = None, why: str = "start") -> dict:
    """Write the chain's head (now, or the given one) as a signed anchor; returns it."""
    from . import backupkey, fsio
    if seq is None:
        seq, h = head()
    key = backupkey.anchor_key(home)
    a = {"seq": seq, "hash": h, "at": _dt.datetime.now().replace(microsecond=0).isoformat(),
         "why": why, "mac": _anchor_mac(key, seq, h)}
    kept = [x for x in read_anchors(home) if "broken" not in x][-(ANCHORS_KEEP - 1):]
    text = "".join(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n" for x in [*kept, a])
    fsio.atomic_write_text(anchors_path(home), text)
    return a


def verify_anchors(home, anchors: list[dict] | None = None) -> list[str]:
    """Problems (Vietnamese) between the chain and its anchors; [] when every anchor holds."""
    from . import backupkey
    anchors = read_anchors(home) if anchors is None else anchors
    if not anchors:
        return []
    key = backupkey.anchor_key(home)
    problems = []
    top = head()[0]
    for a in anchors:
        if "broken" in a or _anchor_mac(key, a.get("seq"), a.get("hash")) != a.get("mac"):
            problems.append("một mốc neo nhật ký bị sửa hoặc không mang chữ ký của văn phòng")
            continue
    good = [a for a in anchors if "broken" not in a and _anchor_mac(key, a["seq"], a["hash"]) == a["mac"]]
    if not good:
        return problems
    last = max(good, key=lambda a: a["seq"])
    if top < last["seq"]:
        problems.append(f"nhật ký ngắn hơn mốc neo: mốc ngày {last['at'][:10]} ghi đến mục số "
                        f"{last['seq']}, nay chỉ còn đến mục số {top} (đã bị xóa bớt)")
    for a in sorted(good, key=lambda a: a["seq"]):
        if a["seq"] == 0 or a["seq"] > top:
            continue
        e = AuditEntry.get_or_none(AuditEntry.seq == a["seq"])
        if (e is None or e.hash != a["hash"]) and not _rewritten_by_the_program(a, good):
            problems.append(f"mục số {a['seq']} không còn khớp mốc neo ngày {a['at'][:10]} "
                            "(nhật ký đã bị sửa rồi tính lại)")
            break
    return problems


def _matches(a: dict) -> bool:
    e = AuditEntry.get_or_none(AuditEntry.seq == a["seq"])
    return e is not None and e.hash == a["hash"]


def _rewritten_by_the_program(a: dict, good: list[dict]) -> bool:
    """The program itself may rewrite old entries (hiding secret text) and then appends a
    "reanchor" entry and signs the new head at once (``anchor_after_rewrite``). An anchor that no
    longer matches is excused only by such a signed "reanchor" anchor after it, still matching,
    with a "reanchor" entry between the two that rewrote from at or before it: a forger without
    the anchor key cannot make the signed one."""
    for b in good:
        if b.get("why") != "reanchor" or b["seq"] <= a["seq"] or not _matches(b):
            continue
        q = AuditEntry.select(AuditEntry.new).where(
            (AuditEntry.action == "reanchor") & (AuditEntry.seq > a["seq"]) & (AuditEntry.seq <= b["seq"]))
        for e in q:
            try:
                start = int(json.loads(e.new or "{}").get("from_seq", 0))
            except (ValueError, TypeError, AttributeError):
                continue
            if 0 < start <= a["seq"]:
                return True
    return False


def anchor_after_rewrite() -> None:
    """Sign the chain's new head right after the program rewrote old entries (call it after
    appending the "reanchor" entry), so the anchors made before stay explained. Does nothing
    where the office home or the anchor key cannot be had."""
    from pathlib import Path

    from .db import is_sqlite
    from .errors import VanphongError
    from .home import OfficeHome
    if db.obj is None or not is_sqlite():
        return
    try:
        record_anchor(OfficeHome(Path(db.obj.database).parent), why="reanchor")
    except (VanphongError, OSError):
        pass


def anchor_for_print(home) -> tuple[int, str] | None:
    """Anchor the chain as a register book is printed; (seq, hash) to print on it, or None
    when the anchor key cannot be had (printing never fails for it)."""
    from .errors import VanphongError
    try:
        a = record_anchor(home, why="register-book")
    except (VanphongError, OSError):
        return None
    return a["seq"], a["hash"]
