"""Nhật ký thay đổi: the audit log, newest first, read-only. Enter shows one entry's old and new
values; F5 / K walks the hash chain (models.audit.verify) and names the first broken entry."""
from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from models import audit
from models.text import format_datetime

from .. import strings as S
from ..widgets.dialogs import Dialog
from ..widgets.register_table import Column
from .register import RegisterScreen


def action_label(action: str) -> str:
    return S.AUDIT_ACTIONS.get(action, action)


def table_label(table: str) -> str:
    return S.AUDIT_TABLES.get(table, table)


class AuditSource:
    columns = [Column(S.AUDIT_COLUMNS[0], 6, "right"), Column(S.AUDIT_COLUMNS[1], 16),
               Column(S.AUDIT_COLUMNS[2], 10), Column(S.AUDIT_COLUMNS[3], 13),
               Column(S.AUDIT_COLUMNS[4], 15), Column(S.AUDIT_COLUMNS[5], 5)]

    def __init__(self, actor, text: str = ""):
        self.actor, self.text = actor, text

    def fetch(self, after_key, limit):
        rows = audit.recent(self.actor, before_seq=after_key, limit=limit, text=self.text)
        return [(e.seq, [str(e.seq), format_datetime(e.at), e.username, action_label(e.action),
                         table_label(e.table_name), e.record_id or ""]) for e in rows]


def _value(v: Any) -> str:
    if v is None or v == "":
        return S.AUDIT_EMPTY_VALUE
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def describe_entry(e: audit.AuditEntry) -> str:
    head = S.AUDIT_DETAIL_HEAD.format(at=format_datetime(e.at), username=e.username,
                                      action=action_label(e.action), table=table_label(e.table_name),
                                      record=e.record_id or "")
    old = json.loads(e.old) if e.old else {}
    new = json.loads(e.new) if e.new else {}
    lines = [head, ""]
    for k in list(dict.fromkeys([*old, *new])):
        if k in old:
            lines.append(S.AUDIT_FIELD_CHANGE.format(field=k, old=_value(old.get(k)), new=_value(new.get(k))))
        else:
            lines.append(S.AUDIT_FIELD_NEW.format(field=k, new=_value(new.get(k))))
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
        return AuditSource(self.app.actor, text)

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
