"""Terms of office (nhiệm kỳ): the periods a committee numbers its documents in.

A committee numbers each document type from 01 for the whole term — from the day after one
congress closes to the close of the next — not per year. Every term is a record (its congress,
start, end); the series of numbers hangs on the record, so correcting a term's date never starts
a second series. Opening a new term is an explicit step taken after the congress, recorded in
the audit log. A document is numbered in the term its date falls in: a late paper from the old
term takes the old term's next number (with a notice), and a date in no known term is refused.

The office's ``term_start``/``term_label`` columns mirror the current term for the screens and
papers that show it; they are written only from here.
"""
from __future__ import annotations

import datetime as _dt
import re

from peewee import CharField, DateField, DateTimeField

from . import audit, users
from .db import BaseModel, db
from .errors import ValidationError
from .text import format_date, nfc


class Term(BaseModel):
    label = CharField(default="")                # 2025–2030
    congress = CharField(default="")             # the congress that opened it
    start = DateField()                          # the day after that congress closed
    end = DateField(null=True)                   # the day the next congress closed; None: current
    opened_at = DateTimeField(default=_dt.datetime.now)
    opened_by = CharField(default="")

    class Meta:
        table_name = "term"

    @property
    def name(self) -> str:
        """How a person names it: 'nhiệm kỳ 2025–2030' (or from its start date)."""
        return f"nhiệm kỳ {self.label}" if self.label else f"nhiệm kỳ từ {format_date(self.start)}"

    def covers(self, d: _dt.date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


TERM_MODELS = [Term]


def all_terms() -> list[Term]:
    return list(Term.select().order_by(Term.start))


def current_term() -> Term | None:
    return Term.select().where(Term.end.is_null()).order_by(Term.start.desc()).first()


def require_current_term() -> Term:
    t = current_term()
    if t is None:
        raise ValidationError("Văn phòng chưa có nhiệm kỳ (thiết lập văn phòng trước).", "term")
    return t


def term_for(d: _dt.date) -> Term:
    """The term a document dated ``d`` is numbered in; refused with the reason when none is."""
    if isinstance(d, _dt.datetime):
        d = d.date()
    t = (Term.select().where((Term.start <= d) & (Term.end.is_null() | (Term.end >= d)))
         .order_by(Term.start.desc()).first())
    if t is not None:
        return t
    first = Term.select().order_by(Term.start).first()
    if first is None:
        raise ValidationError("Văn phòng chưa có nhiệm kỳ (thiết lập văn phòng trước).", "doc_date")
    if d < first.start:
        raise ValidationError(
            f"Ngày {format_date(d)} trước nhiệm kỳ đầu tiên đã ghi ({first.name}, từ "
            f"{format_date(first.start)}): chưa có nhiệm kỳ nào để lấy số. Nếu cần, quản trị viên "
            "ghi thêm nhiệm kỳ trước đó.", "doc_date")
    raise ValidationError(f"Ngày {format_date(d)} không thuộc nhiệm kỳ nào đã ghi.", "doc_date")


def late_notice(term: Term) -> str | None:
    """Said when a number is taken in a term that has ended (a late paper of the old term)."""
    if term.end is None:
        return None
    return (f"Văn bản ghi ngày thuộc {term.name} (đến {format_date(term.end)}): lấy số tiếp "
            f"theo của nhiệm kỳ đó, không phải nhiệm kỳ hiện tại.")


def _mirror_office(t: Term) -> None:
    from .office import Office
    Office.update(term_start=t.start, term_label=t.label).where(Office.id == 1).execute()


_YEARS = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


def term_label(label: str) -> str:
    """The term's name; '2030-2035' as typed on a keyboard is written as printed, '2030–2035'."""
    label = _YEARS.sub(r"\1–\2", nfc(label).strip())
    if len(label) > 40:
        raise ValidationError("Tên nhiệm kỳ dài quá (ví dụ: 2025–2030).", "term_label")
    return label


def create_first_term(actor, start: _dt.date, label: str = "", congress: str = "") -> Term:
    """The office's first term (the set-up wizard); inside the caller's transaction."""
    t = Term.create(start=start, label=term_label(label), congress=nfc(congress),
                    opened_by=audit.actor_name(actor))
    audit.log_change(actor, "create", t)
    return t


def closing_day(new_start: _dt.date) -> _dt.date:
    """The last day of the current term when the next one starts on ``new_start``."""
    return new_start - _dt.timedelta(days=1)


def check_new_term(actor, start: _dt.date, label: str = "", congress: str = "") -> Term:
    """Refuse, with the reason, a new term ``open_term`` would refuse; the current term (the
    one that would end the day before ``start``) when it would be opened. Lets a screen ask
    for confirmation only of what will be done."""
    users.require(actor, "office.edit")
    if len(nfc(congress)) > 200:
        raise ValidationError("Tên đại hội dài quá.", "congress")
    label = term_label(label)
    same = next((t for t in Term.select() if label and t.label.casefold() == label.casefold()), None)
    if same:
        raise ValidationError(f"Đã có {same.name} (từ {format_date(same.start)}): nhiệm kỳ mới "
                              "cần tên khác (ví dụ: 2030–2035).", "term_label")
    cur = require_current_term()
    if start <= cur.start:
        raise ValidationError(
            f"Nhiệm kỳ mới phải bắt đầu sau ngày bắt đầu nhiệm kỳ hiện tại "
            f"({format_date(cur.start)}).", "term_start")
    if start > _dt.date.today() + _dt.timedelta(days=1):
        raise ValidationError("Chỉ mở nhiệm kỳ mới sau khi đại hội đã bế mạc "
                              "(ngày bắt đầu không được ở tương lai).", "term_start")
    return cur


def open_term(actor, start: _dt.date, label: str = "", congress: str = "") -> Term:
    """After the congress: the current term ends the day before ``start``; a new one begins."""
    with db.atomic():
        cur = check_new_term(actor, start, label, congress)
        label, congress = term_label(label), nfc(congress)
        before = audit.snapshot(cur)
        cur.end = closing_day(start)
        cur.save()
        audit.log_change(actor, "update", cur, before)
        t = Term.create(start=start, label=label, congress=congress,
                        opened_by=audit.actor_name(actor))
        audit.log_change(actor, "create", t)
        _mirror_office(t)
        return t


def correct_term(actor, term: Term | int, *, start: _dt.date | None = None,
                 end: _dt.date | None = None, label: str | None = None, reason: str = "") -> Term:
    """Correct a term's dates or name. The numbers stay in the same series (they hang on the
    term, not on its dates); the neighbours may not overlap."""
    users.require(actor, "office.edit")
    with db.atomic():
        t = Term.get_by_id(term if isinstance(term, int) else term.id)
        before = audit.snapshot(t)
        if label is not None:
            t.label = term_label(label)
        if start is not None:
            t.start = start
        if end is not None:
            if t.end is None:
                raise ValidationError("Nhiệm kỳ hiện tại kết thúc khi mở nhiệm kỳ mới.", "term_end")
            t.end = end
        if t.end is not None and t.end < t.start:
            raise ValidationError("Ngày kết thúc nhiệm kỳ trước ngày bắt đầu.", "term_start")
        for other in Term.select().where(Term.id != t.id):
            o_end = other.end or _dt.date.max
            t_end = t.end or _dt.date.max
            if t.start <= o_end and other.start <= t_end:
                raise ValidationError(f"Trùng thời gian với {other.name} ({format_date(other.start)}"
                                      f"–{format_date(other.end) if other.end else 'nay'}).",
                                      "term_start")
        from .documents import Outgoing       # the numbers taken in it must stay inside it
        outside = Outgoing.select().where((Outgoing.term == t.id) & (
            (Outgoing.doc_date < t.start) | (Outgoing.doc_date > (t.end or _dt.date.max))))
        first = outside.order_by(Outgoing.doc_date).first()
        if first is not None:
            raise ValidationError(
                f"Văn bản {first.symbol} ngày {format_date(first.doc_date)} đã lấy số trong "
                f"{t.name}: ngày này phải nằm trong nhiệm kỳ. Nếu đây là nhiệm kỳ mới sau đại hội, "
                "hãy dùng “Mở nhiệm kỳ mới”.", "term_start")
        t.save()
        Outgoing.update(term_start=t.start).where(Outgoing.term == t.id).execute()
        after = audit.snapshot(t)
        old = {k: v for k, v in before.items() if after.get(k) != v}
        if old:
            new = {k: after[k] for k in old}
            audit.append(actor, "update", "term", t.id, old,
                         {**new, "_reason": nfc(reason)} if reason else new)
        if t.end is None:
            _mirror_office(t)
        return t


def _describe_term(record_id: str) -> str:
    t = Term.get_by_id(int(record_id))
    return f"nhiệm kỳ {t.label}" if t.label else f"nhiệm kỳ từ {t.start:%d/%m/%Y}"


audit.register_describer("term", _describe_term)              # the audit log names the term
