"""Thu đảng phí: every member with what they owe for a month and what they paid.

N records a payment for the member under the cursor (one or several months, cash or the
portal, a voluntary extra); a cash payment is saved with its numbered receipt first, and only
then does the screen offer to print that receipt (Enter prints it). I prints the receipt of the
row's month again (marked "Bản in lại"), A prints every receipt made in the month in one PDF,
[ and ] move between months; coming back from another screen (the rules, a member) reads the
month again, under the rules in force now.

Q opens the rules (``RulesScreen``): N adds one after a confirmation that says what it does, H
cancels the chosen one with a reason (kept, marked "ĐÃ HỦY").

Printing (``print_receipts`` and ``print_paper``): the data are read here, the PDF is made and
saved under the office's printouts/ and handed to the print command in a worker thread; the
person is told where it went.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import dues, members, receipts
from models.errors import ValidationError
from models.money import format_money, parse_money

from .. import strings as S
from ..widgets.dialogs import ConfirmDialog, FormDialog, guarded
from ..widgets.fields import CycleField, DateField, MoneyField, RequiredText, TextField, clean_fields
from models.text import format_date

from .base import AreaScreen
from .parts.columns import ColSpec, ViewSource, fit_columns
from .parts.dialogs import ReasonDialog
from .parts.listing import RegisterListScreen


COLUMNS = [ColSpec(0, S.COL_FULL_NAME, 0), ColSpec(1, S.COL_CELL, 22, optional=True),
           ColSpec(2, S.COL_DUE, 10, "right"), ColSpec(3, S.COL_PAID, 10, "right"),
           ColSpec(4, S.COL_RECEIPT, 9)]
FLAG_STYLES = {"unpaid": "bold red", "exempt": "dim", "paid": ""}


class _DuesView(ViewSource):
    """The month's rows with the words and colours of the screen: an unpaid row says so in
    red, an exempt one is dimmed."""

    def fetch(self, after_key, limit):
        out = []
        for key, cells in self.source.fetch(after_key, limit):
            flag = self.source.row_flag(key)
            cells = list(cells)
            if flag == "unpaid":
                cells[3] = S.DUES_UNPAID
            elif flag == "exempt":
                cells[3] = S.DUES_EXEMPT
            style = FLAG_STYLES.get(flag, "")
            out.append((key, [Text(cells[s.index], style=style, justify=s.justify, no_wrap=True,
                                   overflow="ellipsis") if style else cells[s.index]
                              for s in self.specs]))
        return out


class DuesScreen(RegisterListScreen):
    TITLE_VI = S.AREA_DUES
    TAKES_TODAY = False
    HINT = S.DUES_HINT
    BINDINGS = [Binding("f7,n", "pay", S.KEY_PAY, key_display="F7"),
                Binding("i", "print_receipt", S.KEY_PRINT_RECEIPT, key_display="I"),
                Binding("a", "print_month", S.KEY_PRINT_MONTH, key_display="A", show=False),
                Binding("s", "print_sheet", S.KEY_PRINT_SHEET, key_display="S", show=False),
                Binding("b", "print_report", S.KEY_PRINT_REPORT, key_display="B", show=False),
                Binding("r", "remit", S.KEY_REMIT, key_display="R", show=False),
                Binding("q", "rules", S.KEY_RULES, key_display="Q", show=False),
                Binding("left_square_bracket", "month(-1)", S.KEY_PREV_MONTH, key_display="[",
                        show=False),
                Binding("right_square_bracket", "month(1)", S.KEY_NEXT_MONTH, key_display="]",
                        show=False)]

    def __init__(self, month: _dt.date | None = None):
        super().__init__()
        self.month = month

    def on_mount(self) -> None:
        if self.month is None:
            self.month = dues.month_start(self.app.today())
        self.set_title(S.DUES_TITLE.format(month=dues.format_month(self.month)))
        super().on_mount()

    def make_source(self, text: str):
        src = dues.DuesMonthSource(self.app.actor, text or None, year=self.month.year,
                                   month=self.month.month)
        return _DuesView(src, fit_columns(COLUMNS, self.app.size.width))

    def action_month(self, delta: int) -> None:
        m = self.month
        m = dues.next_month(m) if delta > 0 else dues.month_start(m - _dt.timedelta(days=1))
        self.month = m
        self.set_title(S.DUES_TITLE.format(month=dues.format_month(m)))
        self.apply_filter(self.filter_text)

    def _member_at_cursor(self):
        key = self.table.current_key
        if key is None:
            return None
        return members.Member.get_or_none(members.Member.id == self.table.source.ref(key))

    def open_record(self, key) -> None:
        # through the member opener tui/area_dues.py registers: members.py imports this module
        # (the payment dialog), so this one does not import it back
        self.app.open_record("member", self.table.source.ref(key))

    def action_pay(self) -> None:
        m = self._member_at_cursor()
        if m is not None:
            record_payment(self.app, m, self.month, lambda _: self.reload())

    def action_print_receipt(self) -> None:
        m = self._member_at_cursor()
        if m is None:
            return
        ids = dues.receipt_ids_for(m, self.month)
        if not ids:
            self.app.show_message(S.RECEIPT_NONE.format(name=m.full_name,
                                                        month=dues.format_month(self.month)))
            return
        print_receipts(self.app, ids[-1:])

    def action_print_month(self) -> None:
        start = self.month
        end = dues.next_month(start) - _dt.timedelta(days=1)
        ids = [r.id for r in receipts.receipts_between(start, end)]
        if not ids:
            self.app.show_message(S.RECEIPTS_NONE_MONTH.format(month=dues.format_month(start)))
            return
        print_receipts(self.app, ids)


    def action_print_sheet(self) -> None:
        from models import office
        mo = self.month
        rows = dues.collection_sheet(self.app.actor, None, mo.year, mo.month)
        o = office.get_office()
        today = self.app.today()

        def make() -> bytes:
            from printouts.dues import collection_sheet
            return collection_sheet(rows, o, None, mo.year, mo.month, on=today)
        print_paper(self.app, f"danh-sach-thu-dang-phi_{mo:%Y-%m}.pdf", make,
                    S.PAPER_SHEET.format(month=dues.format_month(mo)))

    def action_print_report(self) -> None:
        from models import office
        mo = self.month
        rep = dues.dues_report(self.app.actor, mo)
        o = office.get_office()

        def make() -> bytes:
            from printouts.dues import dues_report
            return dues_report(rep, o)
        print_paper(self.app, f"bao-cao-dang-phi_{mo:%Y-%m}.pdf", make,
                    S.PAPER_REPORT.format(month=dues.format_month(mo)))

    def action_rules(self) -> None:
        self.app.push_screen(RulesScreen())

    def action_remit(self) -> None:
        from models import users
        users.require(self.app.actor, "dues.collect")
        mo = self.month
        kept, remitted = dues.split(dues.collected_between(
            mo, dues.next_month(mo) - _dt.timedelta(days=1)).collected)

        def go() -> None:
            r = dues.record_remittance(self.app.actor, mo, remitted_on=self.app.today())
            self.app.show_message(S.REMIT_DONE.format(month=dues.format_month(mo),
                                                      amount=format_money(r.remitted),
                                                      kept=format_money(r.kept)))
        self.app.confirm(S.REMIT_Q.format(month=dues.format_month(mo), amount=format_money(remitted),
                                          kept=format_money(kept)), go)


# --- recording a payment ----------------------------------------------------------------------
def record_payment(app, member, month: _dt.date, done: Callable[[Any], None]) -> None:
    """The payment dialog; a cash payment, once saved, offers its receipt for printing."""
    from models import users
    users.require(app.actor, "dues.collect")

    def saved(p) -> None:
        if p is None:
            return
        done(p)
        mos = dues.months_label([pm.month for pm in p.months])
        if p.receipt_id is None:
            app.show_message(S.PAY_DONE_PORTAL.format(amount=format_money(p.total), months=mos,
                                                      name=member.full_name))
            return
        r = receipts.Receipt.get_by_id(p.receipt_id)        # saved: read back from the database
        q = S.PAY_DONE_CASH.format(amount=format_money(p.total), months=mos, name=member.full_name,
                                   receipt=r.label)

        def answer(yes) -> None:
            if yes:
                print_receipts(app, [r.id])
        app.push_screen(ConfirmDialog(q, S.RECEIPT_PRINT_TITLE, S.PAY_PRINT_YES, S.PAY_PRINT_NO),
                        answer)
    app.push_screen(PaymentDialog(member, month, app.today()), saved)


class PaymentDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, member, month: _dt.date, today: _dt.date):
        super().__init__(S.PAY_TITLE.format(name=member.full_name))
        self.member, self.month, self.today = member, month, today

    def compose_body(self) -> ComposeResult:
        d = dues.due_for(self.member, self.month)
        paid = self.month in dues.paid_months(self.member.id, self.month.year)
        due = format_money(d.amount) if d is not None else format_money(0)
        yield Static(S.PAY_INTRO.format(name=self.member.full_name, cell=self.member.cell,
                                        month=dues.format_month(self.month), due=due,
                                        note=S.PAY_NOTE_PAID if paid else ""),
                     classes="question", markup=False)
        yield TextField(S.FIELD_PAY_MONTHS, "months", value=dues.format_month(self.month),
                        placeholder=S.PAY_MONTHS_PH)
        yield CycleField(S.FIELD_PAY_METHOD, "method", [(S.PAY_CASH, "cash"), (S.PAY_PORTAL, "portal")])
        yield MoneyField(S.FIELD_PAY_EXTRA, "extra", required=False, placeholder="0")
        yield DateField(S.FIELD_PAY_DATE, "paid_on", value=self.today)
        yield TextField(S.FIELD_PAYER, "payer", value=self.member.full_name)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        months = [m for m in (v["months"] or "").replace(";", ",").split(",") if m.strip()]
        if not months:
            raise ValidationError(S.PAY_MONTHS_PH, "months")
        return dues.record_payment(self.app.actor, self.member.id, [m.strip() for m in months],
                                   method=v["method"], extra=v["extra"] or 0,
                                   paid_on=v["paid_on"], payer=v["payer"])


# --- printing -----------------------------------------------------------------------------------
def _save_and_send(app, name: str, make_pdf: Callable[[], bytes], what: tuple[str, str],
                   title: str) -> None:
    """In a worker thread: make the PDF, save it under printouts/, send it to the printer."""
    from models import office
    from models.fsio import atomic_write_bytes
    from ..printing import send_to_printer
    command = str(office.get_setting("print.command") or "")
    folder = Path(app.home.printouts)

    def work() -> None:
        try:
            pdf = make_pdf()
            folder.mkdir(parents=True, exist_ok=True)
            path = atomic_write_bytes(folder / name, pdf)
        except OSError as e:
            app.call_from_thread(app.show_error, S.PRINT_FAILED.format(detail=e.strerror or e))
            return
        sent, problem = send_to_printer(command, path)
        msg = (what[0].format(path=path) if sent else what[1].format(path=path, problem=problem))
        app.call_from_thread(app.show_message, msg, title)
    app.run_worker(work, thread=True, group="print")


def print_receipts(app, receipt_ids: list[int]) -> None:
    """Print saved receipts (one or a month's), in order, in one PDF."""
    from models import office
    views = receipts.for_print(app.actor, receipt_ids)       # counts the printing (reprints)
    o = office.get_office()
    paper = str(office.get_setting("receipts.paper") or "A4")
    first, last = views[0], views[-1]
    name = f"phieu-thu_{first.year}-{first.number:04d}"
    if len(views) > 1:
        name += f"_den_{last.year}-{last.number:04d}"
    labels = first.label if len(views) == 1 else f"{first.label} … {last.label}"
    n = len(views)
    app.notify(S.RECEIPT_WORKING.format(n=n))

    def make() -> bytes:
        from printouts.receipts import receipts_pdf
        return receipts_pdf(views, o, paper)
    _save_and_send(app, f"{name}.pdf", make,
                   (S.RECEIPT_SENT.replace("{n}", str(n)).replace("{labels}", labels),
                    S.RECEIPT_SAVED.replace("{n}", str(n)).replace("{labels}", labels)),
                   S.RECEIPT_PRINT_TITLE)


def print_paper(app, name: str, make: Callable[[], bytes], what: str) -> None:
    """Another of the treasurer's papers (the cash book, an inventory)."""
    _save_and_send(app, name, make, (S.DUES_PRINT_SENT.replace("{what}", what),
                                     S.DUES_PRINT_SAVED.replace("{what}", what)),
                   S.PAPER_PRINT_TITLE.format(what=what))


# --- the rules ---------------------------------------------------------------------------------
class RulesScreen(AreaScreen):
    """Mức đóng đảng phí: every version of every category's rule by effective date, one line
    each, the cursor on one. N adds a new version from a month on (earlier months keep the rule
    they had), after a confirmation that says what it does; H cancels the chosen one with a
    reason (kept, marked "ĐÃ HỦY"; the months it covered take the rule before it again)."""

    TITLE_VI = S.RULES_TITLE
    AUTO_FOCUS = "#rules-list"
    DEFAULT_CSS = "RulesScreen #rules-list { height: 1fr; max-height: 100%; }"
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW_RULE, key_display="F7"),
                Binding("h", "cancel_rule", S.KEY_CANCEL_RULE, key_display="H")]

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="rules-list", markup=False)
        yield Static(S.RULES_HINT, id="rules-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.refresh_rules()

    def refresh_rules(self, select: int | None = None) -> None:
        self.app.run_guarded(self._refresh, select)

    def _refresh(self, select: int | None) -> None:
        ol = self.query_one("#rules-list", OptionList)
        at = ol.highlighted
        self.rules = dues.rules_table()
        ol.clear_options()
        if not self.rules:
            ol.add_option(Option(S.RULES_EMPTY, disabled=True))
            return
        ol.add_options([Option(self._line(r), id=str(r.id)) for r in self.rules])
        if select is not None:
            at = next((i for i, r in enumerate(self.rules) if r.id == select), at)
        ol.highlighted = min(at or 0, len(self.rules) - 1)

    def _line(self, r) -> Text:
        t = Text()
        dim = "dim" if r.cancelled else ""
        t.append(f"{format_date(r.effective_from)}  ", style="bold " + dim if dim else "bold")
        t.append(f"{members.CATEGORIES.get(r.category, r.category)}: {rule_rate(r)}", style=dim)
        t.append(f"  ({r.basis})" if r.basis else "", style="dim")
        if r.cancelled:
            t.append("\n  " + S.RULE_CANCELLED.format(
                when=format_date(r.cancelled_at.date()), by=r.cancelled_by, reason=r.cancel_reason),
                style="bold red")
        return t

    def _chosen(self):
        ol = self.query_one("#rules-list", OptionList)
        if ol.highlighted is None or not self.rules:
            return None
        return self.rules[ol.highlighted]

    def action_new(self) -> None:
        from models import users
        users.require(self.app.actor, "dues.edit")

        def added(r) -> None:
            if r is not None:
                self.refresh_rules(select=r.id)
        self.app.push_screen(RuleDialog(self.app.today()), added)

    def action_cancel_rule(self) -> None:
        from models import users
        users.require(self.app.actor, "dues.edit")
        r = self._chosen()
        if r is None:
            return
        category = members.CATEGORIES.get(r.category, r.category)
        month = dues.format_month(r.effective_from)

        def reason(text) -> None:
            if text:
                self.app.run_guarded(self._cancel, r.id, text, month, category)
        self.app.push_screen(ReasonDialog(S.RULE_CANCEL_TITLE, S.RULE_CANCEL_Q.format(
            month=month, category=category, rate=rule_rate(r))), reason)

    def _cancel(self, rule_id: int, text: str, month: str, category: str) -> None:
        dues.cancel_rule(self.app.actor, rule_id, text)
        self.app.notify(S.RULE_CANCEL_DONE.format(month=month, category=category))
        self.refresh_rules(select=rule_id)


def _percent(bp: int) -> str:
    return f"{bp / 100:g}".replace(".", ",")


def rule_rate(r) -> str:
    """What a rule (or a rule about to be saved) asks each month, in words."""
    from models import office
    if r.method == "percent":
        return S.RULE_PERCENT.format(percent=_percent(r.rate_bp))
    if r.method == "fixed":
        return S.RULE_FIXED.format(amount=format_money(r.amount))
    return S.RULE_OTHER.format(percent=_percent(office.get_setting("dues.other_rate_bp")),
                               minimum=format_money(office.get_setting("dues.other_minimum")))


class RuleDialog(FormDialog):
    """A new rule: checked, then said plainly (from which month, for whom, how much, in place of
    what) and saved only when confirmed; the basis is required."""

    AUTO_FOCUS = ".dialog-form .field-input"
    TITLE_VI = S.RULE_NEW_TITLE
    SAVE_LABEL = S.RULE_NEW_NEXT              # the next step is the question, not the save

    def __init__(self, today: _dt.date):
        super().__init__()
        self.today = today

    def compose_body(self) -> ComposeResult:
        yield TextField(S.FIELD_RULE_FROM, "effective_from",
                        value=dues.format_month(dues.next_month(self.today)), placeholder="mm/yyyy")
        yield CycleField(S.FIELD_CATEGORY_RULE, "category",
                         [(v, k) for k, v in members.CATEGORIES.items() if k != "other"])
        yield TextField(S.FIELD_RULE_RATE, "rate", placeholder=S.RULE_RATE_PH)
        yield RequiredText(S.FIELD_RULE_BASIS, "basis", placeholder=S.RULE_BASIS_PH)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        raw = (v["rate"] or "").strip().replace(" ", "")
        kw: dict[str, Any] = {"basis": v["basis"]}
        if raw.endswith("%"):
            try:
                kw["rate_bp"] = round(float(raw[:-1].replace(",", ".")) * 100)
            except ValueError:
                raise ValidationError(S.RULE_RATE_BAD, "rate") from None
        elif not raw:
            raise ValidationError(S.RULE_RATE_BAD, "rate")
        else:
            kw["amount"] = parse_money(raw, "rate")
        n = dues.check_rule(self.app.actor, v["effective_from"], v["category"], **kw)  # at its field
        replaces = (S.RULE_REPLACES.format(rate=rule_rate(n.replaces), basis=n.replaces.basis or "—")
                    if n.replaces is not None else S.RULE_REPLACES_NONE)
        month = dues.format_month(n.effective_from)
        category = members.CATEGORIES.get(n.category, n.category)
        question = S.RULE_CONFIRM_Q.format(month=month, category=category, members=n.members,
                                           rate=rule_rate(n), replaces=replaces, basis=n.basis)

        def answered(yes: bool | None) -> None:
            if yes:
                self.add(v["effective_from"], v["category"], kw, month, category, rule_rate(n))
        self.app.push_screen(ConfirmDialog(question, S.RULE_CONFIRM_TITLE, S.RULE_CONFIRM_YES),
                             answered)
        return None

    @guarded
    def add(self, effective_from, category: str, kw: dict, month: str, label: str, rate: str) -> None:
        r = dues.add_rule(self.app.actor, effective_from, category, **kw)
        self.app.notify(S.RULE_ADDED.format(month=month, category=label, rate=rate), timeout=10)
        self.dismiss(r)
