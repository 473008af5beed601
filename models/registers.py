"""The generic list machinery every register uses: ``DataSource`` (the TUI's lazy table), the
text filter on the search index, and the global search across every register. Each area keeps
its own sources, search describer (``register_describer``) and Hôm nay panels in its own module
(``models.documents.lists``, ``contacts``, ``dossiers``, ``seal``, ``members`` ...) and registers
them itself; this module imports no area.

A data source has ``columns`` (Vietnamese headers), ``widths`` (suggested terminal cells) and
``fetch(after_key, limit) -> [(key, cells)]``: rows newest first (the directory alphabetically),
paged by *keyset* on the sort key, never OFFSET, so page 2 000 of 100 000 rows costs what page 1
does. ``key`` is opaque to the caller except that ``source.ref(key)`` is the record id and
``source.get(key)`` the record. Filters are given to the constructor; ``text`` filters by the
search index (accent- and case-insensitive); a filtered page costs about what a page costs
whatever the number of matches (``TextFilter``, paged in the base class for every source).

    src = documents.IncomingSource(actor, year=2026, status="pending")
    page = src.fetch(None, 50)
    more = src.fetch(page[-1][0], 50)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from peewee import SQL, Tuple

from . import search, users
from .db import db, is_sqlite
from .text import nfc

Key = tuple


def one_line(s: str, n: int = 0) -> str:
    """A cell's text on one line (runs of spaces and line breaks become one space), cut to
    ``n`` characters with "…" when ``n`` is given."""
    s = " ".join((s or "").split())
    return s if not n or len(s) <= n else s[: n - 1] + "…"


class Cell(str):
    """A cell's words together with what they stand for, so a screen chooses its own words and
    colours without reading the cell's words back: ``key`` (the stored value, e.g. a status
    key) and ``flags`` (e.g. "overdue"). Compares and prints as the words."""
    key: str
    flags: frozenset[str]

    def __new__(cls, text: str, key: str = "", *flags: str) -> "Cell":
        c = super().__new__(cls, text)
        c.key, c.flags = key, frozenset(f for f in flags if f)
        return c


class DataSource:
    """Keyset-paged rows of one register. Subclasses set the query, sort fields and cells."""
    kind: str = ""
    title: str = ""
    columns: list[str] = []
    fields: list[str] = []          # a name per column, for ``column(name)``
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
    @classmethod
    def column(cls, name: str) -> int:
        """The position of the column named ``name`` in a row's cells."""
        return cls.fields.index(name)

    def column_specs(self) -> list[tuple[str, int | None]]:
        """(header, width in cells or None for 'the rest') — for tui.widgets Column(label, width)."""
        return [(c, w or None) for c, w in zip(self.columns, self.widths, strict=True)]

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
        ids: list[int] | SQL | None
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
            # raw rows: no per-row ORM work
            rows = db.execute(q.select(*fields, tf.field).limit(stretch)).fetchall()
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
        ids: list[int] | SQL | None = tf.small()
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
            found = self._walk(tf, None, cap + 1)
            assert found is not None        # no budget: the walk goes on to the end of the list
            n = len(found)
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
        self.only: list[int] | SQL | None = None   # when set, id_filter is "field IN only"
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
        assert not isinstance(self._small, bool)     # asked just above
        return self._small


def _search_ids(text: str | None, kinds: list[str]) -> TextFilter | None:
    if not text or not nfc(text):
        return None
    return TextFilter(text, kinds)


# The secret registers' text is not in the index: for those who may see them (the caller
# checked), their list filter also reads the summaries themselves — a short register.
# kind -> (model, text fields, secrecy levels); filled by the registers that have such a kind.
_SECRET_TEXT: dict[str, tuple] = {}


def register_secret_text(kind: str, model, fields: tuple[str, ...], levels: tuple[str, ...]) -> None:
    """A secret kind whose text a list filter reads from the rows themselves (``fields`` of
    ``model``'s rows whose ``secrecy`` is one of ``levels``), since the index does not hold it."""
    _SECRET_TEXT[kind] = (model, fields, levels)


_secret_words: dict[tuple, list[str]] = {}      # (id, summary, notes) → folded words


def _secret_text_ids(text: str, kind: str) -> list[int]:
    model, fields, levels = _SECRET_TEXT[kind]
    toks = search.tokens(text)
    if not toks:
        return []
    out = []
    cols = [model.id] + [getattr(model, f) for f in fields]
    if len(_secret_words) > 100_000:
        _secret_words.clear()
    # the secret rows come off their own index; their words are folded once per text, not
    # once per keystroke
    q = model.select(*cols).where((model.secrecy != "Thường") & model.secrecy.in_(levels))
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
        # Hôm nay's panels: the documents of one state, oldest first (waiting, scans to
        # describe), and the open ones past their deadline. By state alone the planner walked
        # every arrival for the first five of a rare state: 0.9 s each at 1 M documents
        had = {i.name for i in database.get_indexes("incoming")}
        database.execute_sql("CREATE INDEX IF NOT EXISTS incoming_status_arrived "
                             "ON incoming (status, arrived_at)")
        database.execute_sql("CREATE INDEX IF NOT EXISTS incoming_status_deadline "
                             "ON incoming (status, deadline)")
        # a database whose planner has statistics (ANALYZE: the bench's, a copy from a server)
        # needs them for the new indexes too: without, it took them for the lists filtered by
        # state and sorted 700 000 rows for a page (2 s) instead of walking the book's index
        if ({"incoming_status_arrived", "incoming_status_deadline"} - had and is_sqlite(database)
                and "sqlite_stat1" in {r[0] for r in database.execute_sql(
                    "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")}):
            database.execute_sql("ANALYZE incoming")
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


def records_named(actor, text: str, limit: int = 200) -> dict[str, list[str]]:
    """The records whose searchable words hold ``text`` (the best ``limit``), as the audit log
    names them: {table: [record ids]} — only of the kinds ``actor`` may search ("Bùi Công Lâm"
    → his member record, a contact, the documents he handles)."""
    kinds = searchable_kinds(actor)
    out: dict[str, list[str]] = {}
    for h in search.query(text, kinds=kinds, limit=limit) if kinds else []:
        out.setdefault(search.KINDS[h.kind].table, []).append(str(h.ref))
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
