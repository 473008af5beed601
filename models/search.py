"""One search index over every register and the directory, over folded text.

Folding (models.text.fold) removes marks and folds đ→d, so "dang phi", "Đảng phí", "ĐẢNG PHÍ"
and an NFD "Đảng phí" find the same records. On SQLite the index is an FTS5 table whose rowid
encodes (kind, record id), so replacing one record's entry is a rowid lookup. On PostgreSQL the
same API runs over a table of the same folded text and its words as a ``tsvector`` (PostgreSQL's
own full-text search), cut into words as FTS5 cuts them, with a GIN index.

A register registers its kind once (``register_kind``) and calls ``index``/``remove`` when it
saves; ``query`` answers across kinds, ``ids`` within one (all of them), and ``Match`` a few at
a time — what a list's filter uses, so that it costs a page, not the number of matches.
Both backends answer the same question the same way: every word of the query must start a word
of the record (``"dang"* AND "phi"*`` in FTS5, ``'dang':* & 'phi':*`` in PostgreSQL).
"""
from __future__ import annotations

import json
import re
import time
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
    table: str = ""            # the records' table (the audit log's name for it): the kind's own name


KINDS: dict[str, Kind] = {}


def register_kind(name: str, code: int, label: str, restricted: bool = False,
                  table: str = "") -> Kind:
    """``restricted`` kinds (secret documents) are left out of a search that names no kinds;
    the caller checks the user's right and names them (models.registers.search_all does).
    ``table``: the table of the records indexed under this kind, when not named as the kind."""
    for k in KINDS.values():
        if k.code == code and k.name != name:
            raise ValueError(f"search kind code {code} already used by {k.name}")
    k = Kind(name, code, label, restricted, table or name)
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
            "body TEXT NOT NULL, words TSVECTOR)")
        _install_pg_index(database)


def _install_pg_index(database) -> None:
    """PostgreSQL's own full-text index over the folded text: each record's words as a
    ``tsvector`` (made here, as FTS5 cuts them — PostgreSQL's parser would read "123/qd-ub" as
    a path and a hyphenated word), searched by prefix (``'dang':*``) through a GIN index. A
    table made before the column existed gets it filled here, a batch at a time; the trigram
    index it had before is dropped (it read every row holding a common letter group)."""
    database.execute_sql("ALTER TABLE search_doc ADD COLUMN IF NOT EXISTS words TSVECTOR")
    last = -1
    while True:
        rows = database.execute_sql(
            "SELECT id, body FROM search_doc WHERE words IS NULL AND id > %s ORDER BY id LIMIT 5000",
            (last,)).fetchall()
        if not rows:
            break
        database.execute_sql(
            "UPDATE search_doc AS d SET words = array_to_tsvector(string_to_array(v.w, ' ')) "
            "FROM unnest(%s::bigint[], %s::text[]) AS v(id, w) WHERE d.id = v.id",
            ([r[0] for r in rows], [" ".join(pg_words(r[1])) for r in rows]))
        last = rows[-1][0]
    database.execute_sql("CREATE INDEX IF NOT EXISTS search_doc_words ON search_doc USING gin (words)")
    database.execute_sql("DROP INDEX IF EXISTS search_doc_body_trgm")


# PostgreSQL's words: what FTS5's unicode61 tokenizer keeps (letters and digits; "_" separates),
# each once; a lexeme is at most 2 047 bytes and a tsvector at most 1 MB, so a longer "word" (a
# pasted hash) or words past the first megabyte are not indexed there.
_PG_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def pg_words(body: str) -> list[str]:
    """The words PostgreSQL's index holds for a record's folded text (also what a bulk copy
    into PostgreSQL writes as the ``words`` column)."""
    out, size = [], 0
    for w in dict.fromkeys(_PG_WORD.findall(body or "")):
        n = len(w.encode("utf-8"))
        if n > 2046:
            continue
        size += n + 8
        if size > 900_000:
            break
        out.append(w)
    return out


def _pg_tsquery(toks: list[str]) -> str:
    """``'dang':* & 'phi':*`` — a tsquery given as text (cast, not parsed: the words are ours)."""
    return " & ".join(f"'{p}':*" for t in toks for p in t.split("_") if p)


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
            db.execute_sql("INSERT INTO search_doc(id, title, body, words) VALUES "
                           "(%s, %s, %s, array_to_tsvector(%s::text[]))",
                           (rid, nfc(title), body, pg_words(body)))


def index_many(kind: str, rows) -> None:
    """Bulk index: rows of (ref, title, *texts). For generators and rebuilds."""
    code = KINDS[kind].code
    data = [(code * _STRIDE + int(r[0]), nfc(r[1]), fold(" ".join(t for t in r[1:] if t)))
            for r in rows]
    if is_sqlite():
        db.connection().executemany(
            "INSERT OR REPLACE INTO search_fts(rowid, title, body) VALUES (?, ?, ?)", data)
    else:
        with db.atomic():
            for d in data:
                db.execute_sql("DELETE FROM search_doc WHERE id = %s", (d[0],))
                db.execute_sql("INSERT INTO search_doc(id, title, body, words) VALUES "
                               "(%s, %s, %s, array_to_tsvector(%s::text[]))", (*d, pg_words(d[2])))


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
# before words found only in the body, newer records first among equals. PostgreSQL does the
# same, so both give the same hits in the same order.
RANK_WINDOW = 100
PG_RECENT = 20_000       # PostgreSQL: the newest rows read before asking the GIN index


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


def _match(toks: list[str]) -> tuple[str, list]:
    """The index's condition for "every word starts a word of the record", and its parameters.

    PostgreSQL: GIN answers a prefix (``'van':*``) by gathering every row of every word with
    that start, whole, before it intersects — a common word among rare ones costs what the
    whole table costs ("pham van duc": every "van…"). So the index is asked only for the words
    at most PG_SPREAD times as common as the rarest (PostgreSQL's own statistics say which), and
    the whole query is tested on the rows it gives (``ts_match_vq``, the function behind
    ``@@``, which no index answers)."""
    if is_sqlite():
        return "search_fts MATCH ?", [_fts_query(toks)]
    parts = list(dict.fromkeys(p for t in toks for p in t.split("_") if p))
    if not parts:
        return "FALSE", []
    asked = _pg_indexed(parts)
    if len(asked) == len(parts):
        return "words @@ %s::tsquery", [_pg_tsquery(parts)]
    return ("words @@ %s::tsquery AND ts_match_vq(words, %s::tsquery)",
            [_pg_tsquery(asked), _pg_tsquery(parts)])


PG_SPREAD = 1.5            # words this close to the rarest one's share are asked for too


def _pg_indexed(parts: list[str]) -> list[str]:
    """The words the GIN index is asked for: the rarest, and those whose start is in at most
    PG_SPREAD times as many records, by the statistics ANALYZE keeps of the index's words
    (its most common lexemes and their shares; a start none of them has is rarer than any
    that one has). No statistics yet: every word."""
    if len(parts) == 1:
        return parts
    common, _ = _pg_common()
    if not common:
        return parts
    share = {p: _pg_share(common, p) for p in parts}
    floor = min(share.values())
    return [p for p in parts if share[p] <= max(floor * PG_SPREAD, 0.0005)]


_pg_stats: dict = {}        # database → (read at, {lexeme: share of rows}, rows)
PG_STATS_TTL = 600          # seconds: the statistics change with ANALYZE (autovacuum), slowly


def _pg_common() -> tuple[dict, float]:
    """The index's most common words with their shares of rows, and its number of rows (read
    at most every PG_STATS_TTL seconds; empty before the first ANALYZE)."""
    key = id(db.obj)
    got = _pg_stats.get(key)
    if got is None or time.monotonic() - got[0] > PG_STATS_TTL:
        row = db.execute_sql(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_class AS c LEFT JOIN pg_stats AS s ON s.tablename = c.relname "
            "AND s.attname = 'words' AND s.schemaname = ANY(current_schemas(false)) "
            "WHERE c.oid = 'search_doc'::regclass").fetchone()
        # not strict: PostgreSQL follows the element frequencies with two or three more (their
        # minimum, their maximum, maybe the frequency of nulls), which pair with no element
        common = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        got = _pg_stats[key] = (time.monotonic(), common, float(row[2] or 0) if row else 0.0)
    return got[1], got[2]


def _pg_share(common: dict, part: str) -> float:
    return sum(f for w, f in common.items() if w.startswith(part))


def _pg_few(toks: list[str], n: int) -> bool:
    """True when the statistics say the rarest word's start is in few rows (a few times ``n``
    at most): the GIN index answers those at once, cheaper than reading the newest rows."""
    parts = [p for t in toks for p in t.split("_") if p]
    common, rows = _pg_common()
    if not parts or not common:
        return False
    return min(_pg_share(common, p) for p in parts) * rows <= max(PG_FEW, 4 * n)


PG_FEW = 2000


def _newest(toks: list[str], lo: int, hi: int, n: int, window: bool = True) -> list[int]:
    """The newest ``n`` matching rowids between ``lo`` and ``hi``, newest first.

    PostgreSQL: first the newest PG_RECENT rows by the primary key, a bounded read — a common
    word fills the answer there, where the GIN index would first gather every row that has it;
    only when they do not is the index asked (then the matches are few among the newest rows).
    Exact either way: every row above the last one read was read."""
    cond, params = _match(toks)
    if is_sqlite():
        return [r[0] for r in db.execute_sql(
            f"SELECT rowid FROM search_fts WHERE {cond} AND rowid BETWEEN ? AND ? "
            "ORDER BY rowid DESC LIMIT ?", params + [lo, hi, n]).fetchall()]
    if window and not _pg_few(toks, n):
        rows = db.execute_sql(
            f"SELECT id FROM (SELECT id, words FROM search_doc WHERE id BETWEEN %s AND %s "
            f"ORDER BY id DESC LIMIT %s) AS r WHERE {cond} ORDER BY id DESC LIMIT %s",
            [lo, hi, PG_RECENT] + params + [n]).fetchall()
        if len(rows) == n or db.execute_sql(
                "SELECT count(*) FROM (SELECT 1 FROM search_doc WHERE id BETWEEN %s AND %s "
                "ORDER BY id DESC LIMIT %s) AS w", (lo, hi, PG_RECENT)).fetchone()[0] < PG_RECENT:
            return [r[0] for r in rows]       # a full answer, or every row of the range was read
    # ``id + 0``: the order is not taken from the primary key, which would walk every row
    rows = db.execute_sql(
        f"SELECT id FROM search_doc WHERE {cond} AND id BETWEEN %s AND %s "
        "ORDER BY id + 0 DESC LIMIT %s", params + [lo, hi, n]).fetchall()
    return [r[0] for r in rows]


def _pg_newest_per_kind(toks: list[str], codes: list[int]) -> list[int]:
    """PostgreSQL: a window of the newest rows per kind, every kind in one query — each stops at
    its own RANK_WINDOW matches (one window over every kind would read ten times as many rows
    of the busiest one); a kind whose window neither filled nor reached its oldest row asks
    the GIN index (``_newest``)."""
    n = RANK_WINDOW
    if _pg_few(toks, n):
        return [r for c in codes for r in _newest(toks, *_kind_range(c), n)]
    cond, params = _match(toks)
    ranges = [_kind_range(c) for c in codes]
    rows = db.execute_sql(
        "SELECT k.lo, m.ids, CASE WHEN cardinality(m.ids) < %s THEN (SELECT count(*) FROM "
        "(SELECT 1 FROM search_doc WHERE id BETWEEN k.lo AND k.hi ORDER BY id DESC LIMIT %s) AS w) < %s "
        "ELSE true END FROM unnest(%s::bigint[], %s::bigint[]) AS k(lo, hi) CROSS JOIN LATERAL "
        "(SELECT array(SELECT id FROM (SELECT id, words FROM search_doc WHERE id BETWEEN k.lo AND k.hi "
        f"ORDER BY id DESC LIMIT %s) AS r WHERE {cond} ORDER BY id DESC LIMIT %s) AS ids) AS m",
        [n, PG_RECENT, PG_RECENT, [lo for lo, _ in ranges], [hi for _, hi in ranges], PG_RECENT]
        + params + [n]).fetchall()
    out: list[int] = []
    for lo, found, done in sorted(rows, key=lambda r: r[0]):
        out += list(found) if done else _newest(toks, lo, lo + _STRIDE - 1, n, window=False)
    return out


def _newest_per_kind(toks: list[str], codes: list[int]) -> list[int]:
    """The newest RANK_WINDOW matching rowids of each kind. One newest-first window over all
    kinds usually covers them (rowid = code·stride + id); a kind it did not reach, or reached
    with too few rows, gets a query of its own."""
    if not is_sqlite():
        return _pg_newest_per_kind(toks, codes)
    if len(codes) == 1:
        return _newest(toks, *_kind_range(codes[0]), RANK_WINDOW)
    window = RANK_WINDOW * 10
    top = _newest(toks, 0, 2 ** 62, window)
    complete = len(top) < window
    lowest = top[-1] if top else 0
    cand: list[int] = []
    for c in codes:
        lo, hi = _kind_range(c)
        mine = [r for r in top if lo <= r <= hi][:RANK_WINDOW]
        if complete or lo > lowest or len(mine) >= RANK_WINDOW:
            cand += mine
        else:
            cand += _newest(toks, lo, hi, RANK_WINDOW)
    return cand


def query(text: str, kinds: list[str] | None = None, limit: int = 50) -> list[Hit]:
    """Best matches first. Every word of ``text`` must match the start of a word.
    Without ``kinds``: every kind except the restricted ones (secret registers)."""
    return query_more(text, kinds, limit)[0]


def query_more(text: str, kinds: list[str] | None = None,
               limit: int = 50) -> tuple[list[Hit], bool]:
    """``query``, and whether more records may match than the hits: beyond ``limit``, or
    beyond the newest RANK_WINDOW matches of a kind, which are all a search ranks."""
    toks = tokens(text)
    if not toks:
        return [], False
    names = kinds if kinds else [k.name for k in KINDS.values() if not k.restricted]
    codes = sorted({KINDS[k].code for k in names})
    if not codes:
        return [], False
    cand = _newest_per_kind(toks, codes)
    if not cand:
        return [], False
    per_kind: dict[int, int] = {}
    for r in cand:                                      # rowid = code · stride + id
        per_kind[r // _STRIDE] = per_kind.get(r // _STRIDE, 0) + 1
    more = len(cand) > limit or any(n >= RANK_WINDOW for n in per_kind.values())
    rows = []
    if is_sqlite():
        for i in range(0, len(cand), 500):
            chunk = cand[i:i + 500]
            rows += db.execute_sql(
                f"SELECT rowid, title FROM search_fts WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
    else:
        rows = db.execute_sql("SELECT id, title FROM search_doc WHERE id = ANY(%s)", (cand,)).fetchall()
    rows = sorted(rows, key=lambda r: (-_score(toks, r[1]), -(r[0] % _STRIDE), r[0]))[:limit]
    hits: list[Hit] = []
    for rowid, title in rows:
        dec = _decode(rowid)
        if dec is None:
            continue
        kind, ref = dec
        hits.append(Hit(kind, ref, title, KINDS[kind].label))
    return hits, more


def ids(text: str, kind: str, limit: int | None = None) -> list[int]:
    """Record ids of one kind matching ``text``, all of them (or ``limit``), unranked: for
    filtering a register list, which has its own order."""
    toks = tokens(text)
    if not toks:
        return []
    lo, hi = _kind_range(KINDS[kind].code)
    table, rid, ph = ("search_fts", "rowid", "?") if is_sqlite() else ("search_doc", "id", "%s")
    cond, params = _match(toks)
    sql = f"SELECT {rid} FROM {table} WHERE {cond} AND {rid} BETWEEN {ph} AND {ph}"
    params = params + [lo, hi]
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
        return _match(self.toks)

    def _table(self) -> tuple[str, str, str]:
        return ("search_fts", "rowid", "?") if is_sqlite() else ("search_doc", "id", "%s")

    def likely_many(self, n: int) -> bool:
        """True when listing the matches would cost more than walking the list: on PostgreSQL,
        when even the rarest word's start is in many rows by the statistics (``_pg_few``) —
        GIN would gather all of them first. SQLite's index lists a few cheaply: never."""
        return not is_sqlite() and not self.empty and bool(_pg_common()[0]) \
            and not _pg_few(self.toks, n)

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
        for lo, _ in self._ranges():
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
                # the stretch's rows read by the primary key, then tested: the GIN index would
                # first gather every row of the table holding a common word
                if b - a > 8 * len(ids) + 64:
                    rows, args = "id = ANY(%s)", [[lo + x for x in ids]]
                else:
                    rows, args = "id BETWEEN %s AND %s", [lo + a, lo + b]
                found = db.execute_sql(
                    f"WITH r AS MATERIALIZED (SELECT id, words FROM search_doc WHERE {rows}) "
                    f"SELECT id FROM r WHERE {cond}", args + params).fetchall()
            out.update(int(r[0]) - lo for r in found if int(r[0]) - lo in want)
        return out
