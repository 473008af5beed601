"""What the register screens share: a models register source shown with the columns that fit
the terminal, filters (a small dialog, keys in the footer), full-screen forms, detail screens,
the reason / print / export / file dialogs, and opening an attached file.

A register list is a ``DocRegisterScreen``: the models source class (models.registers), the
columns to show (``ColSpec``: which cell of the source, how wide; width 0 takes what is left,
``optional`` ones only when there is room), and the filters the dialog offers.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from models.errors import ValidationError, os_error_text

from .. import strings as S
from ..widgets.dialogs import Dialog, FormDialog, guarded
from ..widgets.fields import (CycleField, DateField, Field, FormScroll, IntField,
                              RequiredText, TextField, clean_fields, focus_next_field,
                              show_validation_error)
from ..widgets.register_table import Column
from .base import AreaScreen
from .register import RegisterScreen

SCROLLBAR = 1          # RegisterTable's vertical scrollbar (vanphong.tcss)
MIN_FLEX = 22          # the widest column (the summary) keeps at least this much


# --- columns ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ColSpec:
    index: int                 # which cell of the models source's row
    label: str
    width: int = 0             # 0: what is left
    justify: str = "left"
    optional: bool = False     # shown only when the flexible column keeps MIN_FLEX + width


def fit_columns(specs: list[ColSpec], width: int) -> list[ColSpec]:
    """The columns shown at ``width`` cells: the required ones, then optional ones in order
    while the flexible column stays wide enough; the flexible column gets the rest."""
    def rest(cols: list[ColSpec]) -> int:
        return width - SCROLLBAR - sum(2 + c.width for c in cols)

    chosen = [s for s in specs if not s.optional]
    for s in specs:
        if s.optional and rest(chosen + [s]) >= MIN_FLEX:
            chosen.append(s)
    chosen.sort(key=specs.index)
    flex = max(8, rest(chosen))
    return [s if s.width else replace(s, width=flex) for s in chosen]


class ViewSource:
    """A models.registers source seen through chosen columns (for RegisterTable)."""

    def __init__(self, source, specs: list[ColSpec], decorate: Callable[[list], list] | None = None):
        self.source = source
        self.specs = specs
        self.decorate = decorate
        self.columns = [Column(s.label, s.width, s.justify) for s in specs]

    def fetch(self, after_key, limit):
        out = []
        for key, cells in self.source.fetch(after_key, limit):
            cells = list(cells)
            if self.decorate is not None:
                cells = self.decorate(cells)
            out.append((key, [cells[s.index] for s in self.specs]))
        return out

    def ref(self, key) -> int:
        return self.source.ref(key)


class ListSource:
    """A short list already in memory (refused scans …) as a table source."""

    def __init__(self, columns: list[Column], rows: list[tuple[Any, list]]):
        self.columns = columns
        self.rows = rows

    def fetch(self, after_key, limit):
        start = 0
        if after_key is not None:
            keys = [k for k, _ in self.rows]
            start = keys.index(after_key) + 1 if after_key in keys else len(keys)
        return self.rows[start:start + limit]


def yes_no() -> list[tuple[str, bool]]:
    """A yes/no as a CycleField's options (Enter goes on; ← → or C/K change it)."""
    return [(S.BOOL_NO, False), (S.BOOL_YES, True)]


# --- filters -------------------------------------------------------------------------------
@dataclass(frozen=True)
class FilterSpec:
    key: str                                   # the models source's keyword
    label: str
    kind: str                                  # year | choice | bool | contact
    options: Callable[[], list[tuple[str, Any]]] | None = None   # choice: (label, value); first = all
    contact_kind: str | None = None


class FilterDialog(FormDialog):
    """The filters of a register; dismisses with (values, labels) of the filters set."""

    AUTO_FOCUS = ".dialog-form .field-input"
    BINDINGS = [Binding("f5", "clear", S.KEY_CLEAR_FILTERS, key_display="F5")]
    SAVE_LABEL = S.DIALOG_FILTER

    def __init__(self, specs: list[FilterSpec], values: dict[str, Any]):
        super().__init__(S.FILTER_TITLE)
        self.specs, self.values = specs, values

    def compose_body(self) -> ComposeResult:
        from ..widgets.contact_field import ContactField
        for s in self.specs:
            v = self.values.get(s.key)
            if s.kind == "year":
                yield IntField(s.label, s.key, value=v or "", minimum=1945, maximum=2100,
                               required=False, placeholder=S.FILTER_YEAR_PH)
            elif s.kind == "choice":
                yield CycleField(s.label, s.key, s.options(), value=v)
            elif s.kind == "bool":
                yield CycleField(s.label, s.key, yes_no(), value=bool(v))
            elif s.kind == "contact":
                text = self.values.get(f"_{s.key}_text", v if isinstance(v, str) else "")
                yield ContactField(s.label, s.key, value=text or "",
                                   contact_id=v if isinstance(v, int) else None,
                                   kind=s.contact_kind, strict=False)
        yield Static(S.FILTER_DIALOG_HINT, classes="hint")

    def save(self):
        from ..widgets.contact_field import ContactField
        form = self.query_one(".dialog-form")
        raw = clean_fields(form)
        if raw is None:
            return None
        values: dict[str, Any] = {}
        labels: list[str] = []
        for s in self.specs:
            v = raw.get(s.key)
            if s.kind == "year" and v:
                values[s.key] = v
                labels.append(S.FILTER_YEAR.format(year=v))
            elif s.kind == "choice":
                opts = s.options()
                if v is not None and opts and v != opts[0][1]:
                    values[s.key] = v
                    labels.append(next(lbl for lbl, x in opts if x == v))
            elif s.kind == "bool" and v:
                values[s.key] = True
                labels.append(s.label)
            elif s.kind == "contact" and v:
                f = [f for f in form.query(ContactField) if f.field == s.key][0]
                values[s.key] = f.contact_id if f.contact_id is not None else v
                values[f"_{s.key}_text"] = v
                labels.append(f"{s.label}: {v}")
        return values, labels

    def action_clear(self) -> None:
        self.dismiss(({}, []))


# --- the register list -------------------------------------------------------------------------
class DocRegisterScreen(RegisterScreen):
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


# --- full-screen forms -------------------------------------------------------------------------
class FormScreen(AreaScreen):
    """A form on a screen of its own (longer than a dialog holds at 80×24): Enter goes field
    to field, Ctrl+S or Enter on the last field saves, Esc leaves (asking first when something
    was typed). A models ValidationError lands under its field."""

    BINDINGS = [Binding("escape", "back", S.KEY_CANCEL, key_display="Esc"),
                Binding("ctrl+s", "save", S.KEY_SAVE, key_display="^s")]
    HINT = S.FORM_HINT

    def compose_body(self) -> ComposeResult:
        with FormScroll(id="form"):
            yield from self.compose_form()
        yield Static("", id="form-info", markup=False)
        yield Static("", id="form-error", classes="form-error", markup=False)
        yield Static(self.HINT, id="form-hint", classes="hint", markup=False)

    def compose_form(self) -> ComposeResult:
        yield from ()

    @property
    def form(self):
        return self.query_one("#form", FormScroll)

    def field(self, name: str) -> Field:
        return next(f for f in self.form.query(Field) if f.field == name)

    def on_mount(self) -> None:
        fields = list(self.form.query(Field))
        if fields:
            fields[0].focus()

    def on_field_submitted(self, event) -> None:
        event.stop()
        self.field_done(event.field)
        if not focus_next_field(self.form, event.field):
            self.action_save()

    def field_done(self, field: Field) -> None:
        """Hook: a field was left with Enter (the form may update a hint)."""

    def show_validation_error(self, err: ValidationError) -> bool:
        if show_validation_error(self.form, err):
            return True
        self.set_error(err.message)
        return True

    def set_error(self, message: str) -> None:
        err = self.query_one("#form-error", Static)
        err.update(message)
        err.set_class(bool(message), "-shown")

    @guarded
    def action_save(self) -> None:
        self.set_error("")
        self.save()

    def save(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
        if any(f.dirty for f in self.form.query(Field)):
            self.app.confirm(S.FORM_DISCARD, self.app.go_back)
            return
        self.app.go_back()


# --- detail screens ----------------------------------------------------------------------------
def kv(t: Text, label: str, value: Any, *, style: str = "") -> None:
    """One 'label: value' line of a detail screen."""
    t.append(f"{label}: ", style="bold")
    t.append("" if value is None else str(value), style=style)
    t.append("\n")


def section(t: Text, title: str) -> None:
    t.append("\n" + title + "\n", style="bold cyan")


class DetailScreen(AreaScreen):
    """One record, read-only text with its keys in the footer; refreshed after every change."""

    AUTO_FOCUS = "#detail"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("", id="detail-body")
        yield Static("", id="detail-hint", classes="hint", markup=False)

    _loaded = False

    def on_mount(self) -> None:
        self.refresh_detail()

    def on_screen_resume(self) -> None:
        if self._loaded:                       # back from a form or dialog: read it again
            self.refresh_detail()

    def refresh_detail(self) -> None:
        self.app.run_guarded(self._refresh)

    def _refresh(self) -> None:
        self.load()
        self._loaded = True
        self.query_one("#detail-body", Static).update(self.render_body())
        self.query_one("#detail-hint", Static).update(self.hint())
        self.refresh_bindings()

    def load(self) -> None:
        """Read the record again from the database."""

    def render_body(self) -> Text:
        return Text()

    def hint(self) -> str:
        return ""

    def after(self, result) -> None:
        """Callback of a dialog that changed the record."""
        if result is not None:
            self.refresh_detail()


# --- small dialogs ---------------------------------------------------------------------------
class ReasonDialog(FormDialog):
    """Ask for a reason (cancelling, correcting): dismisses with the text, never empty."""

    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, title: str, question: str, label: str = S.FIELD_REASON):
        super().__init__(title)
        self.question, self.label = question, label

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, classes="question", markup=False)
        yield RequiredText(self.label, "reason", max_len=500)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        return None if v is None else v["reason"]


class PrintDialog(FormDialog):
    """The dates of the register book to print; dismisses with (date_from, date_to)."""

    AUTO_FOCUS = ".dialog-form Input"
    SAVE_LABEL = S.DIALOG_PRINT

    def __init__(self, kind: str, today: _dt.date):
        super().__init__(S.PRINT_TITLE.format(book=S.BOOK_NAMES[kind]))
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield DateField(S.FIELD_DATE_FROM, "date_from", value=_dt.date(self.today.year, 1, 1))
        yield DateField(S.FIELD_DATE_TO, "date_to", value=self.today)
        yield Static(S.PRINT_HINT, classes="hint")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        if v["date_from"] > v["date_to"]:
            raise ValidationError(S.DATES_REVERSED, "date_to")
        return v["date_from"], v["date_to"]


def start_print(app, kind: str, date_from: _dt.date, date_to: _dt.date) -> None:
    """Gather the rows (here), render and send to the printer (in a thread); say the result."""
    from models import exports, office
    from ..printing import book_unit
    rows = exports.print_rows(app.actor, kind, date_from=date_from, date_to=date_to)
    o = office.get_office()
    command = str(office.get_setting("print.command") or "")
    app.notify(S.PRINT_WORKING.format(book=S.BOOK_NAMES[kind], n=len(rows), unit=book_unit(kind)))

    def work() -> None:
        from ..printing import print_register_book
        try:
            result = print_register_book(app.home, kind, rows, o, date_from, date_to, command)
        except OSError as e:
            app.call_from_thread(app.show_error, S.PRINT_FAILED.format(detail=os_error_text(e)))
            return
        except Exception as e:            # the database busy, a bug: a dialog, never a crash
            app.call_from_thread(app.show_unexpected, e)
            return
        app.call_from_thread(app.show_message, result.message, S.PRINT_DONE_TITLE)
    app.run_worker(work, thread=True, group="print")


class ExportDialog(FormDialog):
    """Export a register as CSV or Excel: format, year, file; says where it went."""

    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_EXPORT

    def __init__(self, kind: str, today: _dt.date):
        super().__init__(S.EXPORT_TITLE.format(book=S.BOOK_NAMES[kind]))
        self.kind, self.today = kind, today

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_FORMAT, "fmt", [("CSV (UTF-8)", "csv"), ("Excel (xlsx)", "xlsx")])
        yield IntField(S.FIELD_YEAR, "year", value=self.today.year, minimum=1945, maximum=2100,
                       required=False, placeholder=S.FILTER_YEAR_PH)
        yield TextField(S.FIELD_EXPORT_PATH, "out", placeholder=S.EXPORT_PATH_PH)
        hint = S.EXPORT_HINTS.get(self.kind, S.EXPORT_HINT)
        yield Static(hint.format(folder=self.app.home.path / "exports"), classes="hint",
                     markup=False)

    def on_mount(self) -> None:
        from textual.widgets import Input
        out = next(f for f in self.query(Field) if f.field == "out")
        self.watch(out.query_one(Input), "value", self._format_follows_name, init=False)

    def _format_follows_name(self, value: str) -> None:
        """The format shown follows the file's ending as it is typed (….csv, ….xlsx)."""
        from models import exports
        fmt = Path(value.strip()).suffix.lower().lstrip(".")
        if fmt in exports.FORMATS:
            cycle = next(f for f in self.query(CycleField) if f.field == "fmt")
            if cycle.value != fmt:
                cycle.value = fmt

    def save(self):
        from models import exports
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        out = v["out"]
        if out:                              # a file named .csv or .xlsx is written as such
            fmt, path = exports.export_target(Path(out).expanduser(), v["fmt"])
        else:
            from ..printing import BOOK_FILES
            stem = {**BOOK_FILES, "directory": "danh-ba"}[self.kind]
            fmt = v["fmt"]
            path = self.app.home.path / "exports" / f"{stem}-{v['year'] or 'tat-ca'}.{fmt}"
        try:
            n = exports.export(self.app.actor, self.kind, fmt, path, year=v["year"])
        except OSError as e:
            raise ValidationError(S.EXPORT_FAILED.format(path=path, detail=os_error_text(e)), "out") from None
        return n, path


def export_book(app, kind: str) -> None:
    """X: the export dialog, then where the file went."""
    def done(result) -> None:
        if result is not None:
            n, path = result
            app.show_message(S.EXPORT_DONE.format(n=n, path=path), S.EXPORT_DONE_TITLE)
    app.push_screen(ExportDialog(kind, app.today()), done)


class PathDialog(FormDialog):
    """Ask for a file on this computer; dismisses with its Path (which exists)."""

    AUTO_FOCUS = ".dialog-form Input"

    def __init__(self, title: str, hint: str = ""):
        super().__init__(title)
        self.hint = hint

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_FILE_PATH, "path", max_len=4000)
        if self.hint:
            yield Static(self.hint, classes="hint", markup=False)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        p = Path(v["path"]).expanduser()
        if not p.is_file():
            raise ValidationError(S.FILE_NOT_FOUND.format(path=p), "path")
        return p


# --- attached files ------------------------------------------------------------------------------
def system_viewer() -> list[str] | None:
    """The command that shows a file in the system's viewer, when there is a display to show
    it on (over SSH there usually is none): None otherwise."""
    if sys.platform == "win32":
        return ["startfile"]
    if sys.platform == "darwin":
        return ["open"] if shutil.which("open") else None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    xdg = shutil.which("xdg-open")
    return [xdg] if xdg else None


def open_in_viewer(path: Path) -> bool:
    cmd = system_viewer()
    if cmd is None:
        return False
    try:
        if cmd == ["startfile"]:
            os.startfile(str(path))              # type: ignore[attr-defined]  (Windows)
        else:
            subprocess.Popen([*cmd, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True


class FileInfoDialog(Dialog):
    """An attached file seen from a terminal: where it is, its pages, its text layer."""

    BINDINGS = [Binding("escape,enter", "cancel", S.KEY_CLOSE, key_display="Esc")]
    AUTO_FOCUS = ".dialog-text"

    def __init__(self, name: str, path: Path, pages: int | None, size: int | None, text: str):
        super().__init__(S.FILE_INFO_TITLE.format(name=name))
        self.path, self.pages, self.file_size, self.text = path, pages, size, text

    def compose_body(self) -> ComposeResult:
        t = Text()
        kv(t, S.FILE_PATH, self.path)
        kv(t, S.FILE_PAGES, self.pages if self.pages is not None else S.UNKNOWN)
        if self.file_size is not None:
            kv(t, S.FILE_SIZE, S.FILE_SIZE_KB.format(kb=max(1, round(self.file_size / 1024))))
        section(t, S.FILE_TEXT)
        body = (self.text or "").strip()
        t.append(body[:6000] if body else S.FILE_NO_TEXT)
        with VerticalScroll(classes="dialog-text"):
            yield Static(t)
        yield Static(S.FILE_INFO_HINT, classes="hint")
