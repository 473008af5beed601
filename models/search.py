"""One search index over every register and the directory, over folded text.

Folding (models.text.fold) removes marks and folds đ→d, so "dang phi", "Đảng phí", "ĐẢNG PHÍ"
and an NFD "Đảng phí" find the same records. On SQLite the index is an FTS5 table whose rowid
encodes (kind, record id), so replacing one record's entry is a rowid lookup. On PostgreSQL the
same API runs over a plain table of folded text.

A register registers its kind once (``register_kind``) and calls ``index``/``remove`` when it
saves; ``query`` answers across kinds, ``ids`` within one.
"""
from __future__ import annotations

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


KINDS: dict[str, Kind] = {}


def register_kind(name: str, code: int, label: str) -> Kind:
    for k in KINDS.values():
        if k.code == code and k.name != name:
            raise ValueError(f"search kind code {code} already used by {k.name}")
    k = Kind(name, code, label)
    KINDS[name] = k
    return k


@dataclass
class Hit:
    kind: str
    ref: int
    title: str
    label: str


def install(database) -> None:
    if is_sqlite(database):
        database.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            "title UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')")
    else:
        database.execute_sql(
            "CREATE TABLE IF NOT EXISTS search_doc (id BIGINT PRIMARY KEY, title TEXT NOT NULL, "
            "body TEXT NOT NULL)")


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


def _range(kinds) -> tuple[int, int] | None:
    if not kinds:
        return None
    codes = [KINDS[k].code for k in kinds]
    if len(codes) != 1:
        return None
    return codes[0] * _STRIDE, (codes[0] + 1) * _STRIDE - 1


def _decode(rowid: int) -> tuple[str, int] | None:
    code, ref = divmod(int(rowid), _STRIDE)
    for k in KINDS.values():
        if k.code == code:
            return k.name, ref
    return None


def query(text: str, kinds: list[str] | None = None, limit: int = 50) -> list[Hit]:
    """Best matches first. Every word of ``text`` must match the start of a word."""
    toks = tokens(text)
    if not toks:
        return []
    codes = {KINDS[k].code for k in kinds} if kinds else None
    rng = _range(kinds)
    if is_sqlite():
        sql = "SELECT rowid, title FROM search_fts WHERE search_fts MATCH ?"
        params: list = [_fts_query(toks)]
        if rng:
            sql += " AND rowid BETWEEN ? AND ?"
            params += list(rng)
        sql += " ORDER BY rank LIMIT ?"
        params.append(limit if codes is None or rng else limit * 4)
    else:
        conds = " AND ".join(["(' ' || body) LIKE %s"] * len(toks))
        sql = f"SELECT id, title FROM search_doc WHERE {conds}"
        params = [f"% {t}%" for t in toks]
        if rng:
            sql += " AND id BETWEEN %s AND %s"
            params += list(rng)
        sql += " ORDER BY id DESC LIMIT %s"
        params.append(limit if codes is None or rng else limit * 4)
    hits: list[Hit] = []
    for rowid, title in db.execute_sql(sql, params).fetchall():
        dec = _decode(rowid)
        if dec is None:
            continue
        kind, ref = dec
        if codes is not None and KINDS[kind].code not in codes:
            continue
        hits.append(Hit(kind, ref, title, KINDS[kind].label))
        if len(hits) >= limit:
            break
    return hits


def ids(text: str, kind: str, limit: int = 10_000) -> list[int]:
    """Record ids of one kind matching ``text`` (for filtering a register list)."""
    return [h.ref for h in query(text, [kind], limit)]
