"""The registers as lists: one data source per register for the TUI's lazy table, the global
search across every register and the directory, and the registers' dashboard panels.

A data source has ``columns`` (Vietnamese headers), ``widths`` (suggested terminal cells) and
``fetch(after_key, limit) -> [(key, cells)]``: rows newest first (the directory alphabetically),
paged by *keyset* on the sort key, never OFFSET, so page 2 000 of 100 000 rows costs what page 1
does. ``key`` is opaque to the caller except that ``source.ref(key)`` is the record id and
``source.get(key)`` the record. Filters are given to the constructor; ``text`` filters by the
search index (accent- and case-insensitive); a filtered page costs about what a page costs
whatever the number of matches (``TextFilter``, paged in the base class for every source).

    src = IncomingSource(actor, year=2026, status="pending")
    page = src.fetch(None, 50)
    more = src.fetch(page[-1][0], 50)
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Callable

from peewee import SQL, Tuple

from . import dashboard, documents, labels, search, users
from .contacts import Contact
from .documents import OPEN_STATUSES, SECRET_LEVELS, Incoming, Outgoing
from .db import db, is_sqlite
from .dossiers import Dossier, DossierItem, overdue_dossiers
from .seal import SealHandover, SealUse
from .text import format_date, format_datetime, nfc

Key = tuple


def shown_summary(doc) -> str:
    """The summary as a list shows it: a Tuyệt mật one without consent says so instead."""
    if doc.secrecy == "Tuyệt mật" and not doc.summary_consent:
        return "(Tuyệt mật — không ghi trích yếu)"
    return doc.summary


def _one_line(s: str, n: int = 0) -> str:
    s = " ".join((s or "").split())
    return s if not n or len(s) <= n else s[: n - 1] + "…"


class DataSource:
    """Keyset-paged rows of one register. Subclasses set the query, sort fields and cells."""
    kind: str = ""
    title: str = ""
    columns: list[str] = []
    widths: list[int] = []          # 0 = takes what is left
    descending: bool = True
    permission: str = "records.view"

    def __init__(self, actor):
        users.require(actor, self.permission)
        self.actor = actor

    # subclasses
    def query(self):
        raise NotImplementedError

    def order_fields(self) -> list:
        raise NotImplementedError

    def cell_fields(self) -> list:
        """The columns ``cells`` and ``key_of`` read (fewer columns, faster pages); [] = all."""
        return []

    def key_of(self, row) -> Key:
        return tuple(getattr(row, f.name) for f in self.order_fields())

    def cells(self, row) -> list[str]:
        raise NotImplementedError

    # the API the TUI uses
    def column_specs(self) -> list[tuple[str, int | None]]:
        """(header, width in cells or None for 'the rest') — for tui.widgets Column(label, width)."""
        return [(c, w or None) for c, w in zip(self.columns, self.widths)]

    def fetch(self, after_key: Key | None = None, limit: int = 50) -> list[tuple[Key, list[str]]]:
        return [(self.key_of(r), self.cells(r)) for r in self._page(after_key, limit, lean=True)]

    def rows(self, after_key: Key | None = None, limit: int = 50) -> list:
        """The records themselves (for code that wants more than the cells)."""
        return self._page(after_key, limit, lean=False)

    # a text filter (``_search_ids``) is paged here, the same for every source
    def _text_filter(self) -> "TextFilter | None":
        for v in vars(self).values():
            if isinstance(v, TextFilter):
                return v
        return None

    def _page(self, after_key: Key | None, limit: int, lean: bool) -> list:
        tf = self._text_filter()
        if tf is None or tf.only is not None:
            return self._plain_page(after_key, limit, lean)
        small = tf.small()
        if small is not None:
            ids = small
        else:
            ids = self._walk(tf, after_key, limit, budget=self.WALK_BUDGET)
            if ids is None:       # the matches lie far down the list: let the database do it
                ids = tf.subquery()
        tf.only = ids
        try:
            return self._plain_page(after_key, limit, lean)
        finally:
            tf.only = None

    # rows a page may walk before the database is asked to join the whole match set instead
    # (matches bunched far down the list: a year's number, a sender of long ago)
    WALK_BUDGET = 10_000

    def _walk(self, tf: "TextFilter", after_key: Key | None, limit: int,
              budget: int | None = None) -> list[int] | None:
        """The filtered field's values of the first ``limit`` matching rows after ``after_key``,
        found by walking the list in stretches (keys and that field only, off the sort index)
        and asking the index about each stretch. ``budget``: None once that many rows were
        walked without filling the page."""
        fields = self.order_fields()
        found: list[int] = []
        key, stretch, walked = after_key, max(4 * limit, 256), 0
        if budget is not None:
            stretch = min(stretch, budget)
        while len(found) < limit:
            tf.walking = True
            try:
                q = self._ordered(self.query(), key)      # the query sets tf.field
            finally:
                tf.walking = False
            rows = db.execute(q.select(*fields, tf.field).limit(stretch)).fetchall()   # raw rows: no per-row ORM work
            if not rows:
                break
            hits = tf.among({r[-1] for r in rows})
            for r in rows:
                if r[-1] in hits:
                    found.append(r[-1])
                    if len(found) >= limit:
                        break
            walked += len(rows)
            if len(rows) < stretch:
                break
            if budget is not None and walked >= budget and len(found) < limit:
                return None

            key = tuple(rows[-1][:-1])
            stretch = min(stretch * 2, 16384)
        return found

    def _ordered(self, q, after_key: Key | None):
        fields = self.order_fields()
        if after_key is not None:
            after = Tuple(*after_key)
            q = q.where(Tuple(*fields) < after if self.descending else Tuple(*fields) > after)
        return q.order_by(*[(f.desc() if self.descending else f.asc()) for f in fields])

    def _plain_page(self, after_key: Key | None, limit: int, lean: bool) -> list:
        fields = self.order_fields()
        q = self.query()
        if lean and self.cell_fields():
            q = q.select(*self.cell_fields())
        if after_key is not None:
            after = Tuple(*after_key)
            q = q.where(Tuple(*fields) < after if self.descending else Tuple(*fields) > after)
        q = q.order_by(*[(f.desc() if self.descending else f.asc()) for f in fields])
        return list(q.limit(limit))

    def count(self) -> int:
        """The exact number of rows (with a text filter of many matches this reads them all:
        a status line wants ``count_upto``)."""
        tf = self._text_filter()
        if tf is None or tf.only is not None:
            return self.query().count()
        ids = tf.small()
        if ids is None:
            ids = tf.subquery()
        tf.only = ids
        try:
            return self.query().count()
        finally:
            tf.only = None

    def count_upto(self, cap: int = 1000) -> tuple[int, bool]:
        """(rows, more): the exact count when it is at most ``cap``, else (cap, True) — for a
        status line that says "hơn 1 000" instead of paying for the exact number."""
        tf = self._text_filter()
        if tf is None or tf.only is not None or tf.small() is not None:
            if tf is not None and tf.only is None:
                tf.only = tf.small()
                try:
                    n = self.query().limit(cap + 1).count()
                finally:
                    tf.only = None
            else:
                n = self.query().limit(cap + 1).count()
        else:
            n = len(self._walk(tf, None, cap + 1))
        return (cap, True) if n > cap else (n, False)

    def ref(self, key: Key) -> int:
        return int(key[-1])

    def get(self, key: Key):
        return self.query().model.get_by_id(self.ref(key))


class IdSet(list):
    """Record ids matched by a search; serialised once for every page that filters by them."""

    @property
    def payload(self) -> str:
        if not hasattr(self, "_payload"):
            self._payload = json.dumps(list(self))
        return self._payload


class TextFilter(search.Match):
    """A list's text filter (what ``_search_ids`` gives a source). The source puts
    ``id_filter(field, self.ids)`` in its query as before; the base class then pages it:

    - fewer than ``SMALL`` matches: their ids, as a plain ``IN`` — a page of a short list;
    - more: the base walks the list in its own order, a stretch at a time, and asks the index
      which ids of the stretch match — a page costs about ``limit / share of rows that match``
      rows, whatever the number of matches, and the first page comes before the rest exist.
    """
    SMALL = 2000
    MANY = 20_000
    # PostgreSQL reads each match off the table to learn its id (GIN holds row addresses only):
    # a short list there, or the question "fewer than SMALL?" costs 2 000 scattered reads
    SMALL_PG = 300

    def __init__(self, text: str, kinds: list[str]):
        super().__init__(text, kinds)
        self.field = None          # set by id_filter: the column whose values are record ids
        self.only: list[int] | None = None   # when set, id_filter is "field IN only"
        self.walking = False       # while the pager walks the list: no condition (it checks)
        for k in kinds:
            if k in _SECRET_TEXT:
                self.extra.update(_secret_text_ids(text, k))
        self._small: list[int] | None | bool = False    # False = not asked yet

    def subquery(self) -> SQL:
        """Every match, as a subquery the database joins itself."""
        sql, params = self.sql()
        return SQL(f"({sql})", params)

    def small(self) -> list[int] | None:
        """Every matching id when there are fewer than SMALL, else None (asked once)."""
        if self._small is False and self.likely_many(self.SMALL_PG):
            self._small = None          # many rows have every word's start: walk the list
        if self._small is False:
            ids = self.all_ids(self.SMALL if is_sqlite() else min(self.SMALL, self.SMALL_PG))
            self._small = IdSet(ids) if ids is not None else None
        return self._small


def _search_ids(text: str | None, kinds: list[str]) -> TextFilter | None:
    if not text or not nfc(text):
        return None
    return TextFilter(text, kinds)


# The secret registers' text is not in the index: for those who may see them (the caller
# checked), their list filter also reads the summaries themselves — a short register.
_SECRET_TEXT = {"secret_incoming": (Incoming, ("summary", "notes")),
                "secret_outgoing": (Outgoing, ("summary", "notes"))}


_secret_words: dict[tuple, list[str]] = {}      # (id, summary, notes) → folded words


def _secret_text_ids(text: str, kind: str) -> list[int]:
    model, fields = _SECRET_TEXT[kind]
    toks = search.tokens(text)
    if not toks:
        return []
    out = []
    cols = [model.id] + [getattr(model, f) for f in fields]
    if len(_secret_words) > 100_000:
        _secret_words.clear()
    # the secret rows come off their own index; their words are folded once per text, not
    # once per keystroke
    q = model.select(*cols).where((model.secrecy != "Thường") & model.secrecy.in_(SECRET_LEVELS))
    for row in db.execute(q).fetchall():
        words = _secret_words.get(row)
        if words is None:
            words = _secret_words[row] = search.tokens(" ".join(v or "" for v in row[1:]))
        if all(any(w.startswith(t) for w in words) for t in toks):
            out.append(row[0])
    return out


def install(database) -> None:
    """Indexes the lists need: the ordinary incoming book in its own order (the book first, so
    a page is a walk of the index from the last key, not a sort of the year's arrivals), and
    the secret documents found without reading every document."""
    tables = set(database.get_tables())
    if "incoming" in tables:
        database.execute_sql("CREATE INDEX IF NOT EXISTS incoming_book_year_no "
                             "ON incoming (book, year, arrival_no)")
    for t in ("incoming", "outgoing"):
        if t in tables:
            # the secret rows with the text a filter reads, off the index alone
            database.execute_sql(f"CREATE INDEX IF NOT EXISTS {t}_secret_text "
                                 f"ON {t} (id, secrecy, summary, notes) WHERE secrecy <> 'Thường'")


def id_filter(field, ids):
    """``field IN ids`` shaped for the planner: a few ids are looked up one by one; many are
    probed while walking the register's own sort index (no sort of thousands of rows).
    ``ids`` may be a TextFilter: the data source's pager decides (see TextFilter)."""
    if isinstance(ids, TextFilter):
        ids.field = field
        if ids.walking:
            return SQL("1 = 1")        # walking the list: the pager checks each stretch
        if ids.only is None:           # a query asked for outside the pager: every match
            ids.only = ids.subquery()
            try:
                return id_filter(field, ids)
            finally:
                ids.only = None
        if isinstance(ids.only, SQL):
            # many matches: walk the list's own index and look each row up in the match set;
            # fewer: look the matches up and sort them
            if not is_sqlite():
                # PostgreSQL would join the match set and sort the whole result; kept as a
                # condition (``OR FALSE`` stops it becoming a join), the match set is hashed once
                # and the list's own index is walked until the page is full
                cond = field.in_(ids.only)
                return (cond | SQL("FALSE")) if ids.likely_many(ids.MANY) else cond
            many = ids.count_upto(ids.MANY) >= ids.MANY
            return ((field + 0) if many else field).in_(ids.only)
        ids = ids.only
    if len(ids) <= 500 or not is_sqlite():
        return field.in_(list(ids))
    payload = ids.payload if isinstance(ids, IdSet) else json.dumps(list(ids))
    sub = SQL("(SELECT value FROM json_each(?))", (payload,))
    return ((field + 0) if len(ids) > 2000 else field).in_(sub)


def _year_range(field, year: int):
    return (field >= _dt.datetime(year, 1, 1)) & (field < _dt.datetime(year + 1, 1, 1))


class IncomingSource(DataSource):
    """Sổ đăng ký văn bản đến (``secret=True``: the secret register's incoming part)."""
    kind = "incoming"
    title = "Sổ văn bản đến"
    columns = [labels.ARRIVAL_NO, labels.ARRIVED, labels.SENDER, labels.DOC_NUMBER, labels.SUMMARY,
               labels.HANDLER, labels.DEADLINE, labels.STATUS]
    widths = [6, 10, 18, 12, 0, 18, 10, 11]

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
        status = d.status_label
        if d.deadline and d.deadline < self.today and d.status in OPEN_STATUSES:
            status += " (quá hạn)"
        return [str(d.arrival_no), format_date(d.arrived_at), _one_line(d.sender),
                _one_line(d.doc_number), _one_line(summary), _one_line(d.handler),
                format_date(d.deadline), status]


class OutgoingSource(DataSource):
    """Sổ đăng ký văn bản đi (``secret=True``: the secret register's outgoing part)."""
    kind = "outgoing"
    title = "Sổ văn bản đi"
    columns = [labels.SYMBOL, "Ngày", labels.SUMMARY, labels.SIGNER, labels.RECIPIENTS, labels.COPIES,
               labels.STATUS]
    widths = [12, 10, 0, 16, 18, 6, 12]

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
        return [d.symbol, format_date(d.doc_date), _one_line(summary), _one_line(d.signer),
                _one_line("; ".join(d.recipient_list())), str(d.copies or ""), d.status_label]


class DirectorySource(DataSource):
    """Danh bạ phối hợp, in Vietnamese alphabetical order (people by given name)."""
    kind = "contact"
    title = "Danh bạ"
    columns = ["Tên", "Loại", "Nhóm", "Chức vụ", "Đơn vị", "Điện thoại"]
    widths = [0, 9, 14, 16, 18, 12]
    descending = False

    def __init__(self, actor, text: str | None = None, *, kind: str | None = None,
                 group: str | None = None, include_inactive: bool = False):
        super().__init__(actor)
        self.contact_kind, self.group, self.include_inactive = kind, group, include_inactive
        self.ids = _search_ids(text, ["contact"])

    def query(self):
        q = Contact.select()
        if not self.include_inactive:
            q = q.where(Contact.active == True)  # noqa: E712
        if self.contact_kind:
            q = q.where(Contact.kind == self.contact_kind)
        if self.group:
            q = q.where(Contact.group == self.group)
        if self.ids is not None:
            q = q.where(id_filter(Contact.id, self.ids))
        return q

    def order_fields(self):
        return [Contact.sort_key, Contact.id]

    def cells(self, c: Contact) -> list[str]:
        return [c.name, "Cá nhân" if c.kind == "person" else "Cơ quan", c.group_label, c.position,
                c.organisation, c.phone]


class DossierSource(DataSource):
    kind = "dossier"
    title = "Hồ sơ"
    columns = ["Ký hiệu", "Tiêu đề hồ sơ", "Năm", "Thời hạn bảo quản", "Hạn nộp lưu", "Tình trạng"]
    widths = [9, 0, 5, 10, 10, 18]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None,
                 overdue: bool = False, today: _dt.date | None = None):
        super().__init__(actor)
        self.year, self.overdue = year, overdue
        self.today = today or _dt.date.today()
        self.ids = _search_ids(text, ["dossier"])

    def query(self):
        q = Dossier.select()
        if self.year:
            q = q.where(Dossier.year == int(self.year))
        if self.overdue:
            ids = [d.id for d in overdue_dossiers(self.today)]
            q = q.where(Dossier.id.in_(ids))
        if self.ids is not None:
            q = q.where(id_filter(Dossier.id, self.ids))
        return q

    def order_fields(self):
        return [Dossier.year, Dossier.id]

    def cells(self, d: Dossier) -> list[str]:
        state = d.state_label
        if d.is_overdue(self.today):
            state = "Quá hạn nộp lưu"
        return [d.code, _one_line(d.title), str(d.year), d.retention_label,
                format_date(d.handover_due), state]


class SealSource(DataSource):
    kind = "seal"
    title = "Sổ đóng dấu"
    columns = ["Ngày", "Văn bản", "Người ký", "Người đóng dấu", "Số bản"]
    widths = [10, 14, 0, 18, 6]

    def __init__(self, actor, text: str | None = None, *, year: int | None = None):
        super().__init__(actor)
        self.year = year
        kinds = ["outgoing", "secret_outgoing"] if users.can(actor, "secret.view") else ["outgoing"]
        self.ids = _search_ids(text, kinds)      # by the stamped document

    def query(self):
        q = SealUse.select()
        if self.ids is not None:
            q = q.where(id_filter(SealUse.outgoing, self.ids))
        if self.year:
            y = int(self.year)
            q = q.where((SealUse.used_on >= _dt.date(y, 1, 1)) & (SealUse.used_on <= _dt.date(y, 12, 31)))
        return q

    def order_fields(self):
        return [SealUse.used_on, SealUse.id]

    def cells(self, u: SealUse) -> list[str]:
        return [format_date(u.used_on), u.symbol, u.signer, u.stamped_by, str(u.copies)]


class SealHandoverSource(DataSource):
    kind = "seal_handover"
    title = "Bàn giao con dấu"
    columns = ["Ngày", "Người giao", "Người nhận", "Người chứng kiến", "Lý do"]
    widths = [10, 18, 18, 18, 0]

    def __init__(self, actor, text: str | None = None):
        super().__init__(actor)
        self.text = nfc(text)

    def query(self):
        if self.text:
            return SealHandover.select().where(SealHandover.from_person.contains(self.text)
                                               | SealHandover.to_person.contains(self.text)
                                               | SealHandover.reason.contains(self.text))
        return SealHandover.select()

    def order_fields(self):
        return [SealHandover.handed_on, SealHandover.id]

    def cells(self, h: SealHandover) -> list[str]:
        return [format_date(h.handed_on), h.from_person, h.to_person, h.witness, _one_line(h.reason)]


# --- plain list functions (the same keyset, records instead of cells) ----------------------
def list_incoming(actor, after_key: Key | None = None, limit: int = 50, **filters) -> list[Incoming]:
    return IncomingSource(actor, **filters).rows(after_key, limit)


def list_outgoing(actor, after_key: Key | None = None, limit: int = 50, **filters) -> list[Outgoing]:
    return OutgoingSource(actor, **filters).rows(after_key, limit)


def list_secret(actor, which: str = "incoming", after_key: Key | None = None, limit: int = 50,
                **filters) -> list:
    src = IncomingSource if which == "incoming" else OutgoingSource
    return src(actor, secret=True, **filters).rows(after_key, limit)


def list_dossiers(actor, after_key: Key | None = None, limit: int = 50, **filters) -> list[Dossier]:
    return DossierSource(actor, **filters).rows(after_key, limit)


def list_seal_uses(actor, after_key: Key | None = None, limit: int = 50, **filters) -> list[SealUse]:
    return SealSource(actor, **filters).rows(after_key, limit)


def list_directory(actor, after_key: Key | None = None, limit: int = 50, **filters) -> list[Contact]:
    return DirectorySource(actor, **filters).rows(after_key, limit)


SOURCES: dict[str, type[DataSource]] = {
    "incoming": IncomingSource, "outgoing": OutgoingSource, "directory": DirectorySource,
    "dossiers": DossierSource, "seal": SealSource, "seal_handovers": SealHandoverSource,
}


# --- global search ------------------------------------------------------------------------
@dataclass
class Found:
    kind: str          # models.search kind: open it with the TUI's opener of that kind
    ref: int
    register: str      # "Văn bản đến"
    number: str        # "12/2026", "15-BC/ĐU", dossier code
    date: str          # dd/mm/yyyy
    summary: str


_DESCRIBERS: dict[str, tuple[Callable[[list[int]], dict[int, Found]], str]] = {}


def register_describer(kind: str, fn: Callable[[list[int]], dict[int, "Found"]],
                       permission: str = "records.view") -> None:
    """Another register shows its hits in the global search with its own number and date:
    ``fn(refs) -> {ref: Found}`` (one query for all the hits of that kind)."""
    _DESCRIBERS[kind] = (fn, permission)


def _describe_incoming(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Incoming.select().where(Incoming.id.in_(refs)):
        kind = "secret_incoming" if d.is_secret else "incoming"
        out[d.id] = Found(kind, d.id, search.KINDS[kind].label, f"{d.arrival_no}/{d.year}",
                          format_date(d.arrived_at),
                          _one_line(shown_summary(d)) + (" (đã hủy)" if d.status == "cancelled" else ""))
    return out


def _describe_outgoing(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Outgoing.select().where(Outgoing.id.in_(refs)):
        kind = "secret_outgoing" if d.is_secret else "outgoing"
        out[d.id] = Found(kind, d.id, search.KINDS[kind].label, d.symbol, format_date(d.doc_date),
                          _one_line(shown_summary(d)) + (" (đã hủy số)" if d.status == "cancelled" else ""))
    return out


def _describe_contact(refs: list[int]) -> dict[int, Found]:
    out = {}
    for c in Contact.select().where(Contact.id.in_(refs)):
        extra = ", ".join(x for x in (c.organisation, c.phone) if x)
        out[c.id] = Found("contact", c.id, search.KINDS["contact"].label, c.abbr, "",
                          c.label + (f" ({extra})" if extra else ""))
    return out


def _describe_dossier(refs: list[int]) -> dict[int, Found]:
    out = {}
    for d in Dossier.select().where(Dossier.id.in_(refs)):
        n = DossierItem.select().where(DossierItem.dossier == d.id).count()
        out[d.id] = Found("dossier", d.id, search.KINDS["dossier"].label, d.code, str(d.year),
                          f"{d.title} ({n} văn bản, {d.retention_label.lower()})")
    return out


register_describer("incoming", _describe_incoming)
register_describer("secret_incoming", _describe_incoming, "secret.view")
register_describer("outgoing", _describe_outgoing)
register_describer("secret_outgoing", _describe_outgoing, "secret.view")
register_describer("contact", _describe_contact)
register_describer("dossier", _describe_dossier)

SECRET_KINDS = ("secret_incoming", "secret_outgoing")


def searchable_kinds(actor) -> list[str]:
    out = []
    for k in search.KINDS:
        perm = _DESCRIBERS.get(k, (None, "records.view"))[1]
        if k in SECRET_KINDS:
            perm = "secret.view"
        if users.can(actor, perm):
            out.append(k)
    return out


def search_all(actor, text: str, limit: int = 50) -> list[Found]:
    """Every register and the directory, best matches first; secret registers only for those
    who may see them."""
    users.require(actor, "records.view")
    kinds = searchable_kinds(actor)
    if not kinds:
        return []
    hits = search.query(text, kinds=kinds, limit=limit)
    described: dict[tuple[str, int], Found] = {}
    by_kind: dict[str, list[int]] = {}
    for h in hits:
        by_kind.setdefault(h.kind, []).append(h.ref)
    for kind, refs in by_kind.items():
        desc = _DESCRIBERS.get(kind)
        if desc:
            for ref, f in desc[0](refs).items():
                described[(kind, ref)] = f
    return [described.get((h.kind, h.ref)) or Found(h.kind, h.ref, h.label, "", "", h.title)
            for h in hits]


# --- dashboard panels ------------------------------------------------------------------------
def _visible_incoming(actor):
    return documents.visible_only(actor, Incoming.select())


def _line(d: Incoming, extra: str = "") -> str:
    """One dashboard line; a scan not yet described says so (not "Số đến 271 — : ")."""
    sender = _one_line(d.sender, 30)
    summary = _one_line(shown_summary(d), 50) or "(chưa có trích yếu)"
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
    q = _visible_incoming(actor).where((Incoming.deadline < today) & Incoming.status.in_(OPEN_STATUSES))
    n = q.count()
    rows = q.order_by(Incoming.deadline).limit(5)
    return dashboard.Panel("Văn bản quá hạn xử lý", n,
                           [_line(d, f"hạn {format_date(d.deadline)}, {_one_line(d.handler, 25) or 'chưa giao'}")
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


def _panel_dossiers(actor, today: _dt.date):
    if not users.can(actor, "records.view"):
        return None
    od = overdue_dossiers(today)
    if not od:
        return None
    return dashboard.Panel("Hồ sơ quá hạn nộp lưu", len(od),
                           [f"{d.code} — {_one_line(d.title, 50)} (hạn {format_date(d.handover_due)})"
                            for d in od[:5]],
                           area="dossiers", severity="warning")


dashboard.register_panel(100, "registers.waiting", _panel_waiting)
dashboard.register_panel(110, "registers.overdue", _panel_overdue)
dashboard.register_panel(120, "registers.today", _panel_today)
dashboard.register_panel(130, "registers.dossiers", _panel_dossiers)


# --- statistics (the office's figures for a period) -----------------------------------------
def _handled_on(ids: list[int]) -> dict[int, _dt.date]:
    """The day each incoming document was first marked handled (done or filed)."""
    out: dict[int, _dt.date] = {}
    S = documents.IncomingStatusChange
    for s in (S.select(S.incoming, S.at).where(S.incoming.in_(ids) & S.status.in_(("done", "filed")))
              .order_by(S.at)):
        out.setdefault(s.incoming_id, s.at.date() if isinstance(s.at, _dt.datetime) else s.at)
    return out


def _document_figures(start: _dt.date, end: _dt.date):
    from .statistics import Figure
    from collections import Counter
    first, last = _dt.datetime.combine(start, _dt.time.min), _dt.datetime.combine(end, _dt.time.max)
    inc = list(Incoming.select(Incoming.id, Incoming.doc_type, Incoming.sender).where(
        (Incoming.arrived_at >= first) & (Incoming.arrived_at <= last) & (Incoming.status != "cancelled")))
    out = [Figure("Văn bản đến", "Tổng số văn bản đến", len(inc))]
    for t, n in sorted(Counter(d.doc_type or "(chưa ghi loại)" for d in inc).items(), key=lambda x: (-x[1], x[0])):
        out.append(Figure("Văn bản đến", f"Loại: {t}", n, level=1))
    for s, n in sorted(Counter(d.sender or "(chưa ghi nơi gửi)" for d in inc).items(),
                       key=lambda x: (-x[1], x[0]))[:10]:
        out.append(Figure("Văn bản đến", f"Nơi gửi: {s}", n, level=1))
    outg = list(Outgoing.select(Outgoing.type_code).where(
        (Outgoing.doc_date >= start) & (Outgoing.doc_date <= end) & (Outgoing.status != "cancelled")))
    out.append(Figure("Văn bản đi", "Tổng số văn bản đi", len(outg)))
    names = {t.code: t.name for t in documents.DocType.select()}
    for t, n in sorted(Counter(d.type_code for d in outg).items(), key=lambda x: (-x[1], x[0])):
        out.append(Figure("Văn bản đi", f"Loại: {names.get(t, t)} ({t})", n, level=1))
    due = list(Incoming.select(Incoming.id, Incoming.deadline, Incoming.status).where(
        (Incoming.deadline >= start) & (Incoming.deadline <= end) & (Incoming.status != "cancelled")))
    handled = _handled_on([d.id for d in due])
    today = _dt.date.today()
    on_time = sum(1 for d in due if d.id in handled and handled[d.id] <= d.deadline)
    late = sum(1 for d in due if d.id in handled and handled[d.id] > d.deadline)
    overdue = sum(1 for d in due if d.id not in handled and d.status in OPEN_STATUSES and d.deadline < today)
    out += [Figure("Xử lý văn bản đến", "Có hạn xử lý trong kỳ", len(due)),
            Figure("Xử lý văn bản đến", "Xử lý đúng hạn", on_time, level=1),
            Figure("Xử lý văn bản đến", "Xử lý trễ hạn", late, level=1),
            Figure("Xử lý văn bản đến", "Quá hạn, chưa xử lý", overdue, level=1)]
    handed = Dossier.select().where((Dossier.handed_over_on >= start) & (Dossier.handed_over_on <= end)).count()
    out.append(Figure("Hồ sơ", "Hồ sơ đã nộp lưu", handed))
    return out


def _register_figures() -> None:
    from . import statistics
    statistics.register_figures("registers", _document_figures, order=10)


_register_figures()
