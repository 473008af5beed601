"""Nhật ký thay đổi: the audit log, newest first, read-only. Enter shows one entry's old and new
values; F5 / K walks the hash chain (models.audit.verify) and names the first broken entry.
"/" filters by the words the log shows — a user, a record id, a table's or an action's
Vietnamese name, accents and case ignored (``clerk_words``)."""
from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from models import audit, registers
from models.text import fold, format_date, format_datetime

from .. import strings as S
from ..widgets.dialogs import Dialog
from ..widgets.register_table import Column
from .register import RegisterScreen


def action_label(action: str) -> str:
    return S.AUDIT_ACTIONS.get(action, action)


def table_label(table: str) -> str:
    """What a person calls a table — or a register book, for a print or an export."""
    if table in S.AUDIT_TABLES:
        return S.AUDIT_TABLES[table]
    if table in S.BOOK_NAMES:
        return S.AUDIT_BOOK.format(book=S.BOOK_NAMES[table])
    return table


def record_label(table: str, record_id, action: str = "") -> str:
    """"văn bản đến 276/2026" (the area's describer, models.audit.register_describer); a
    printed or exported book by its name; else the table's name and the record's id."""
    if action in ("print", "export") and table in S.BOOK_NAMES:
        return S.AUDIT_BOOK.format(book=S.BOOK_NAMES[table])
    named = audit.describe(table, record_id)
    if named:
        return named[:1].upper() + named[1:]
    if record_id in (None, ""):
        return table_label(table)
    return S.AUDIT_RECORD.format(table=table_label(table), id=record_id)


def field_label(table: str, field: str) -> str:
    return S.AUDIT_FIELDS.get(f"{table}.{field}") or S.AUDIT_FIELDS.get(field, field)


def _table_names(table: str) -> list[str]:
    """Every name the log shows for a table: its own, and its book's when printed or exported."""
    names = [table_label(table)]
    if table in S.BOOK_NAMES:
        names.append(S.AUDIT_BOOK.format(book=S.BOOK_NAMES[table]))
    return names


def clerk_words(text: str) -> tuple[set[str], set[str]]:
    """The tables and actions whose names, as the log shows them, hold the words typed —
    accents and case ignored: "dang vien" → {"party_member", "members"}, "sua" → {"update"}."""
    w = " ".join(fold(text).split())
    if not w:
        return set(), set()
    tables = {t for t in {*S.AUDIT_TABLES, *S.BOOK_NAMES}
              if any(w in fold(name) for name in _table_names(t))}
    actions = {a for a, label in S.AUDIT_ACTIONS.items() if w in fold(label)}
    return tables, actions


class AuditSource:
    def __init__(self, actor, text: str = "", width: int = 80):
        self.actor, self.text = actor, text
        self.tables, self.actions = clerk_words(text)
        self.records = registers.records_named(actor, text) if text.strip() else {}
        rest = max(16, width - 1 - 2 * 5 - (6 + 16 + 10 + 14))
        self.columns = [Column(S.AUDIT_COLUMNS[0], 6, "right"), Column(S.AUDIT_COLUMNS[1], 16),
                        Column(S.AUDIT_COLUMNS[2], 10), Column(S.AUDIT_COLUMNS[3], 14),
                        Column(S.AUDIT_COLUMNS[4], rest)]

    def fetch(self, after_key, limit):
        rows = audit.recent(self.actor, before_seq=after_key, limit=limit, text=self.text,
                            tables=self.tables, actions=self.actions, records=self.records)
        return [(e.seq, [str(e.seq), format_datetime(e.at), e.username, action_label(e.action),
                         record_label(e.table_name, e.record_id, e.action)]) for e in rows]


# fields holding another record's id: named by that record's describer
REFERENCES = {"sender_contact": "contact", "handler_contact": "contact",
              "signer_contact": "contact", "contact": "contact", "incoming": "incoming",
              "outgoing": "outgoing", "dossier": "dossier", "term": "term"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _coded(table: str, field: str) -> dict:
    """The labels of a field stored as a code (status, role, kind …)."""
    from models import contacts, documents, users
    if field == "status":
        return {"incoming": documents.INCOMING_STATUS, "incoming_step": documents.INCOMING_STATUS,
                "outgoing": documents.OUTGOING_STATUS}.get(table, {})
    return {"role": users.ROLES, "source": S.AUDIT_SOURCES,
            "kind": contacts.KINDS if table == "contact" else {},
            "group": contacts.GROUPS if table == "contact" else {}}.get(field, {})


def value_text(table: str, field: str, v: Any) -> str:
    """A stored value as the clerk reads it: dates dd/mm/yyyy, Có/Không, labels for codes,
    the record a reference points to; hidden secret text ("(đã ẩn…)") as it is."""
    if v is None or v == "":
        return S.AUDIT_EMPTY_VALUE
    if isinstance(v, bool):
        return S.AUDIT_YES if v else S.AUDIT_NO
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    if audit.is_redacted(v):
        return v
    if field in REFERENCES and isinstance(v, int):
        return audit.describe(REFERENCES[field], v) or str(v)
    if isinstance(v, str):
        label = _coded(table, field).get(v)
        if label:
            return label
        if _ISO_DATE.match(v):
            return format_date(_dt.date.fromisoformat(v))
        if _ISO_DATETIME.match(v):
            return format_datetime(_dt.datetime.fromisoformat(v))
    return str(v)


def describe_entry(e: audit.AuditEntry) -> str:
    t = e.table_name
    head = S.AUDIT_DETAIL_HEAD.format(at=format_datetime(e.at), username=e.username,
                                      action=action_label(e.action),
                                      record=record_label(t, e.record_id, e.action))
    old = json.loads(e.old) if e.old else {}
    new = json.loads(e.new) if e.new else {}
    lines = [head, ""]
    for k in list(dict.fromkeys([*old, *new])):
        label = field_label(t, k)
        if k in old:
            lines.append(S.AUDIT_FIELD_CHANGE.format(field=label, old=value_text(t, k, old.get(k)),
                                                     new=value_text(t, k, new.get(k))))
        else:
            lines.append(S.AUDIT_FIELD_NEW.format(field=label, new=value_text(t, k, new.get(k))))
    if not old and not new:
        lines.append(S.AUDIT_NO_FIELDS)
    return "\n".join(lines)


class AuditEntryDialog(Dialog):
    BINDINGS = [Binding("escape,enter", "cancel", S.KEY_CLOSE, key_display="Esc")]

    def __init__(self, entry: audit.AuditEntry):
        super().__init__(S.AUDIT_DETAIL_TITLE.format(seq=entry.seq))
        self.entry = entry

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-text"):
            yield Static(describe_entry(self.entry), markup=False)


class AuditScreen(RegisterScreen):
    TITLE_VI = S.AREA_AUDIT
    HINT = S.AUDIT_HINT
    BINDINGS = [Binding("f5,k", "verify", S.KEY_VERIFY_CHAIN, key_display="F5")]

    def make_source(self, text: str) -> AuditSource:
        return AuditSource(self.app.actor, text, self.app.size.width)

    def open_record(self, key) -> None:
        rows = audit.recent(self.app.actor, before_seq=key + 1, limit=1)
        if rows:
            self.app.push_screen(AuditEntryDialog(rows[0]))

    def action_verify(self) -> None:
        r = audit.verify()
        if r.ok:
            self.app.show_message(S.AUDIT_VERIFY_OK.format(count=r.count), S.KEY_VERIFY_CHAIN)
        else:
            self.app.show_error(S.AUDIT_VERIFY_BAD.format(seq=r.bad_seq, reason=r.reason),
                                S.KEY_VERIFY_CHAIN)
