"""Sổ quỹ tiền mặt: every receipt and payment, oldest first, with the running balance (a
cancelled receipt stays, dimmed, and no longer counts). N writes a payment voucher (phiếu chi):
one that would take the balance below zero is refused, and an administrator is asked whether to
allow it (the allowance is logged). H cancels the receipt under the cursor, with a reason. I
prints this year's cash book."""
from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from models import cashbook, receipts, users
from models.money import format_money

from .. import strings as S
from ..widgets.dialogs import ConfirmDialog, FormDialog
from ..widgets.fields import DateField, MoneyField, RequiredText, TextField, clean_fields
from .parts.columns import ColSpec, ViewSource, fit_columns
from .parts.dialogs import ReasonDialog
from .parts.listing import RegisterListScreen


COLUMNS = [ColSpec(0, S.COL_DATE, 10), ColSpec(1, S.COL_VOUCHER, 12, optional=True),
           ColSpec(2, S.COL_DESCRIPTION, 0), ColSpec(3, S.COL_IN, 10, "right"),
           ColSpec(4, S.COL_OUT, 10, "right"), ColSpec(5, S.COL_BALANCE, 11, "right")]


class _CashView(ViewSource):
    def fetch(self, after_key, limit):
        out = []
        for key, cells in self.source.fetch(after_key, limit):
            dim = "cancelled" in self.source.flags(key)
            out.append((key, [Text(cells[s.index], style="dim strike", justify=s.justify,
                                   no_wrap=True, overflow="ellipsis") if dim else cells[s.index]
                              for s in self.specs]))
        return out


class CashBookScreen(RegisterListScreen):
    TITLE_VI = S.AREA_CASHBOOK
    TAKES_TODAY = False
    BINDINGS = [Binding("f7,n", "expense", S.KEY_EXPENSE, key_display="F7"),
                Binding("h", "cancel_receipt", S.KEY_CANCEL_RECEIPT, key_display="H"),
                Binding("i", "print_cashbook", S.KEY_PRINT, key_display="I")]

    def make_source(self, text: str):
        self.HINT = S.CASH_HINT.format(balance=format_money(cashbook.balance()))
        return _CashView(cashbook.CashBookSource(self.app.actor, text or None),
                         fit_columns(COLUMNS, self.app.size.width))

    def action_expense(self, override: bool = False, values: dict | None = None) -> None:
        users.require(self.app.actor, "cash.edit")
        self.app.push_screen(ExpenseDialog(self.app.today()),
                             lambda r: r and self.apply_filter(self.filter_text))

    def action_cancel_receipt(self) -> None:
        key = self.table.current_key
        if key is None:
            return
        e = cashbook.get_entry(self.table.source.source.ref(key))
        if e.direction != "in" or e.receipt_id is None:
            self.app.show_message(S.CANCEL_RECEIPT_ONLY)
            return
        r = receipts.Receipt.get_by_id(e.receipt_id)

        def reason(text) -> None:
            if text:
                self.app.run_guarded(self._cancel, r, text)
        self.app.push_screen(ReasonDialog(S.CANCEL_RECEIPT_TITLE.format(label=r.label),
                                          S.CANCEL_RECEIPT_Q.format(label=r.label,
                                                                    amount=format_money(r.amount),
                                                                    payer=r.payer)), reason)

    def _cancel(self, r, text: str) -> None:
        receipts.cancel_receipt(self.app.actor, r, text)
        self.app.notify(S.CANCEL_RECEIPT_DONE.format(label=r.label))
        self.apply_filter(self.filter_text)

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
                                        on=v["on"], override=override)
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
