"""The incoming and outgoing registers as lists (the TUI's lazy tables), their hits in the
global search, their Hôm nay panels and their figures for a period. Each registers itself
with the generic machinery of ``models.registers``, ``models.dashboard`` and
``models.statistics``."""
from __future__ import annotations

import datetime as _dt

from .. import dashboard, labels, search, users
from ..registers import (Cell, DataSource, Found, _search_ids, id_filter, one_line,
                         register_describer, register_secret_text)
from ..text import format_date, format_datetime, nfc
from .common import OPEN_STATUSES, SECRET_LEVELS
from .records import DocType, Incoming, IncomingStatusChange, Outgoing, visible_only


def shown_summary(doc) -> str:
    """The summary as a list shows it: a Tuyệt mật one without consent says so instead."""
    if doc.secrecy == "Tuyệt mật" and not doc.summary_consent:
        return "(Tuyệt mật — không ghi trích yếu)"
    return doc.summary


class IncomingSource(DataSource):
    """Sổ đăng ký văn bản đến (``secret=True``: the secret register's incoming part)."""
    kind = "incoming"
    title = "Sổ văn bản đến"
    columns = [labels.ARRIVAL_NO, labels.ARRIVED, labels.SENDER, labels.DOC_NUMBER, labels.SUMMARY,
               labels.HANDLER, labels.DEADLINE, labels.STATUS]
    widths = [6, 10, 18, 12, 0, 18, 10, 11]
    fields = ["arrival_no", "arrived_at", "sender", "doc_number", "summary", "handler", "deadline",
              "status"]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 status: str | list[str] | None = None, doc_type: str | None = None,
                 handler: str | int | None = None, overdue: bool = False, urgency: str | None = None,
                 date_from: _dt.date | None = None, date_to: _dt.date | None = None,
                 secret: bool = False, today: _dt.date | None = None):
        super().__init__(actor)
        if secret:
            users.require(actor, "secret.view")
            self.title = "Sổ văn bản mật đến"
        self.secret = secret
        self.show_secret = secret or users.can(actor, "secret.view")
        self.year, self.status, self.doc_type, self.handler = year, status, doc_type, handler
        self.overdue, self.urgency = overdue, urgency
        self.date_from, self.date_to = date_from, date_to
        self.today = today or _dt.date.today()
        kinds = ["secret_incoming"] if secret else (
            ["incoming", "secret_incoming"] if self.show_secret else ["incoming"])
        self.ids = _search_ids(text, kinds)

    def query(self):
        q = Incoming.select()
        if self.secret:
            q = q.where(Incoming.secrecy.in_(SECRET_LEVELS))
        else:
            # the ordinary book: its own numbers only (the secret book numbers its own arrivals)
            q = q.where(Incoming.book == "")
            if not self.show_secret:
                q = q.where(Incoming.secrecy == "Thường")
        if self.year:
            q = q.where(Incoming.year == int(self.year))
        if self.status:
            st = [self.status] if isinstance(self.status, str) else list(self.status)
            q = q.where(Incoming.status.in_(st))
        if self.doc_type:
            q = q.where(Incoming.doc_type == nfc(self.doc_type))
        if self.urgency:
            q = q.where(Incoming.urgency == self.urgency)
        if self.handler:
            if isinstance(self.handler, int):
                q = q.where(Incoming.handler_contact == self.handler)
            else:
                q = q.where(Incoming.handler == nfc(self.handler))
        if self.overdue:
            q = q.where((Incoming.deadline < self.today) & Incoming.status.in_(OPEN_STATUSES))
        if self.date_from:
            q = q.where(Incoming.arrived_at >= _dt.datetime.combine(self.date_from, _dt.time.min))
        if self.date_to:
            q = q.where(Incoming.arrived_at < _dt.datetime.combine(self.date_to + _dt.timedelta(days=1),
                                                                    _dt.time.min))
        if self.ids is not None:
            q = q.where(id_filter(Incoming.id, self.ids))
        return q

    def order_fields(self):
        return [Incoming.year, Incoming.arrival_no, Incoming.id]

    def cell_fields(self):
        I = Incoming  # noqa: E741
        return [I.id, I.year, I.arrival_no, I.arrived_at, I.sender, I.doc_number, I.summary,
                I.summary_consent, I.secrecy, I.handler, I.deadline, I.status]

    def cells(self, d: Incoming) -> list[str]:
        summary = shown_summary(d)
        if d.is_secret and not self.secret:
            summary = f"[{d.secrecy}] {summary}"
        overdue = bool(d.deadline and d.deadline < self.today and d.status in OPEN_STATUSES)
        summary = one_line(summary)
        return [str(d.arrival_no), format_date(d.arrived_at), one_line(d.sender),
                one_line(d.doc_number), Cell(summary, "", "" if summary else "no_summary"),
                one_line(d.handler), format_date(d.deadline),
                Cell(d.status_label, d.status, "overdue" if overdue else "")]


class OutgoingSource(DataSource):
    """Sổ đăng ký văn bản đi (``secret=True``: the secret register's outgoing part)."""
    kind = "outgoing"
    title = "Sổ văn bản đi"
    columns = [labels.SYMBOL, labels.DOC_DATE, labels.SUMMARY, labels.SIGNER, labels.RECIPIENTS,
               labels.COPIES, labels.STATUS]
    widths = [12, 10, 0, 16, 18, 6, 12]
    fields = ["symbol", "doc_date", "summary", "signer", "recipients", "copies", "status"]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 status: str | list[str] | None = None, type_code: str | None = None,
                 signer: str | None = None,
                 date_from: _dt.date | None = None, date_to: _dt.date | None = None,
                 secret: bool = False, today: _dt.date | None = None):
        super().__init__(actor)
        if secret:
            users.require(actor, "secret.view")
            self.title = "Sổ văn bản mật đi"
        self.secret = secret
        self.show_secret = secret or users.can(actor, "secret.view")
        self.year, self.status, self.type_code, self.signer = year, status, type_code, signer
        self.date_from, self.date_to = date_from, date_to
        kinds = ["secret_outgoing"] if secret else (
            ["outgoing", "secret_outgoing"] if self.show_secret else ["outgoing"])
        self.ids = _search_ids(text, kinds)

    def query(self):
        q = Outgoing.select()
        if self.secret:
            q = q.where(Outgoing.secrecy.in_(SECRET_LEVELS))
        elif not self.show_secret:
            q = q.where(Outgoing.secrecy == "Thường")
        if self.year:
            y = int(self.year)
            q = q.where((Outgoing.doc_date >= _dt.date(y, 1, 1)) & (Outgoing.doc_date <= _dt.date(y, 12, 31)))
        if self.status:
            st = [self.status] if isinstance(self.status, str) else list(self.status)
            q = q.where(Outgoing.status.in_(st))
        if self.type_code:
            q = q.where(Outgoing.type_code == nfc(self.type_code))
        if self.signer:
            q = q.where(Outgoing.signer == nfc(self.signer))
        if self.date_from:
            q = q.where(Outgoing.doc_date >= self.date_from)
        if self.date_to:
            q = q.where(Outgoing.doc_date <= self.date_to)
        if self.ids is not None:
            q = q.where(id_filter(Outgoing.id, self.ids))
        return q

    def order_fields(self):
        return [Outgoing.doc_date, Outgoing.id]

    def cell_fields(self):
        O = Outgoing  # noqa: E741
        return [O.id, O.doc_date, O.symbol, O.summary, O.summary_consent, O.secrecy, O.signer,
                O.recipients, O.copies, O.status]

    def cells(self, d: Outgoing) -> list[str]:
        summary = shown_summary(d)
        if d.is_secret and not self.secret:
            summary = f"[{d.secrecy}] {summary}"
        return [d.symbol, format_date(d.doc_date), one_line(summary), one_line(d.signer),
                one_line("; ".join(d.recipient_list())), str(d.copies or ""),
                Cell(d.status_label, d.status)]


# --- the global search shows their hits with their own number and date ----------------------
def _found_incoming(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Incoming.select().where(Incoming.id.in_(refs)):
        kind = "secret_incoming" if d.is_secret else "incoming"
        out[d.id] = Found(kind, d.id, search.KINDS[kind].label, f"{d.arrival_no}/{d.year}",
                          format_date(d.arrived_at),
                          one_line(shown_summary(d)) + (" (đã hủy)" if d.status == "cancelled" else ""))
    return out


def _found_outgoing(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Outgoing.select().where(Outgoing.id.in_(refs)):
        kind = "secret_outgoing" if d.is_secret else "outgoing"
        out[d.id] = Found(kind, d.id, search.KINDS[kind].label, d.symbol, format_date(d.doc_date),
                          one_line(shown_summary(d)) + (" (đã hủy số)" if d.status == "cancelled" else ""))
    return out


register_describer("incoming", _found_incoming)
register_describer("secret_incoming", _found_incoming, "secret.view")
register_describer("outgoing", _found_outgoing)
register_describer("secret_outgoing", _found_outgoing, "secret.view")
# The secret registers' text is not in the index: for those who may see them, their list filter
# also reads the summaries themselves (a short register).
register_secret_text("secret_incoming", Incoming, ("summary", "notes"), SECRET_LEVELS)
register_secret_text("secret_outgoing", Outgoing, ("summary", "notes"), SECRET_LEVELS)


# --- Hôm nay panels -------------------------------------------------------------------------
def _visible_incoming(actor):
    return visible_only(actor, Incoming.select())


def _line(d: Incoming, extra: str = "") -> str:
    """One dashboard line; a scan not yet described says so (not "Số đến 271 — : ")."""
    sender = one_line(d.sender, 30)
    summary = one_line(shown_summary(d), 50) or "(chưa có trích yếu)"
    s = f"Số đến {d.arrival_no} — " + (f"{sender}: {summary}" if sender else summary)
    return s + (f" ({extra})" if extra else "")


def _panel_waiting(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    q = _visible_incoming(actor).where(Incoming.status == "pending")
    n = q.count()
    rows = q.order_by(Incoming.arrived_at).limit(5)
    return dashboard.Panel("Văn bản chờ giao xử lý", n,
                           [_line(d, f"đến {format_date(d.arrived_at)}") for d in rows],
                           area="incoming", severity="warning" if n else "info")


def _panel_overdue(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    late = Incoming.deadline < today
    n = _visible_incoming(actor).where(late & Incoming.status.in_(OPEN_STATUSES)).count()
    # the five oldest: a short walk of the index of state and deadline for each open state
    # (asked for in deadline order across the states, the database walked every deadline since
    # the office began for the first five still open)
    firsts: list[Incoming] = []
    for state in OPEN_STATUSES:
        firsts.extend(_visible_incoming(actor).where(late & (Incoming.status == state))
                      .order_by(Incoming.deadline, Incoming.id).limit(5))
    rows = sorted(firsts, key=lambda d: (d.deadline, d.id))[:5]
    return dashboard.Panel("Văn bản quá hạn xử lý", n,
                           [_line(d, f"hạn {format_date(d.deadline)}, "
                                     f"{one_line(d.handler, 25) or 'chưa giao'}")
                            for d in rows],
                           area="incoming", severity="error" if n else "info")


def _panel_today(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    start = _dt.datetime.combine(today, _dt.time.min)
    q = _visible_incoming(actor).where((Incoming.arrived_at >= start)
                                       & (Incoming.arrived_at < start + _dt.timedelta(days=1)))
    n = q.count()
    rows = q.order_by(Incoming.arrival_no.desc()).limit(5)
    return dashboard.Panel("Văn bản đến hôm nay", n,
                           [_line(d, format_datetime(d.arrived_at)[-5:]) for d in rows], area="incoming")


dashboard.register_panel(100, "registers.waiting", _panel_waiting)
dashboard.register_panel(110, "registers.overdue", _panel_overdue)
dashboard.register_panel(120, "registers.today", _panel_today)


# --- statistics (the office's figures for a period) -----------------------------------------
def _handled_on(ids: list[int]) -> dict[int, _dt.date]:
    """The day each incoming document was first marked handled (done or filed)."""
    out: dict[int, _dt.date] = {}
    S = IncomingStatusChange
    for s in (S.select(S.incoming, S.at).where(S.incoming.in_(ids) & S.status.in_(("done", "filed")))
              .order_by(S.at)):
        out.setdefault(s.incoming_id, s.at.date() if isinstance(s.at, _dt.datetime) else s.at)
    return out


def _document_figures(start: _dt.date, end: _dt.date):
    from ..dossiers import Dossier           # late: dossiers import documents
    from ..statistics import Figure
    from collections import Counter
    first, last = _dt.datetime.combine(start, _dt.time.min), _dt.datetime.combine(end, _dt.time.max)
    inc = list(Incoming.select(Incoming.id, Incoming.doc_type, Incoming.sender).where(
        (Incoming.arrived_at >= first) & (Incoming.arrived_at <= last) & (Incoming.status != "cancelled")))
    out = [Figure("Văn bản đến", "Tổng số văn bản đến", len(inc))]
    for t, n in sorted(Counter(d.doc_type or "(chưa ghi loại)" for d in inc).items(),
                       key=lambda x: (-x[1], x[0])):
        out.append(Figure("Văn bản đến", f"Loại: {t}", n, level=1))
    for s, n in sorted(Counter(d.sender or "(chưa ghi nơi gửi)" for d in inc).items(),
                       key=lambda x: (-x[1], x[0]))[:10]:
        out.append(Figure("Văn bản đến", f"Nơi gửi: {s}", n, level=1))
    outg = list(Outgoing.select(Outgoing.type_code).where(
        (Outgoing.doc_date >= start) & (Outgoing.doc_date <= end) & (Outgoing.status != "cancelled")))
    out.append(Figure("Văn bản đi", "Tổng số văn bản đi", len(outg)))
    names = {t.code: t.name for t in DocType.select()}
    for t, n in sorted(Counter(d.type_code for d in outg).items(), key=lambda x: (-x[1], x[0])):
        out.append(Figure("Văn bản đi", f"Loại: {names.get(t, t)} ({t})", n, level=1))
    due = list(Incoming.select(Incoming.id, Incoming.deadline, Incoming.status).where(
        (Incoming.deadline >= start) & (Incoming.deadline <= end) & (Incoming.status != "cancelled")))
    handled = _handled_on([d.id for d in due])
    today = _dt.date.today()
    on_time = late = overdue = 0
    for d in due:
        deadline = d.deadline
        assert deadline is not None          # selected for a deadline within the period
        if d.id in handled:
            if handled[d.id] <= deadline:
                on_time += 1
            else:
                late += 1
        elif d.status in OPEN_STATUSES and deadline < today:
            overdue += 1
    out += [Figure("Xử lý văn bản đến", "Có hạn xử lý trong kỳ", len(due)),
            Figure("Xử lý văn bản đến", "Xử lý đúng hạn", on_time, level=1),
            Figure("Xử lý văn bản đến", "Xử lý trễ hạn", late, level=1),
            Figure("Xử lý văn bản đến", "Quá hạn, chưa xử lý", overdue, level=1)]
    handed = Dossier.select().where((Dossier.handed_over_on >= start)
                                    & (Dossier.handed_over_on <= end)).count()
    out.append(Figure("Hồ sơ", "Hồ sơ đã nộp lưu", handed))
    return out


def _register_figures() -> None:
    from .. import statistics
    statistics.register_figures("registers", _document_figures, order=10)


_register_figures()
