"""One month's collection: the sheet of a chi bộ and the list on screen."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .. import labels, receipts, users
from ..members import Member
from ..money import format_money
from ..registers import DataSource, _search_ids, id_filter
from ..text import nfc
from .records import DuesPayment, PaymentMonth
from .rules import Rules


# --- one month's collection (the list, the sheet) -----------------------------------------------
@dataclass
class SheetRow:
    member_id: int
    full_name: str
    cell: str
    category: str
    base: int
    due: int
    exempt: bool
    reduction: int
    paid: int                 # 0 if unpaid
    paid_on: _dt.date | None
    receipt: str              # "0012/2026" or ""
    method: str


def _sheet_rows(members: list[Member], mo: _dt.date, rules: Rules) -> list[SheetRow]:
    ids = [m.id for m in members]
    paid: dict[int, PaymentMonth] = {}
    rlabels: dict[int | None, str] = {}
    if ids:
        q = (PaymentMonth.select(PaymentMonth, DuesPayment).join(DuesPayment)
             .where((PaymentMonth.month == mo) & (PaymentMonth.cancelled == False)  # noqa: E712
                    & (PaymentMonth.member.in_(ids))))
        for row in q:
            paid[row.member_id] = row
        rids = [row.payment.receipt_id for row in paid.values() if row.payment.receipt_id]
        rlabels = ({r.id: r.label for r in receipts.Receipt.select().where(receipts.Receipt.id.in_(rids))}
                   if rids else {})
    out = []
    for m in members:
        d = rules.due(m, mo)
        if d is None:
            continue
        pm = paid.get(m.id)
        out.append(SheetRow(m.id, m.full_name, m.cell, m.category, m.base_amount, d.amount, d.exempt,
                            d.reduction, pm.amount if pm else 0, pm.payment.paid_on if pm else None,
                            rlabels.get(pm.payment.receipt_id, "") if pm else "",
                            pm.payment.method if pm else ""))
    return out


def collection_sheet(actor, cell: str | None, year: int, month: int) -> list[SheetRow]:
    """A chi bộ's (or every member's) dues for a month, Vietnamese order."""
    users.require(actor, "dues.view")
    q = Member.select().order_by(Member.sort_key, Member.id)
    if cell:
        q = q.where(Member.cell == nfc(cell))
    return _sheet_rows(list(q), _dt.date(year, month, 1), Rules())


class DuesMonthSource(DataSource):
    """Members with their dues for one month. ``fetch`` cells: name, chi bộ, due, paid, receipt;
    ``row_flags(key)``: {"unpaid"} / {"exempt"} / {"paid"} for the screen's colours."""
    kind = "dues"
    title = "Thu đảng phí"
    columns = [labels.FULL_NAME, labels.CELL, labels.DUE, labels.PAID, labels.RECEIPT]
    widths = [0, 16, 11, 11, 10]
    descending = False
    permission = "dues.view"

    def __init__(self, actor, text: str | None = None, *, year: int, month: int,
                 cell: str | None = None):
        super().__init__(actor)
        self.month = _dt.date(year, month, 1)
        self.cell = cell
        self.ids = _search_ids(text, ["member"])
        self.rules = Rules()
        self._flags: dict = {}

    def query(self):
        q = Member.select()
        if self.cell:
            q = q.where(Member.cell == nfc(self.cell))
        if self.ids is not None:
            q = q.where(id_filter(Member.id, self.ids))
        return q

    def order_fields(self):
        return [Member.sort_key, Member.id]

    def fetch(self, after_key=None, limit: int = 50):
        if after_key is None:           # from the top (a reload): the rules in force now
            self.rules = Rules()
        out: list[tuple] = []
        key = after_key
        while len(out) < limit:
            members = self._page(key, limit, lean=False)
            if not members:
                break
            key = self.key_of(members[-1])
            by_id = {r.member_id: r for r in _sheet_rows(members, self.month, self.rules)}
            for m in members:
                r = by_id.get(m.id)
                if r is None:
                    continue
                k = self.key_of(m)
                self._flags[k] = ("exempt" if r.exempt else "paid" if r.paid else "unpaid")
                out.append((k, [r.full_name, r.cell, format_money(r.due, unit=False),
                                format_money(r.paid, unit=False) if r.paid else "", r.receipt]))
            if len(members) < limit:
                break
        return out[:limit]

    def row_flag(self, key) -> str:
        return self._flags.get(key, "")
