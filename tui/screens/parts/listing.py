"""The list of a register (sổ) with columns, filters and a printed book: ``RegisterListScreen``.

A register list names the models source class (``SOURCE``, from models.registers or the area's
module), the columns to show (``COLUMNS``, fitted to the terminal), the filters the dialog
offers (``FILTERS``) and, when the register has a book to print and export, its ``KIND`` (a
models.exports kind). Under it, ``RegisterScreen`` (screens/register.py) is the bare table with
`/`; documents add their own part on top (parts/documents.py).
"""
from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Static

from ... import strings as S
from ..register import RegisterScreen
from .columns import ColSpec, ViewSource, fit_columns
from .dialogs import PrintDialog, export_book, start_print
from .filters import FilterDialog, FilterSpec


class RegisterListScreen(RegisterScreen):
    """A register list: newest first, paged lazily; `/` searches (accent-insensitive), F5/B
    the filters, Enter opens; F6/I prints and X exports when the register has a book."""

    BINDINGS = [Binding("slash", "filter", S.KEY_SEARCH, key_display="/", tooltip=S.TIP_FILTER),
                Binding("f5,b", "filters", S.KEY_FILTERS, key_display="F5", tooltip=S.TIP_FILTERS),
                # the book: hidden in the footer (full at 80 columns), listed in F1 and the hint
                Binding("f6,i", "print_book", S.KEY_PRINT, key_display="F6", show=False,
                        tooltip=S.TIP_PRINT),
                Binding("x", "export_book", S.KEY_EXPORT, key_display="X", show=False,
                        tooltip=S.TIP_EXPORT)]
    SOURCE: Any = None
    COLUMNS: list[ColSpec] = []
    FILTERS: list[FilterSpec] = []
    KIND = ""               # the register book printed and exported: a models.exports kind
    TAKES_TODAY = True      # the source's constructor has a ``today`` argument

    def __init__(self, filters: dict[str, Any] | None = None, labels: list[str] | None = None):
        super().__init__()
        self.filters: dict[str, Any] = dict(filters or {})
        self.filter_labels: list[str] = list(labels or [])
        self._resumed = False

    # --- the source ----------------------------------------------------------------------------
    def source_kwargs(self) -> dict[str, Any]:
        kw = {k: v for k, v in self.filters.items() if not k.startswith("_")}
        if self.TAKES_TODAY:
            kw["today"] = self.app.today()
        return kw

    def make_source(self, text: str):
        src = self.SOURCE(self.app.actor, text or None, **self.source_kwargs())
        return ViewSource(src, fit_columns(self.COLUMNS, self.app.size.width), self.decorate)

    def decorate(self, cells: list) -> list:
        return cells

    def on_screen_resume(self) -> None:
        if self._resumed:
            self.reload()                          # back from a record: show what changed
        self._resumed = True

    def service_changed(self, key: str, kind: str, ref: Any) -> None:
        """A background service changed something (tui.app.service_event)."""

    # --- the status line -----------------------------------------------------------------------
    def on_register_table_loaded(self, event) -> None:
        event.stop()
        event.prevent_default()                    # (RegisterScreen's own line is replaced)
        parts = list(self.filter_labels)
        if self.filter_text:
            parts.append(f"“{self.filter_text}”")
        if event.rows == 0:
            line = (S.TABLE_EMPTY_FILTERED.format(filters=" · ".join(parts)) if parts
                    else f"{S.TABLE_EMPTY} {self.HINT}".strip())
        elif parts:
            line = S.FILTERS_ACTIVE.format(filters=" · ".join(parts))
        else:
            line = self.HINT
        self.query_one("#register-status", Static).update(line)

    # --- keys ------------------------------------------------------------------------------------
    def action_filters(self) -> None:
        if not self.FILTERS:
            return

        def done(result) -> None:
            if result is None:
                return
            self.filters, self.filter_labels = result[0], result[1]
            self.apply_filter(self.filter_text)
        self.app.push_screen(FilterDialog(self.FILTERS, self.filters), done)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("print_book", "export_book") and not self.KIND:
            return False
        if action == "filters" and not self.FILTERS:
            return False
        return True

    def action_print_book(self) -> None:
        self.app.push_screen(PrintDialog(self.KIND, self.app.today()),
                             lambda r: r and self.app.run_guarded(start_print, self.app,
                                                                  self.KIND, *r))

    def action_export_book(self) -> None:
        export_book(self.app, self.KIND)
