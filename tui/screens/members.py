"""Đảng viên: the members in Vietnamese order (given name first), by chi bộ. Enter opens a
member's record — the opening is written to the audit log (personal data) — with this year's
dues: the months not paid, the payments and their receipts. N adds a member; on a record, N
records a payment."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from models import dues, members
from models.money import format_money
from models.text import format_date

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import CycleField, DateField, MoneyField, RequiredText, TextField, clean_fields
from .parts.columns import ColSpec
from .parts.detail import DetailScreen, kv, section
from .parts.filters import FilterSpec
from .parts.forms import FormScreen
from .parts.listing import RegisterListScreen


COLUMNS = [ColSpec(0, S.COL_FULL_NAME, 0), ColSpec(1, S.COL_BIRTH, 10, optional=True),
           ColSpec(2, S.COL_CELL, 22), ColSpec(3, S.COL_ADMITTED, 13, optional=True),
           ColSpec(4, S.COL_MEMBER_STATUS, 14, optional=True)]


def _cells():
    return [(S.FILTER_ALL, None)] + [(c, c) for c in members.cells()]


class MembersScreen(RegisterListScreen):
    TITLE_VI = S.AREA_MEMBERS
    TAKES_TODAY = False
    SOURCE = members.MemberSource
    COLUMNS = COLUMNS
    FILTERS = [FilterSpec("cell", S.COL_CELL, "choice", _cells)]
    HINT = S.MEMBERS_HINT
    BINDINGS = [Binding("f7,n", "new", S.KEY_NEW, key_display="F7")]

    def open_record(self, key) -> None:
        self.app.push_screen(MemberDetail(self.table.source.ref(key)))

    def action_new(self) -> None:
        from models import users
        users.require(self.app.actor, "members.edit")
        self.app.push_screen(MemberForm())


class MemberDetail(DetailScreen):
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("f7,n", "pay", S.KEY_PAY, key_display="F7"),
                Binding("m", "exempt", S.KEY_EXEMPT, key_display="M"),
                Binding("e", "edit", S.KEY_EDIT, key_display="E")]

    def __init__(self, member_id: int):
        super().__init__()
        self.member_id = member_id
        self.member = None

    def load(self) -> None:
        if self.member is None:                      # one logged view per opening
            self.member = members.get_member(self.app.actor, self.member_id)
        else:
            self.member = members.get_member(self.app.actor, self.member_id, log_view=False)
        self.set_title(S.MEMBER_TITLE.format(name=self.member.full_name))

    def render_body(self) -> Text:
        m, t = self.member, Text()
        today = self.app.today()
        kv(t, S.MEMBER_BIRTH, format_date(m.birth_date))
        kv(t, S.MEMBER_CELL, m.cell)
        kv(t, S.MEMBER_ADMITTED, format_date(m.admitted_on))
        kv(t, S.MEMBER_OFFICIAL, format_date(m.official_on))
        kv(t, S.MEMBER_CARD, m.card_no)
        kv(t, S.MEMBER_CATEGORY, m.category_label)
        kv(t, S.MEMBER_BASE, format_money(m.base_amount))
        kv(t, S.MEMBER_STATUS, m.status_label)
        section(t, S.MEMBER_DUES.format(year=today.year))
        unpaid = dues.unpaid_months(m, today.year, today)
        kv(t, S.MEMBER_UNPAID, dues.months_label(unpaid) if unpaid else S.MEMBER_UNPAID_NONE,
           style="bold red" if len(unpaid) >= dues.UNPAID_FLAG else "")
        if len(unpaid) >= dues.UNPAID_FLAG:
            t.append(S.MEMBER_FLAGGED + "\n", style="yellow")
        ex = dues.active_exemptions(m)
        if ex:
            section(t, S.MEMBER_EXEMPTIONS)
            for e in ex:
                t.append(S.MEMBER_EXEMPTION_LINE.format(
                    what=S.EXEMPT_FULL if e.percent >= 100 else S.EXEMPT_REDUCE.format(percent=e.percent),
                    start=dues.format_month(e.start_month),
                    end=dues.format_month(e.end_month) if e.end_month else S.EXEMPT_OPEN,
                    reason=e.reason or dues.EXEMPT_REASONS.get(e.reason_code, ""),
                    who=e.decided_by) + "\n")
        section(t, S.MEMBER_PAYMENTS)
        for p in dues.payments_of(m.id)[:24]:
            r = dues.receipt_of(p)
            t.append(S.MEMBER_PAYMENT_LINE.format(
                date=format_date(p.paid_on), amount=format_money(p.total),
                months=dues.months_label([pm.month for pm in p.months]),
                method=dues.METHODS.get(p.method, p.method),
                receipt=f", {S.COL_RECEIPT.lower()} {r.label}" if r else "",
                cancelled=S.CANCELLED_MARK if p.cancelled else "") + "\n",
                style="dim strike" if p.cancelled else "")
        return t

    def hint(self) -> str:
        return S.MEMBER_HINT

    def action_back(self) -> None:
        self.app.go_back()

    def action_pay(self) -> None:
        from .dues import record_payment
        record_payment(self.app, self.member, dues.month_start(self.app.today()), self.after)

    def action_edit(self) -> None:
        from models import users
        users.require(self.app.actor, "members.edit")
        self.app.push_screen(MemberForm(self.member))

    def action_exempt(self) -> None:
        from models import users
        users.require(self.app.actor, "dues.edit")
        self.app.push_screen(ExemptionDialog(self.member, dues.month_start(self.app.today())),
                             self.after)


class ExemptionDialog(FormDialog):
    """Miễn (with its reason) or giảm 30/50/70% for at most 12 months, and who decided."""

    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, member, month):
        super().__init__(S.EXEMPT_TITLE.format(name=member.full_name))
        self.member, self.month = member, month

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_EXEMPT_KIND, "percent",
                         [(S.EXEMPT_FULL, 100)] + [(S.EXEMPT_REDUCE.format(percent=p), p)
                                                   for p in dues.REDUCTION_PERCENTS])
        yield CycleField(S.FIELD_EXEMPT_REASON, "reason_code",
                         [(v, k) for k, v in dues.EXEMPT_REASONS.items() if k != "membership_50"])
        yield TextField(S.FIELD_EXEMPT_DETAIL, "reason")
        yield TextField(S.FIELD_EXEMPT_FROM, "start_month", value=dues.format_month(self.month),
                        placeholder=S.MONTH_PH)
        yield TextField(S.FIELD_EXEMPT_TO, "end_month", placeholder=S.MONTH_PH)
        yield TextField(S.FIELD_DECIDED_BY, "decided_by")
        yield TextField(S.FIELD_DECISION_REF, "decision_ref")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        return dues.add_exemption(self.app.actor, self.member.id, percent=v["percent"],
                                  start_month=v["start_month"], end_month=v["end_month"] or None,
                                  reason_code=v["reason_code"], reason=v["reason"],
                                  decided_by=v["decided_by"], decision_ref=v["decision_ref"])


class MemberForm(FormScreen):
    """A new member, or (``member``) the corrections to one: name, dates, chi bộ, card, the
    dues category and base, the status."""

    def __init__(self, member=None):
        super().__init__()
        self.member = member
        self.TITLE_VI = S.MEMBER_EDIT_TITLE.format(name=member.full_name) if member else S.MEMBER_NEW_TITLE

    def compose_form(self) -> ComposeResult:
        m = self.member
        yield RequiredText(S.FIELD_FULL_NAME, "full_name", max_len=120, value=m.full_name if m else "")
        yield DateField(S.FIELD_BIRTH, "birth_date", required=False, value=m.birth_date if m else "")
        yield RequiredText(S.FIELD_CELL, "cell", max_len=120, value=m.cell if m else "")
        yield DateField(S.FIELD_ADMITTED, "admitted_on", required=False, value=m.admitted_on if m else "")
        yield DateField(S.FIELD_OFFICIAL, "official_on", required=False, value=m.official_on if m else "")
        yield TextField(S.FIELD_CARD, "card_no", value=m.card_no if m else "")
        yield CycleField(S.FIELD_CATEGORY, "category",
                         [(v, k) for k, v in members.CATEGORIES.items()], value=m.category if m else None)
        yield MoneyField(S.FIELD_BASE, "base_amount", required=False, value=m.base_amount if m else "",
                         help=S.FIELD_BASE_HELP)
        yield CycleField(S.FIELD_MEMBER_STATUS, "status", [(v, k) for k, v in members.STATUSES.items()],
                         value=m.status if m else None)
        yield DateField(S.FIELD_STATUS_SINCE, "status_since", required=False,
                        value=m.status_since if m else "")

    def save(self) -> None:
        v = clean_fields(self.form)
        if v is None:
            return
        values = {k: (x if x is not None else "") for k, x in v.items()}
        if self.member is None:
            m = members.add_member(self.app.actor, values.pop("full_name"), values.pop("cell"), **values)
            self.app.notify(S.MEMBER_ADDED.format(name=m.full_name))
        else:
            m = members.update_member(self.app.actor, self.member.id, **values)
            self.app.notify(S.MEMBER_SAVED.format(name=m.full_name))
        self.app.go_back()
