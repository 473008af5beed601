"""Máy quét: what came from the scanner folder and needs the clerk — the scans registered
as "Cần bổ sung" (Enter opens one to give it its details) and the files refused, with the
reason (Enter shows it all; X: dealt with, it leaves the list and "Hôm nay"). T switches.
Both lists update by themselves when the intake running inside the program takes a file."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from models import office, scans
from models.text import fold, format_datetime

from .. import strings as S
from ..widgets.dialogs import Dialog
from ..widgets.register_table import Column
from .parts.columns import ColSpec, ListSource, fit_columns
from .parts.detail import kv
from .parts.listing import RegisterListScreen


NEEDS_COLUMNS = [ColSpec(0, S.COL_ARRIVAL_NO, 9, "right"), ColSpec(1, S.COL_WHEN, 16),
                 ColSpec(2, S.COL_SENDER, 18), ColSpec(3, S.COL_FILE, 0)]
REJECTED_COLUMNS = [ColSpec(0, S.COL_WHEN, 16), ColSpec(1, S.COL_FILE, 22), ColSpec(2, S.COL_PROBLEM, 0)]


class IntakeScreen(RegisterListScreen):
    TITLE_VI = S.INTAKE_NEEDS_TITLE
    BINDINGS = [Binding("t", "switch", S.KEY_SWITCH_LIST, key_display="T"),
                Binding("x", "dismiss", S.KEY_DISMISS, key_display="X")]

    def __init__(self, view: str = "needs"):
        super().__init__()
        self.view = view

    def on_mount(self) -> None:
        self.set_view(self.view, load=False)

    def set_view(self, view: str, load: bool = True) -> None:
        self.view = view
        title = S.INTAKE_NEEDS_TITLE if view == "needs" else S.INTAKE_REJECTED_TITLE
        self.set_title(title)
        inbox = office.get_setting("intake.inbox") or S.INTAKE_NO_INBOX
        running = "intake" in getattr(self.app, "running_services", {})
        self.HINT = (S.INTAKE_RUNNING if running else S.INTAKE_NOT_RUNNING).format(inbox=inbox)
        self.refresh_bindings()
        if load:
            self.apply_filter(self.filter_text)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "dismiss":
            return self.view == "rejected"
        return super().check_action(action, parameters)

    def make_source(self, text: str):
        want = fold(text)
        if self.view == "needs":
            specs = fit_columns(NEEDS_COLUMNS, self.app.size.width)
            rows = []
            for d in scans.scans_needing_details(self.app.actor):
                scan = scans.scan_of(d.id)
                cells = [scans.number_label(d), format_datetime(d.arrived_at), d.sender,
                         scan.name if scan else ""]
                if not want or any(want in fold(c) for c in cells):
                    rows.append((d.id, [cells[s.index] for s in specs]))
        else:
            specs = fit_columns(REJECTED_COLUMNS, self.app.size.width)
            rows = []
            for r in scans.open_rejections():
                cells = [format_datetime(r.at), r.name, f"{r.kind_label}: {r.reason}"]
                if not want or any(want in fold(c) for c in cells):
                    rows.append((r.id, [cells[s.index] for s in specs]))
        return ListSource([Column(s.label, s.width, s.justify) for s in specs], rows)

    def reload(self) -> None:
        self.set_view(self.view)             # the lists are read afresh (they are short)

    def action_switch(self) -> None:
        self.set_view("rejected" if self.view == "needs" else "needs")

    def open_record(self, key) -> None:
        if self.view == "needs":
            from .incoming import open_incoming
            open_incoming(self.app, key)
            return
        r = next((x for x in scans.open_rejections() if x.id == key), None)
        if r is not None:
            self.app.push_screen(RejectionDialog(r), lambda done: done and self.dismiss_one(key))

    def action_dismiss(self) -> None:
        key = self.table.current_key
        if key is None or self.view != "rejected":
            return
        self.app.confirm(S.DISMISS_Q, lambda: self.dismiss_one(key))

    def dismiss_one(self, key: Any) -> None:
        r = self.app.run_guarded(scans.dismiss_rejection, self.app.actor, key)
        if r is not None:
            self.app.notify(S.DISMISSED.format(name=r.name))
            self.reload()

    def service_changed(self, key: str, kind: str, ref: Any) -> None:
        if key == "intake" and kind != "info":
            self.reload()


class RejectionDialog(Dialog):
    """One refused file: what, why, where it was put. X: dealt with (dismisses with True)."""

    BINDINGS = [Binding("escape,enter", "cancel", S.KEY_CLOSE, key_display="Esc"),
                Binding("x", "dealt_with", S.KEY_DISMISS, key_display="X")]
    AUTO_FOCUS = ".dialog-text"

    def __init__(self, r: scans.ScanRejection):
        super().__init__(S.REJECTION_TITLE.format(name=r.name))
        self.r = r

    def compose_body(self) -> ComposeResult:
        r = self.r
        t = Text()
        kv(t, S.COL_WHEN, format_datetime(r.at))
        kv(t, S.COL_PROBLEM, r.kind_label)
        kv(t, S.COL_REASON, r.reason)
        kv(t, S.REJECTION_NOW_AT, r.failed_path or S.REJECTION_DELETED)
        if r.duplicate_of_id:
            d = r.duplicate_of
            kv(t, S.REJECTION_DUPLICATE_OF, f"{d.arrival_no}/{d.year}")
        with VerticalScroll(classes="dialog-text"):
            yield Static(t)
        yield Static(S.REJECTION_HINT, classes="hint")

    def action_dealt_with(self) -> None:
        self.dismiss(True)
