"""Sổ quỹ tiền mặt: every receipt and payment, oldest first, with the running balance; it opens
at the newest lines, End goes to the last. A cancelled line stays, dimmed, "ĐÃ HỦY" and its
amount in the content, out of the money columns, and no longer counts. N writes a payment
voucher (phiếu chi): one that would take the balance below zero is refused, and an
administrator is asked whether to allow it (the allowance is logged). H cancels the receipt or
voucher under the cursor, with a reason. I prints this year's cash book."""
from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from models import cashbook, users
from models.money import format_money
from models.text import format_datetime

from .. import strings as S
from ..widgets.dialogs import ConfirmDialog, FormDialog
from ..widgets.fields import DateField, MoneyField, RequiredText, TextField, clean_fields
from ..widgets.register_table import RegisterTable
from .parts.columns import ColSpec, ViewSource, fit_columns
from .parts.dialogs import ReasonDialog
from .parts.listing import RegisterListScreen


COLUMNS = [ColSpec(0, S.COL_DATE, 10), ColSpec(1, S.COL_VOUCHER, 12, optional=True),
           ColSpec(2, S.COL_DESCRIPTION, 0), ColSpec(3, S.COL_IN, 10, "right"),
           ColSpec(4, S.COL_OUT, 10, "right"), ColSpec(5, S.COL_BALANCE, 11, "right")]


_IN, _OUT, _TEXT = 3, 4, 2          # the source's cells: money in, money out, content


class _CashView(ViewSource):
    def fetch(self, after_key, limit):
        out = []
        for key, cells in self.source.fetch(after_key, limit):
            if "cancelled" not in self.source.flags(key):
                out.append((key, [cells[s.index] for s in self.specs]))
                continue
            # a cancelled line: its amount leaves the money columns (it no longer counts) and
            # goes, with the mark, to the start of the content, where 80 columns still show it
            cells = list(cells)
            cells[_TEXT] = S.CASH_CANCELLED_ROW.format(amount=cells[_IN] or cells[_OUT],
                                                       text=cells[_TEXT])
            cells[_IN] = cells[_OUT] = ""
            out.append((key, [Text(cells[s.index], style="dim", justify=s.justify, no_wrap=True,
                                   overflow="ellipsis") for s in self.specs]))
        return out


class _CashTable(RegisterTable):
    """The book's table: End goes to the last line (all pages loaded), Home to the first."""
    BINDINGS = [Binding("end", "last_line", show=False), Binding("home", "first_line", show=False)]

    def action_last_line(self) -> None:
        while not self.exhausted and self.load_more():
            pass
        if self.keys:
            self.move_cursor(row=len(self.keys) - 1)

    def action_first_line(self) -> None:
        if self.keys:
            self.move_cursor(row=0)

    def go_to(self, key) -> None:
        """The cursor on the line ``key`` (pages loaded until it comes), else the last line."""
        while key not in self.keys and not self.exhausted and self.load_more():
            pass
        if key in self.keys:
            self.move_cursor(row=self.keys.index(key))
        else:
            self.action_last_line()


class CashBookScreen(RegisterListScreen):
    TITLE_VI = S.AREA_CASHBOOK
    TAKES_TODAY = False
    BINDINGS = [Binding("f7,n", "expense", S.KEY_EXPENSE, key_display="F7"),
                Binding("h", "cancel_entry", S.KEY_CANCEL_ENTRY, key_display="H"),
                Binding("i", "print_cashbook", S.KEY_PRINT, key_display="I")]

    def compose_body(self):
        for w in super().compose_body():
            yield (_CashTable(page_size=self.PAGE_SIZE, id="register-table")
                   if isinstance(w, RegisterTable) else w)

    @property
    def table(self) -> _CashTable:
        return self.query_one("#register-table", _CashTable)

    def make_source(self, text: str):
        self.HINT = S.CASH_HINT.format(balance=format_money(cashbook.balance()))
        return _CashView(cashbook.CashBookSource(self.app.actor, text or None),
                         fit_columns(COLUMNS, self.app.size.width))

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.table.action_last_line)      # the newest lines first

    def apply_filter(self, text: str) -> None:
        super().apply_filter(text)
        self.table.action_last_line()

    def action_expense(self, override: bool = False, values: dict | None = None) -> None:
        users.require(self.app.actor, "cash.edit")
        self.app.push_screen(ExpenseDialog(self.app.today()),
                             lambda r: r and self.apply_filter(self.filter_text))

    def action_cancel_entry(self) -> None:
        key = self.table.current_key
        if key is None:
            return
        users.require(self.app.actor, "cash.edit")
        e = cashbook.get_entry(self.table.source.source.ref(key))
        if e.cancelled:                        # said at once: there is nothing to ask
            self.app.show_message(S.CASH_ALREADY_CANCELLED.format(
                label=e.doc_label, when=format_datetime(e.cancelled_at), who=e.cancelled_by,
                reason=e.cancel_reason))
            return

        def reason(text) -> None:
            if text:
                self.app.run_guarded(self._cancel, e, key, text)
        self.app.push_screen(ReasonDialog(
            S.CANCEL_ENTRY_TITLE.format(label=e.doc_label),
            S.CANCEL_ENTRY_Q.format(label=e.doc_label, amount=format_money(e.amount),
                                    person=f", {e.person}" if e.person else "")), reason)

    def _cancel(self, e, key, text: str) -> None:
        cashbook.cancel_entry(self.app.actor, e, text)
        self.app.notify(S.CANCEL_ENTRY_DONE.format(label=e.doc_label))
        super().apply_filter(self.filter_text)
        self.table.go_to(key)                  # the cursor stays on the line just cancelled

    def action_print_cashbook(self) -> None:
        from models import office
        from .dues import print_paper
        users.require(self.app.actor, "dues.view")
        year = self.app.today().year
        start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        opening, lines = cashbook.lines(start, end)
        o = office.get_office()

        def make() -> bytes:
            from printouts.dues import cash_book
            return cash_book(opening, lines, o, start, end)
        print_paper(self.app, f"so-quy-tien-mat_{year}.pdf", make, S.PAPER_CASHBOOK.format(year=year))


class ExpenseDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"
    TITLE_VI = S.EXPENSE_TITLE

    def __init__(self, today: _dt.date):
        super().__init__()
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield MoneyField(S.FIELD_AMOUNT, "amount")
        yield RequiredText(S.FIELD_EXPENSE_CONTENT, "description", max_len=500)
        yield TextField(S.FIELD_RECIPIENT, "person")
        yield DateField(S.FIELD_DATE, "on", value=self.today)

    def save(self, override: bool = False):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        try:
            e = cashbook.record_expense(self.app.actor, v["amount"], v["description"], v["person"],
                                        on=v["on"], override=override, today=self.today)
        except cashbook.Overdrawn as err:
            if override or not users.can(self.app.actor, "cash.override"):
                raise
            def answer(yes) -> None:
                if yes:
                    self.app.run_guarded(self._override)
            self.app.push_screen(ConfirmDialog(S.EXPENSE_OVERRIDE_Q.format(message=err.message)), answer)
            return None
        self.app.notify(S.EXPENSE_DONE.format(label=e.doc_label, amount=format_money(e.amount)))
        return e

    def _override(self) -> None:
        e = self.save(override=True)
        if e is not None:
            self.dismiss(e)
