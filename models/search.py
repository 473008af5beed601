"""One search index over every register and the directory, over folded text.

Folding (models.text.fold) removes marks and folds đ→d, so "dang phi", "Đảng phí", "ĐẢNG PHÍ"
and an NFD "Đảng phí" find the same records. On SQLite the index is an FTS5 table whose rowid
encodes (kind, record id), so replacing one record's entry is a rowid lookup. On PostgreSQL the
same API runs over a plain table of folded text.

A register registers its kind once (``register_kind``) and calls ``index``/``remove`` when it
saves; ``query`` answers across kinds, ``ids`` within one (all of them), and ``Match`` a few at
a time — what a list's filter uses, so that it costs a page, not the number of matches.
PostgreSQL: the folded text with a trigram index (pg_trgm) for the same word-start match.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .db import db, is_sqlite
from .text import fold, nfc

_STRIDE = 10 ** 10   # rowid = code * _STRIDE + record id


@dataclass(frozen=True)
class Kind:
    name: str
    code: int
    label: str         # shown beside each hit: "Văn bản đến"
    restricted: bool = False   # searched only when asked for by name (the secret register)


KINDS: dict[str, Kind] = {}


def register_kind(name: str, code: int, label: str, restricted: bool = False) -> Kind:
    """``restricted`` kinds (secret documents) are left out of a search that names no kinds;
    the caller checks the user's right and names them (models.registers.search_all does)."""
    for k in KINDS.values():
        if k.code == code and k.name != name:
            raise ValueError(f"search kind code {code} already used by {k.name}")
    k = Kind(name, code, label, restricted)
    KINDS[name] = k
    return k


@dataclass
class Hit:
    kind: str
    ref: int
    title: str
    label: str


# Prefix indexes for the first 1–6 letters of every word (a folded Vietnamese syllable has at
# most seven): without them a filter being typed ("đ", "đả", "đảng" → d*, da*, dang*) makes
# FTS5 merge the lists of every word with that start, whole, on each query — a cost that grows
# with the index and was paid on every keystroke. With them a prefix is one list, read only
# over the rowids asked for. The search needs no positions (words are matched, not phrases;
# ranking is done on the titles): ``detail = none`` and no column sizes keep the index small
# and quick to build.
_FTS_DEF = ("fts5(title UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', "
            "prefix = '1 2 3 4 5 6', detail = none, columnsize = 0)")


def install(database) -> None:
    if is_sqlite(database):
        database.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING {_FTS_DEF}")
    else:
        database.execute_sql(
            "CREATE TABLE IF NOT EXISTS search_doc (id BIGINT PRIMARY KEY, title TEXT NOT NULL, "
            "body TEXT NOT NULL)")
        _install_pg_index(database)


def _install_pg_index(database) -> None:
    """PostgreSQL's own index over the folded text: trigrams (pg_trgm, a trusted extension),
    which serve the ``LIKE '% word%'`` prefix-of-a-word match; without the extension the
    search still works, by a scan."""
    try:
        with database.atomic():
            database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            database.execute_sql("CREATE INDEX IF NOT EXISTS search_doc_body_trgm ON search_doc "
                                 "USING gin ((' ' || body) gin_trgm_ops)")
    except Exception:   # noqa: BLE001 — no extension on this server: a scan, same answers
        pass


def upgrade_index(database) -> None:
    """Rebuild an index made before the prefix indexes existed (same rows, same rowids)."""
    if not is_sqlite(database):
        _install_pg_index(database)
        return
    row = database.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()
    if row and _FTS_DEF in (row[0] or ""):
        return
    database.execute_sql(f"CREATE VIRTUAL TABLE search_fts_new USING {_FTS_DEF}")
    if row:
        database.execute_sql("INSERT INTO search_fts_new(rowid, title, body) "
                             "SELECT rowid, title, body FROM search_fts")
        database.execute_sql("DROP TABLE search_fts")
    database.execute_sql("ALTER TABLE search_fts_new RENAME TO search_fts")
    database.execute_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def _rowid(kind: str, ref: int) -> int:
    return KINDS[kind].code * _STRIDE + int(ref)


def index(kind: str, ref: int, title: str, *texts: str | None) -> None:
    """(Re)index one record: ``title`` is shown in results; title and texts are searched."""
    rid = _rowid(kind, ref)
    body = fold(" ".join(t for t in (title, *texts) if t))
    with db.atomic():
        remove(kind, ref)
        if is_sqlite():
            db.execute_sql("INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)",
                           (rid, nfc(title), body))
        else:
            db.execute_sql("INSERT INTO search_doc(id, title, body) VALUES (%s, %s, %s)",
                           (rid, nfc(title), body))


def index_many(kind: str, rows) -> None:
    """Bulk index: rows of (ref, title, *texts). For generators and rebuilds."""
    code = KINDS[kind].code
    data = [(code * _STRIDE + int(r[0]), nfc(r[1]), fold(" ".join(t for t in r[1:] if t)))
            for r in rows]
    if is_sqlite():
        db.connection().executemany("INSERT OR REPLACE INTO search_fts(rowid, title, body) VALUES (?, ?, ?)", data)
    else:
        with db.atomic():
            for d in data:
                db.execute_sql("DELETE FROM search_doc WHERE id = %s", (d[0],))
                db.execute_sql("INSERT INTO search_doc(id, title, body) VALUES (%s, %s, %s)", d)


def remove(kind: str, ref: int) -> None:
    if is_sqlite():
        db.execute_sql("DELETE FROM search_fts WHERE rowid = ?", (_rowid(kind, ref),))
    else:
        db.execute_sql("DELETE FROM search_doc WHERE id = %s", (_rowid(kind, ref),))


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _fts_query(toks: list[str]) -> str:
    return " AND ".join(f'"{t}"*' for t in toks)


def _decode(rowid: int) -> tuple[str, int] | None:
    code, ref = divmod(int(rowid), _STRIDE)
    for k in KINDS.values():
        if k.code == code:
            return k.name, ref
    return None


# Ranking. FTS5's bm25 over every match of a common word costs 20–70 ms on 100 000 documents,
# and ranking inside a window of the newest matches lets a busy register crowd the others out.
# So: one unranked pass collects the matching rowids (cheap), each kind keeps its newest
# RANK_WINDOW, and those few are scored here — words found in the title (whole words first)
# before words found only in the body, newer records first among equals.
RANK_WINDOW = 100
PG_RECENT = 20_000       # PostgreSQL: the newest rows read before asking the trigram index


def _kind_range(code: int) -> tuple[int, int]:
    return code * _STRIDE, (code + 1) * _STRIDE - 1


def _score(toks: list[str], title: str) -> float:
    title_words = _TOKEN.findall(fold(title))
    wordset = set(title_words)
    score = 0.0
    for t in toks:
        if t in wordset:
            score += 3
        elif any(w.startswith(t) for w in wordset):
            score += 2
        else:
            score += 1                      # only in the body (the match guarantees it is there)
    if len(toks) > 1 and " ".join(toks) in " ".join(title_words):
        score += 2                          # the words together, in order, in the title
    return score


def _newest_per_kind(fts: str, codes: list[int]) -> list[int]:
    """The newest RANK_WINDOW matching rowids of each kind. One newest-first window over all
    kinds usually covers them (rowid = code·stride + id); a kind it did not reach, or reached
    with too few rows, gets a query of its own."""
    base = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
    if len(codes) == 1:
        lo, hi = _kind_range(codes[0])
        return [r[0] for r in db.execute_sql(base + " AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?",
                                             (fts, lo, hi, RANK_WINDOW)).fetchall()]
    window = RANK_WINDOW * 10
    top = [r[0] for r in db.execute_sql(base + " ORDER BY rowid DESC LIMIT ?", (fts, window)).fetchall()]
    complete = len(top) < window
    lowest = top[-1] if top else 0
    cand: list[int] = []
    for c in codes:
        lo, hi = _kind_range(c)
        mine = [r for r in top if lo <= r <= hi][:RANK_WINDOW]
        if complete or lo > lowest or len(mine) >= RANK_WINDOW:
            cand += mine
        else:
            cand += [r[0] for r in db.execute_sql(
                base + " AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?",
                (fts, lo, hi, RANK_WINDOW)).fetchall()]
    return cand


def query(text: str, kinds: list[str] | None = None, limit: int = 50) -> list[Hit]:
    """Best matches first. Every word of ``text`` must match the start of a word.
    Without ``kinds``: every kind except the restricted ones (secret registers)."""
    toks = tokens(text)
    if not toks:
        return []
    names = kinds if kinds else [k.name for k in KINDS.values() if not k.restricted]
    codes = sorted({KINDS[k].code for k in names})
    if not codes:
        return []
    if is_sqlite():
        cand = _newest_per_kind(_fts_query(toks), codes)
        if not cand:
            return []
        rows = []
        for i in range(0, len(cand), 500):
            chunk = cand[i:i + 500]
            rows += db.execute_sql(
                f"SELECT rowid, title FROM search_fts WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
        scored = sorted(rows, key=lambda r: (-_score(toks, r[1]), -(r[0] % _STRIDE), r[0]))
        rows = scored[:limit]
    else:
        conds = " AND ".join(["(' ' || body) LIKE %s"] * len(toks))
        ranges = " OR ".join(["id BETWEEN %s AND %s"] * len(codes))
        sql = f"SELECT id, title FROM search_doc WHERE {conds} AND ({ranges}) ORDER BY id DESC LIMIT %s"
        params = [f"% {t}%" for t in toks]
        for c in codes:
            params += list(_kind_range(c))
        params.append(limit)
        # First the newest rows by the primary key, a bounded number of them: a common word
        # fills the page there (the trigram index would first mark every row that has it).
        # Only when they do not is the trigram index asked — exact either way: every row above
        # the last one read was read.
        like = [f"% {t}%" for t in toks]
        recent = (f"SELECT id, title FROM (SELECT id, title, body FROM search_doc WHERE ({ranges}) "
                  f"ORDER BY id DESC LIMIT %s) AS r WHERE {conds} ORDER BY id DESC LIMIT %s")
        rows = db.execute_sql(recent, params[len(toks):-1] + [PG_RECENT] + like + [limit]).fetchall()
        if len(rows) < limit:
            rows = db.execute_sql(sql, params).fetchall()
    hits: list[Hit] = []
    for rowid, title in rows:
        dec = _decode(rowid)
        if dec is None:
            continue
        kind, ref = dec
        hits.append(Hit(kind, ref, title, KINDS[kind].label))
    return hits


def ids(text: str, kind: str, limit: int | None = None) -> list[int]:
    """Record ids of one kind matching ``text``, all of them (or ``limit``), unranked: for
    filtering a register list, which has its own order."""
    toks = tokens(text)
    if not toks:
        return []
    lo, hi = _kind_range(KINDS[kind].code)
    if is_sqlite():
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?"
        params: list = [_fts_query(toks), lo, hi]
        ph = "?"
    else:
        conds = " AND ".join(["(' ' || body) LIKE %s"] * len(toks))
        sql = f"SELECT id FROM search_doc WHERE {conds} AND id BETWEEN %s AND %s"
        params = [f"% {t}%" for t in toks] + [lo, hi]
        ph = "%s"
    if limit is not None:
        sql += f" LIMIT {ph}"
        params.append(int(limit))
    return [int(r[0]) - lo for r in db.execute_sql(sql, params).fetchall()]


# --- filtering a list by text, a page at a time --------------------------------------------
class Match:
    """The records of some kinds whose text matches ``text``, asked about a few at a time, so
    that filtering a list costs what its page costs, not what the whole match set costs.

    ``count_upto(n)`` counts at most n matches; ``all_ids(n)`` lists them when there are fewer
    than n; ``among(ids)`` says which of a handful of record ids (a stretch of the list in its
    own order) match — one range read of the index when the stretch's ids are close together
    (a list whose order follows registration), a lookup per id otherwise. ``extra`` adds ids
    found outside the index (the secret registers' text, read by the caller)."""

    def __init__(self, text: str, kinds: list[str]):
        self.toks = tokens(text)
        self.kinds = list(kinds)
        self.extra: set[int] = set()
        self._counts: dict[int, int] = {}

    @property
    def empty(self) -> bool:
        return not self.toks

    def _ranges(self):
        for k in self.kinds:
            yield _kind_range(KINDS[k].code)

    def _where(self) -> tuple[str, list]:
        if is_sqlite():
            return "search_fts MATCH ?", [_fts_query(self.toks)]
        return (" AND ".join(["(' ' || body) LIKE %s"] * len(self.toks)),
                [f"% {t}%" for t in self.toks])

    def _table(self) -> tuple[str, str, str]:
        return ("search_fts", "rowid", "?") if is_sqlite() else ("search_doc", "id", "%s")

    def count_upto(self, cap: int) -> int:
        """The number of matches, or ``cap`` when there are at least that many."""
        if self.empty:
            return 0
        if cap in self._counts:
            return self._counts[cap]
        self._counts[cap] = n = self._count_upto(cap)
        return n

    def _count_upto(self, cap: int) -> int:
        table, rid, ph = self._table()
        cond, params = self._where()
        n = len(self.extra)
        for lo, hi in self._ranges():
            if n >= cap:
                break
            n += db.execute_sql(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {cond} AND {rid} BETWEEN {ph} AND {ph} "
                f"LIMIT {ph}) AS m", params + [lo, hi, cap - n]).fetchone()[0]
        return min(n, cap)

    def all_ids(self, cap: int) -> list[int] | None:
        """Every matching record id, or None when there are ``cap`` or more."""
        if self.empty:
            return []
        table, rid, ph = self._table()
        cond, params = self._where()
        out = set(self.extra)
        for lo, hi in self._ranges():
            rows = db.execute_sql(
                f"SELECT {rid} FROM {table} WHERE {cond} AND {rid} BETWEEN {ph} AND {ph} LIMIT {ph}",
                params + [lo, hi, cap]).fetchall()
            out.update(int(r[0]) - lo for r in rows)
            if len(out) >= cap:
                return None
        return sorted(out)

    def sql(self) -> tuple[str, list]:
        """A SELECT of every matching record id (for the database to join)."""
        if self.empty:
            return "SELECT 0 WHERE 1 = 0", []
        table, rid, ph = self._table()
        cond, params = self._where()
        parts, args = [], []
        for lo, hi in self._ranges():
            parts.append(f"SELECT {rid} - {ph} FROM {table} WHERE {cond} AND {rid} BETWEEN {ph} AND {ph}")
            args += [lo] + params + [lo, hi]
        if self.extra:          # one term for all of them (a compound SELECT has a limit)
            if is_sqlite():
                parts.append("SELECT value FROM json_each(?)")
                args.append(json.dumps(sorted(self.extra)))
            else:
                parts.append("SELECT unnest(%s::bigint[])")
                args.append(sorted(self.extra))
        return " UNION ALL ".join(parts), args

    def among(self, ids) -> set[int]:
        """Which of ``ids`` match."""
        ids = [int(i) for i in ids if i is not None]
        if not ids or self.empty:
            return set()
        table, rid, ph = self._table()
        cond, params = self._where()
        out = {i for i in ids if i in self.extra}
        want = set(ids)
        a, b = min(ids), max(ids)
        for lo, hi in self._ranges():
            if is_sqlite() and b - a > 8 * len(ids) + 64:
                # scattered ids (an alphabetical list): look each one up
                found = []
                for i in range(0, len(ids), 500):
                    chunk = [lo + x for x in ids[i:i + 500]]
                    found += db.execute_sql(
                        f"SELECT rowid FROM search_fts WHERE {cond} AND rowid IN "
                        f"({','.join('?' * len(chunk))})", params + chunk).fetchall()
            elif is_sqlite():
                found = db.execute_sql(f"SELECT rowid FROM search_fts WHERE {cond} AND rowid BETWEEN ? AND ?",
                                       params + [lo + a, lo + b]).fetchall()
            else:
                found = db.execute_sql(f"SELECT id FROM search_doc WHERE {cond} AND id = ANY(%s)",
                                       params + [[lo + x for x in ids]]).fetchall()
            out.update(int(r[0]) - lo for r in found if int(r[0]) - lo in want)
        return out
