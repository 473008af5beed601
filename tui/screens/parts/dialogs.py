"""The small dialogs the registers share: a reason (cancelling, correcting), the dates of the
register book to print, the export of a register (CSV or Excel), a file on this computer."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from models.errors import ValidationError, os_error_text

from ... import strings as S
from ...widgets.dialogs import FormDialog
from ...widgets.fields import CycleField, DateField, Field, IntField, RequiredText, TextField, clean_fields


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
    from ...printing import book_unit
    rows = exports.print_rows(app.actor, kind, date_from=date_from, date_to=date_to)
    o = office.get_office()
    command = str(office.get_setting("print.command") or "")
    app.notify(S.PRINT_WORKING.format(book=S.BOOK_NAMES[kind], n=len(rows), unit=book_unit(kind)))

    def work() -> None:
        from ...printing import print_register_book
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
            from ...printing import BOOK_FILES
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
