"""The directory (danh bạ phối hợp): bodies and people the office writes to and hears from.

Party boards, the upper-level office, government bodies, mass organisations, committee members
with their positions. The incoming register's sender, the outgoing register's recipients, the
handlers and the signers point here (and keep the text as it was shown, so a later rename does
not rewrite history).

Type-ahead (``find_contacts``) runs on a folded column (no marks, đ→d, lower-case), so "ubnd tan"
and "UBND Tân" find the same body; each word typed must start a word of the name (or of the
abbreviation, position or unit: "pho bi thu" finds the Phó Bí thư).
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, cast

from peewee import BooleanField, Case, CharField, DateTimeField, TextField, fn

from . import audit, labels, search, users
from .db import BaseModel, bulk_insert, db
from .registers import DataSource, Found, _search_ids, id_filter, register_describer
from .errors import ValidationError
from .text import FIELD_MAX, check_text, fold, nfc, person_sort_key, require_text, vn_sort_key
from .writes import get_or_refuse

KINDS = {"body": "Cơ quan, tổ chức", "person": "Cá nhân"}
GROUPS = {
    "party": "Tổ chức đảng",
    "superior": "Cấp trên",
    "government": "Chính quyền",
    "mass": "Mặt trận, đoàn thể",
    "member": "Cấp ủy viên",
    "other": "Khác",
}

search.register_kind("contact", 3, "Danh bạ")


class Contact(BaseModel):
    kind = CharField(default="body")            # body | person
    name = CharField()                          # UBND xã Tân Lập / Phạm Văn Đức
    abbr = CharField(default="")                # short form typed by clerks: "BTC TU"
    group = CharField(default="other", index=True)
    position = CharField(default="")            # chức vụ (people): Bí thư Đảng ủy
    organisation = CharField(default="")        # đơn vị (people): Đảng ủy xã Tân Lập
    phone = CharField(default="")
    email = CharField(default="")
    address = CharField(default="")
    notes = TextField(default="")
    active = BooleanField(default=True)
    signing_delegated = BooleanField(default=False)   # được cấp ủy ủy quyền ký văn bản
    folded = CharField(default="", index=True)  # type-ahead key: fold(name abbr)
    sort_key = CharField(default="", index=True)
    created_at = DateTimeField(default=_dt.datetime.now)

    class Meta:
        table_name = "contact"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def group_label(self) -> str:
        return GROUPS.get(self.group, self.group)

    @property
    def may_sign(self) -> bool:
        """Whether this person may sign the committee's documents: one of its leaders (by
        position) or someone they delegated."""
        return self.kind == "person" and self.active and (
            self.signing_delegated or is_signing_position(self.position))

    @property
    def label(self) -> str:
        """As shown in a picker: 'Phạm Văn Đức — Bí thư Đảng ủy' or the body's name."""
        if self.kind == "person" and self.position:
            return f"{self.name} — {self.position}"
        return self.name


# --- who may sign -------------------------------------------------------------------------
# the committee's leaders: Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ (folded, at the start of one
# of the position's comma-separated parts) — not the secretary of the Youth Union or of a cell
SIGNING_POSITIONS = ("bi thu", "pho bi thu", "uy vien ban thuong vu", "uy vien thuong vu", "uy vien btv")
_NOT_THE_COMMITTEE = ("doan", "chi bo", "hoi ")


def is_signing_position(position: str | None) -> bool:
    """"Bí thư Đảng ủy", "Phó Bí thư Thường trực", "Ủy viên Ban Thường vụ, Chủ tịch UB MTTQ" → True;
    "Văn thư", "Bí thư Đoàn xã", "Bí thư Chi bộ thôn 2" → False."""
    for part in fold(position).split(","):
        part = " ".join(part.split())
        if part.startswith(SIGNING_POSITIONS) and not any(w in part for w in _NOT_THE_COMMITTEE):
            return True
    return False


# --- sort key: Vietnamese order as a plain string the database can index -----------------
def collation_string(text: str, person: bool = False) -> str:
    """A string whose byte order is Vietnamese alphabetical order (people by given name)."""
    key = person_sort_key(text) if person else (vn_sort_key(text),)
    parts = []
    for primary, tones in key:
        words = []
        for letters in primary:
            w = "".join(chr(0x41 + r) if cls == 0 else ("~" if not chr(r).isdigit() else chr(r))
                        for cls, r in letters)
            words.append(w)
        parts.append(" ".join(words) + "\x01" + "".join(str(t) for tw in tones for t in tw))
    return "\x02".join(parts)


def _derive(c: Contact) -> None:
    c.folded = " ".join(x for x in (fold(c.name), fold(c.abbr)) if x)
    c.sort_key = collation_string(c.name, person=(c.kind == "person"))


def _index(c: Contact) -> None:
    if not c.active:
        search.remove("contact", c.id)
        return
    search.index("contact", c.id, c.label, c.abbr, c.organisation, c.group_label, c.phone, c.email,
                 c.address, c.notes)


_FIELDS = ("kind", "name", "abbr", "group", "position", "organisation", "phone", "email",
           "address", "notes", "signing_delegated")


_LABELS = {"kind": "loại", "name": "tên", "abbr": "tên viết tắt", "group": "nhóm",
           "position": "chức vụ", "organisation": "đơn vị", "phone": "điện thoại",
           "email": "thư điện tử", "address": "địa chỉ", "notes": "ghi chú"}


def _clean(values: dict) -> dict:
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k not in _FIELDS:
            raise ValidationError(f"Trường không có trong danh bạ: {k}.", k)
        limit = {"notes": FIELD_MAX, "name": NAME_MAX}.get(k, 1_000)
        out[k] = bool(v) if k == "signing_delegated" else check_text(nfc(v), _LABELS.get(k, k), k, limit)
    if "name" in out:
        out["name"] = require_text(out["name"], "tên cơ quan hoặc họ tên", "name", NAME_MAX)
    if "kind" in out and out["kind"] not in KINDS:
        raise ValidationError(f"Loại không hợp lệ: {out['kind']} (cơ quan hoặc cá nhân).", "kind")
    if "group" in out and out["group"] not in GROUPS:
        raise ValidationError(f"Nhóm không hợp lệ: {out['group']}.", "group")
    if out.get("email") and "@" not in out["email"]:
        raise ValidationError(f"Địa chỉ thư điện tử không hợp lệ: {out['email']}.", "email")
    return out


def _same_name_key(name: str) -> str:
    """Names are the same only when they are the same letters, accents included: "Nguyễn Thị Hạ"
    is not "Nguyễn Thị Hà". Case is ignored."""
    return nfc(name).casefold()


def same_name_entries(kind: str, name: str, exclude_id: int | None = None) -> list[Contact]:
    """Active entries of this kind whose name is exactly ``name`` (NFC, ignoring case)."""
    key = _same_name_key(name)
    q = Contact.select().where((Contact.kind == kind) & (Contact.active == True)  # noqa: E712
                               & (Contact.folded.startswith(fold(name))))
    return [c for c in q.order_by(Contact.id)
            if _same_name_key(c.name) == key and c.id != exclude_id]


def _duplicate(kind: str, name: str, exclude_id: int | None = None) -> Contact | None:
    same = same_name_entries(kind, name, exclude_id)
    return same[0] if same else None


class SameNameExists(ValidationError):
    """The directory already has an active entry with this very name. Two people in one commune
    often share a full name, so this is a question for the user, not a refusal: ``existing``
    carries the entries (with their position and unit) to show; saving again with
    ``allow_same_name=True`` adds the new one."""

    def __init__(self, name: str, existing: list[Contact]):
        def who(c: Contact) -> str:
            extra = ", ".join(x for x in (c.position, c.organisation) if x)
            return f"“{c.name}”" + (f" ({extra})" if extra else "")
        super().__init__("Danh bạ đã có " + "; ".join(who(c) for c in existing)
                         + ". Có phải là người (cơ quan) khác cùng tên không?", "name")
        self.name = name
        self.existing = existing


def _check_same_name(kind: str, name: str, exclude_id: int | None, allow: bool) -> None:
    if allow:
        return
    same = same_name_entries(kind, name, exclude_id)
    if same:
        raise SameNameExists(name, same)


def add_contact(actor, name: str, kind: str = "body", *, allow_same_name: bool = False,
                **values) -> Contact:
    """Add one body or person. When an active entry of the same kind has exactly this name,
    SameNameExists asks first (unless ``allow_same_name``): a namesake is allowed, a slip is not."""
    users.require(actor, "directory.edit")
    clean = _clean({"name": name, "kind": kind, **values})
    with db.atomic():
        _check_same_name(clean["kind"], clean["name"], None, allow_same_name)
        c = Contact(**clean)
        _derive(c)
        c.save()
        _index(c)
        audit.log_change(actor, "create", c)
        return c


def update_contact(actor, contact_id: int, *, allow_same_name: bool = False, **values) -> Contact:
    users.require(actor, "directory.edit")
    clean = _clean(values)
    with db.atomic():
        c = get_contact(contact_id)
        before = audit.snapshot(c)
        for k, v in clean.items():
            setattr(c, k, v)
        if "name" in clean or "kind" in clean:
            _check_same_name(c.kind, c.name, c.id, allow_same_name)
        _derive(c)
        c.save()
        _index(c)
        audit.log_change(actor, "update", c, before)
        return c


def set_active(actor, contact_id: int, active: bool) -> Contact:
    """Retire (or bring back) an entry; old documents keep pointing at it."""
    users.require(actor, "directory.edit")
    with db.atomic():
        c = get_contact(contact_id)
        before = audit.snapshot(c)
        c.active = bool(active)
        c.save()
        _index(c)
        audit.log_change(actor, "update", c, before)
        return c


def get_contact(contact_id: int) -> Contact:
    return get_or_refuse(Contact, contact_id, f"Không tìm thấy mục danh bạ (mã {contact_id}).")


NAME_MAX = 200                 # characters in a name (and in an abbreviation's worth of words)
_LONGEST_QUERY = 2 * NAME_MAX + 1
_MOST_WORDS = 24


def find_contacts(prefix_text: str, limit: int = 10, kind: str | None = None,
                  group: str | None = None, include_inactive: bool = False) -> list[Contact]:
    """Type-ahead: entries where every typed word starts a word of the name, abbreviation,
    position or unit ("pho bi thu" finds the Phó Bí thư). Ignores case and accents (đ→d).
    Whole-name prefix matches come first, then matches on the name, then the others; by name
    within each.

    Position and unit are folded here, not in the indexed column (a directory is a few
    hundred entries; rows written before they were searched need no rewrite)."""
    if len(prefix_text or "") > _LONGEST_QUERY:
        return []           # longer than any name and abbreviation: nothing can match
    toks = [t.replace("_", "") for t in search.tokens(prefix_text or "")]
    toks = [t for t in toks if t][:_MOST_WORDS]
    q = Contact.select()
    if not include_inactive:
        q = q.where(Contact.active == True)  # noqa: E712
    if kind:
        q = q.where(Contact.kind == kind)
    if group:
        q = q.where(Contact.group == group)
    if not toks:
        return list(q.order_by(Contact.sort_key).limit(limit))
    by_name = q
    for t in toks:
        by_name = by_name.where(Contact.folded.startswith(t) | Contact.folded.contains(" " + t))
    whole = " ".join(toks)
    found = list(by_name.order_by(Case(None, [(Contact.folded.startswith(whole), 0)], 1),
                                  Contact.sort_key).limit(limit))
    if len(found) < limit:
        # then by position and unit, from the folded search index (prefix words, any order)
        more = search.ids(" ".join(toks), "contact", limit=200)
        seen = [c.id for c in found]
        if more:
            extra = q.where(Contact.id.in_(more))
            if seen:
                extra = extra.where(Contact.id.not_in(seen))
            found += list(extra.order_by(Contact.sort_key).limit(limit - len(found)))
    return found


def resolve(actor, text: str, kind: str = "body", add_missing: bool = False,
            **values) -> Contact | None:
    """The entry whose name is exactly ``text`` (accent/case-insensitive); with ``add_missing``
    a new entry is added on the spot (the clerk typed a sender the directory lacks)."""
    name = nfc(text)
    if not name:
        return None
    if len(name) > NAME_MAX and not add_missing:
        return None                      # no entry has so long a name
    found = find_contacts(name, limit=20, include_inactive=True)
    for c in found:                  # the very name first: "Hạ" is not "Hà"
        if _same_name_key(c.name) == _same_name_key(name):
            return c
    for c in found:
        if fold(c.name) == fold(name) or (c.abbr and fold(c.abbr) == fold(name)):
            return c
    if add_missing:
        return add_contact(actor, name, kind, **values)
    return None


def list_contacts(kind: str | None = None, group: str | None = None,
                  include_inactive: bool = False) -> list[Contact]:
    q = Contact.select()
    if not include_inactive:
        q = q.where(Contact.active == True)  # noqa: E712
    if kind:
        q = q.where(Contact.kind == kind)
    if group:
        q = q.where(Contact.group == group)
    return list(q.order_by(Contact.sort_key, Contact.id))


# --- CSV import ------------------------------------------------------------------------------
# folded header -> field; the first header row decides which column is which
HEADERS = {
    "ten": "name", "ho va ten": "name", "ho ten": "name", "ten co quan": "name",
    "ten co quan, to chuc": "name", "ten don vi": "name",
    "loai": "kind", "nhom": "group", "chuc vu": "position",
    "don vi": "organisation", "co quan": "organisation", "noi cong tac": "organisation",
    "viet tat": "abbr", "ten viet tat": "abbr",
    "dien thoai": "phone", "so dien thoai": "phone", "sdt": "phone",
    "email": "email", "thu dien tu": "email", "dia chi": "address", "ghi chu": "notes",
}
EXPORT_HEADERS = labels.DIRECTORY_COLUMNS
_KIND_WORDS = {"co quan": "body", "to chuc": "body", "co quan, to chuc": "body", "don vi": "body",
               "body": "body", "ca nhan": "person", "nguoi": "person", "person": "person"}


@dataclass
class ImportResult:
    added: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)    # (line, why): duplicates
    errors: list[tuple[int, str]] = field(default_factory=list)     # (line, message)

    def summary(self) -> str:
        s = f"Đã thêm {self.added} mục vào danh bạ"
        if self.skipped:
            s += f", bỏ qua {len(self.skipped)} mục đã có"
        if self.errors:
            s += f", {len(self.errors)} dòng lỗi"
        return s + "."


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError("Tệp CSV không đọc được (cần mã UTF-8).", "file")


def _group_key(text: str) -> str | None:
    f = fold(text)
    if not f:
        return "other"
    return _GROUP_WORDS.get(f)


_GROUP_WORDS = {**{fold(label): k for k, label in GROUPS.items()}, **{k: k for k in GROUPS}}


IMPORT_BATCH = 500     # rows per write transaction: another desk's save waits at most one batch


def import_csv(actor, source: Path | str | bytes, batch_size: int = IMPORT_BATCH,
               on_batch: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import a directory from CSV with Vietnamese headers (Tên, Loại, Nhóm, Chức vụ, Đơn vị,
    Viết tắt, Điện thoại, Email, Địa chỉ, Ghi chú). Comma or semicolon separated, UTF-8 (Excel's
    “CSV UTF-8” too). Good rows are added; entries already present are skipped; bad lines listed.

    Rows go in in batches of ``batch_size``, each its own short write transaction (bulk insert,
    bulk search index, bulk audit entries), so the office keeps working while a long file goes
    in: another desk's save waits for one batch, never for the whole file. ``on_batch(lines
    read, added so far)`` is called after each committed batch. A file cut short by an error
    keeps the batches already committed (a second run skips them as already present)."""
    users.require(actor, "directory.edit")
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("Tệp CSV trống.", "file") from None
    except csv.Error as e:
        raise _csv_error(1, e) from None
    cols: dict[int, str] = {}
    for i, h in enumerate(header):
        f = HEADERS.get(fold(h).strip(" :*"))
        if f and f not in cols.values():
            cols[i] = f
    if "name" not in cols.values():
        raise ValidationError("Tệp CSV cần cột “Tên” (hoặc “Họ và tên”, “Tên cơ quan”) ở dòng đầu.", "file")
    result = ImportResult()
    known = _Known()
    pending: list[tuple[int, dict]] = []
    line_no = 1
    rows = enumerate(reader, start=2)
    while True:
        try:
            line_no, row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:             # a field over the CSV limit, a stray NUL …
            result.errors.append((reader.line_num, _csv_error(reader.line_num, e).message))
            break                          # the reader cannot go on past a broken line
        if not any(c.strip() for c in row):
            continue
        clean = _import_row(row, cols, line_no, result)
        if clean is not None:
            pending.append((line_no, clean))
        if len(pending) >= batch_size:
            _import_batch(actor, pending, known, result)
            pending = []
            if on_batch is not None:
                on_batch(line_no - 1, result.added)
    if pending:
        _import_batch(actor, pending, known, result)
        if on_batch is not None:
            on_batch(line_no - 1, result.added)
    with db.atomic():
        audit.append(actor, "import", "contact", None, None,
                     {"added": result.added, "skipped": len(result.skipped), "errors": len(result.errors)})
    return result


def _csv_error(line_no: int, e: csv.Error) -> ValidationError:
    why = str(e)
    if "field larger than field limit" in why:
        reason = f"có một ô dài quá {csv.field_size_limit() // 1024} KiB"
    elif "NUL" in why:
        reason = "có ký tự NUL (tệp không phải văn bản CSV?)"
    else:
        reason = "không đúng dạng CSV"
    return ValidationError(f"Dòng {line_no} của tệp CSV {reason}; các dòng từ đó trở đi chưa được "
                           "nhập.", "file")


def _import_row(row: list[str], cols: dict[int, str], line_no: int,
                result: ImportResult) -> dict | None:
    """One CSV row as the cleaned values of a new entry, or None (the reason in ``result``)."""
    vals = {f: row[i] if i < len(row) else "" for i, f in cols.items()}
    kind_txt = nfc(vals.pop("kind", ""))
    kind = _KIND_WORDS.get(fold(kind_txt)) if kind_txt else None
    if kind_txt and kind is None:
        result.errors.append((line_no, f"Loại “{kind_txt[:40]}” không hiểu được (Cơ quan hoặc Cá nhân)."))
        return None
    if kind is None:
        kind = "person" if vals.get("position") and vals.get("organisation") else "body"
    grp = _group_key(vals.pop("group", ""))
    if grp is None:
        result.errors.append((line_no, "Nhóm không hợp lệ; dùng: " + ", ".join(GROUPS.values()) + "."))
        return None
    if not nfc(vals.get("name", "")):
        result.errors.append((line_no, "Thiếu tên."))
        return None
    try:
        return _clean({**vals, "kind": kind, "group": grp})
    except ValidationError as e:
        result.errors.append((line_no, e.message))
        return None


class _Known:
    """The active entries' (kind, folded name), kept up to date batch by batch (another desk
    may add one while a long file goes in)."""

    def __init__(self):
        self.keys: set[tuple[str, str]] = set()
        self.last_id = 0

    def refresh(self) -> None:
        q = (Contact.select(Contact.id, Contact.kind, Contact.name)
             .where((Contact.id > self.last_id) & (Contact.active == True))  # noqa: E712
             .order_by(Contact.id).tuples())
        for cid, kind, name in cast(Iterable[tuple[int, str, str]], q):
            self.keys.add((kind, fold(name)))
            self.last_id = cid


def _import_batch(actor, batch: list[tuple[int, dict]], known: _Known,
                  result: ImportResult) -> None:
    with db.atomic():
        known.refresh()
        new: list[Contact] = []
        for line_no, clean in batch:
            key = (clean["kind"], fold(clean["name"]))
            if key in known.keys:
                result.skipped.append((line_no, f"đã có “{clean['name']}”"))
                continue
            known.keys.add(key)
            c = Contact(**clean)
            _derive(c)
            new.append(c)
        if not new:
            return
        before = Contact.select(fn.MAX(Contact.id)).scalar() or 0
        fields = [f for f in Contact._meta.sorted_fields if f.name != "id"]
        bulk_insert(Contact, fields, [tuple(c.__data__.get(f.name) for f in fields) for c in new])
        ids = [r for (r,) in cast(Iterable[tuple[int]], Contact.select(Contact.id)
                                  .where(Contact.id > before).order_by(Contact.id).tuples())]
        if len(ids) != len(new):          # never: the write lock is ours for the batch
            raise RuntimeError("directory import: inserted rows and ids differ")
        for c, cid in zip(new, ids, strict=True):
            c.id = cid
        search.index_many("contact", [(c.id, c.label, c.abbr, c.organisation, c.group_label,
                                       c.phone, c.email, c.address, c.notes) for c in new])
        audit.append_many(actor, "create", "contact", [(c.id, audit.snapshot(c)) for c in new])
        known.last_id = max(known.last_id, ids[-1])
        result.added += len(new)


def export_rows(include_inactive: bool = False):
    """Rows for the directory export, headers EXPORT_HEADERS."""
    for c in list_contacts(include_inactive=include_inactive):
        yield [c.name, c.kind_label, c.group_label, c.position, c.organisation, c.abbr, c.phone,
               c.email, c.address, c.notes]


def _describe_contact(record_id: str) -> str:
    return f"danh bạ: {Contact.get_by_id(int(record_id)).label}"


audit.register_describer("contact", _describe_contact)      # the audit log names the entry


# --- the directory as a list, and its hits in the global search --------------------------------
class DirectorySource(DataSource):
    """Danh bạ phối hợp, in Vietnamese alphabetical order (people by given name)."""
    kind = "contact"
    title = "Danh bạ"
    columns = [labels.CONTACT_NAME, labels.CONTACT_KIND, labels.CONTACT_GROUP, labels.POSITION,
               labels.ORGANISATION, labels.PHONE]
    widths = [0, 9, 14, 16, 18, 12]
    descending = False

    def __init__(self, actor, text: str | None = None, *, kind: str | None = None,
                 group: str | None = None, include_inactive: bool = False):
        super().__init__(actor)
        self.contact_kind, self.group, self.include_inactive = kind, group, include_inactive
        self.ids = _search_ids(text, ["contact"])

    def query(self):
        q = Contact.select()
        if not self.include_inactive:
            q = q.where(Contact.active == True)  # noqa: E712
        if self.contact_kind:
            q = q.where(Contact.kind == self.contact_kind)
        if self.group:
            q = q.where(Contact.group == self.group)
        if self.ids is not None:
            q = q.where(id_filter(Contact.id, self.ids))
        return q

    def order_fields(self):
        return [Contact.sort_key, Contact.id]

    def cells(self, c: Contact) -> list[str]:
        return [c.name, "Cá nhân" if c.kind == "person" else "Cơ quan", c.group_label, c.position,
                c.organisation, c.phone]


def _found_contacts(refs: list[int]) -> dict[int, Found]:
    out = {}
    for c in Contact.select().where(Contact.id.in_(refs)):
        extra = ", ".join(x for x in (c.organisation, c.phone) if x)
        out[c.id] = Found("contact", c.id, search.KINDS["contact"].label, c.abbr, "",
                          c.label + (f" ({extra})" if extra else ""))
    return out


register_describer("contact", _found_contacts)
