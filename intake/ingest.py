"""Ingest: one claimed file → a registered incoming document, or ``failed/`` with its reason.

Order of work, chosen so that a crash at any point leaves either the file (still in the inbox,
perhaps parked in ``.processing/``) or a complete registration — never half of each, never two:

1. check the content again (it is ours now: no one else can have renamed it);
2. hash it (SHA-256) and read what can be prefilled (PDF text layer, page count);
3. copy it into the office's file store (temp file, fsync, rename: idempotent by content);
4. one write transaction: ledger check, register “Cần bổ sung” with the next arrival number,
   attach, ledger row (UNIQUE SHA-256) — ``models.scans.register_scans``; files settled at
   the same time share the transaction, each in a savepoint of its own;
5. only then remove the file from the inbox.

A crash before 4 commits: the file is still parked and is recovered at the next start. A crash
after 4 and before 5: the recovered file is found in the ledger under the same name and is just
removed. A refused file is moved into ``failed/`` (``failed/duplicates/`` for duplicates) with
``<name>.reason.txt`` beside it, and recorded for the dashboard.
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from models import scans
from models.errors import os_error_text
from models.filestore import FileStore, sha256_file
from models.pdfinfo import PdfUnreadable
from models.fsio import atomic_write_text, fsync_dir
from models.text import format_datetime

from . import content, filters, prefill
from . import strings as S
from .claim import Claimed, ClaimDir, unique_path
from .settle import stat_key

log = logging.getLogger("vanphong.intake")

PAUSE_ENV = "VANPHONG_INTAKE_TEST_PAUSE"    # "<point>:<seconds>" — tests kill the process there
PAUSE_POINTS = ("after_claim", "after_hash", "in_txn", "after_commit")
REASON_SUFFIX = ".reason.txt"


@dataclass
class Event:
    kind: str              # registered | rejected | duplicate | recovered | retry | left | info | error
    message: str
    incoming_id: int | None = None
    name: str = ""


class Transient(Exception):
    """Could not finish now (database busy or away, disk full): keep the file and try later."""


def _nfc_rel(rel: Path) -> Path:
    return Path(*[filters.nfc_name(p) for p in rel.parts])


def display_name(rel: Path) -> str:
    """A path in the inbox as people see it: NFC, with ``/``."""
    return filters.nfc_name(rel.as_posix())


class Ingester:
    def __init__(self, inbox: Path, store: FileStore, claims: ClaimDir):
        self.inbox = Path(inbox)
        self.store = store
        self.claims = claims
        self.failed = self.inbox / filters.FAILED_DIR
        self._pause = _parse_pause(os.environ.get(PAUSE_ENV, ""))

    # --- test hook -------------------------------------------------------------------------
    def _hook(self, point: str, name: str) -> None:
        if self._pause and self._pause[0] == point:
            print(f"VANPHONG_TEST_PAUSE {point} {name}", file=sys.stderr, flush=True)
            time.sleep(self._pause[1])

    # --- the work --------------------------------------------------------------------------
    def ingest(self, c: Claimed, arrived_at: _dt.datetime | None = None,
               expect: tuple | None = None) -> Event | None:
        """Take one claimed file in. Returns the event to report; None when the file turned out
        not to be ready after all (it was put back in the inbox to settle again).
        Raises Transient when the file stays claimed for a later try."""
        out = self.ingest_many([(c, arrived_at, expect)])[0]
        if isinstance(out, Exception):
            raise out
        return out

    def ingest_many(self, items: Sequence[tuple[Claimed, _dt.datetime | None, tuple | None]]
                    ) -> list[Event | None | Exception]:
        """Take several claimed files in, registered in one write transaction (each its own
        savepoint). Each file's outcome in its place: the Event to report, None (put back to
        settle again), Transient (stays claimed for a later try) or another exception (a bug or
        an odd file: the caller refuses the file). A database error makes every file of the
        batch Transient: none of them was registered."""
        out: list[Event | None | Exception] = [None] * len(items)
        ready: list[tuple[int, Claimed, scans.ScanFile]] = []
        for i, (c, arrived_at, expect) in enumerate(items):
            try:
                r = self._prepare(c, arrived_at, expect)
            except Exception as e:
                out[i] = e
                continue
            if isinstance(r, scans.ScanFile):
                ready.append((i, c, r))
            else:
                out[i] = r
        if not ready:
            return out
        try:
            results = self._register([f for _, _, f in ready])
        except Transient as e:
            for i, _, _ in ready:
                out[i] = e
            return out
        for (i, c, f), result in zip(ready, results, strict=True):
            try:
                out[i] = self._finish(c, f, result)
            except Exception as e:
                out[i] = e
        return out

    def _prepare(self, c: Claimed, arrived_at, expect) -> Event | None | scans.ScanFile:
        """Check, hash and read a claimed file: what to register, or the outcome already."""
        name = display_name(c.rel)
        self._hook("after_claim", name)
        try:
            st = os.lstat(c.path)
            if expect is not None and stat_key(st)[:2] != expect[:2]:
                self.claims.release(c)          # still being written after all
                return None
            v = content.check(c.path)
        except FileNotFoundError:
            self.claims.done(c)
            return None
        except OSError as e:
            return self.reject(c, "unreadable", S.REASON_UNREADABLE.format(error=os_error_text(e)))
        if v.state == "rejected":
            return self.reject(c, "unsupported", v.reason)
        if v.state == "incomplete":
            # still being written after all (or parked half-written by a crashed intake):
            # back to the inbox, to settle again
            self.claims.release(c)
            return None
        assert v.kind is not None           # a complete file is of a known kind
        if arrived_at is None:
            arrived_at = _dt.datetime.fromtimestamp(st.st_mtime).replace(microsecond=0)
        try:
            sha = sha256_file(c.path)
        except OSError as e:
            return self.reject(c, "unreadable", S.REASON_UNREADABLE.format(error=os_error_text(e)))
        self._hook("after_hash", name)
        try:
            fields, pages, text = prefill.prefill(c.rel, v.kind.name, c.path, verdict_pages=v.pages)
        except PdfUnreadable as e:
            return self.reject(c, "unreadable", S.REASON_PDF_BROKEN.format(error=e), sha=sha)
        fields["notes"] = S.NOTE.format(name=name)
        # a guess the register does not accept: register with the sender and note only
        keep = {k: fields[k] for k in ("sender", "sender_contact", "notes") if k in fields}
        return scans.ScanFile(c.path, sha, v.kind.name, v.kind.mime, v.kind.ext, name, arrived_at,
                              taken_by=self.claims.name, recovered=c.recovered, prefill=fields,
                              fallback=keep, pages=pages, text=text,
                              before_commit=lambda: self._hook("in_txn", name))

    def _register(self, files: list[scans.ScanFile]) -> list:
        from peewee import DatabaseError, InterfaceError
        try:
            return scans.register_scans(self.store, files)
        except (DatabaseError, InterfaceError) as e:   # locked too long, server away
            raise Transient(str(e)) from e
        except OSError as e:                           # store: disk full, not writable
            raise Transient(e.strerror or str(e)) from e

    def _finish(self, c: Claimed, f: scans.ScanFile, result) -> Event:
        """After the commit: remove the registered file from the inbox, or move it aside."""
        if isinstance(result, OSError):                # store: disk full, not writable
            raise Transient(result.strerror or str(result))
        if isinstance(result, Exception):              # refused even with the sender alone
            raise result
        name = f.name
        self._hook("after_commit", name)
        if result.outcome == "duplicate":
            return self._duplicate(c, f.sha, result.existing)
        self._remove(c)
        doc = result.incoming
        number = scans.number_label(doc) if doc is not None else "?"
        if result.outcome == "already":
            return Event("recovered", S.EV_RECOVERED.format(name=name, number=number),
                         doc.id if doc else None, name)
        return Event("registered", S.EV_REGISTERED.format(number=number, name=name,
                                                          extra=_extra(doc)), doc.id, name)

    def _remove(self, c: Claimed) -> None:
        try:
            os.unlink(c.path)
        except FileNotFoundError:
            pass
        self.claims.done(c)

    def _duplicate(self, c: Claimed, sha: str, ex: scans.Existing | None) -> Event:
        name = display_name(c.rel)
        doc = ex.incoming if ex else None
        if doc is not None and doc.is_secret:
            return self._secret_duplicate(c, sha, doc)
        if doc is not None:
            assert ex is not None
            reason = S.REASON_DUPLICATE.format(number=scans.number_label(doc),
                                               when=format_datetime(ex.when), name=ex.name,
                                               sha_short=sha[:12])
        else:
            reason = S.REASON_DUPLICATE_FILE.format(sha_short=sha[:12])
        where = self._to_failed(c, reason, duplicates=True)
        self._record(name, "duplicate", reason, where, sha, doc)
        wh = self._where(where)
        if doc is not None:
            return Event("duplicate", S.EV_DUPLICATE.format(name=name, number=scans.number_label(doc),
                                                            where=wh), doc.id, name)
        return Event("duplicate", S.EV_DUPLICATE_FILE.format(name=name, where=wh), None, name)

    def _secret_duplicate(self, c: Claimed, sha: str, doc) -> Event:
        """The same bytes as a document since marked secret: a secret document keeps no file on
        this computer, so the copy is deleted rather than parked in failed/ — and still
        refused and recorded as a duplicate."""
        name = display_name(c.rel)
        number = scans.number_label(doc)
        self._remove(c)
        fsync_dir(c.path.parent)
        reason = S.REASON_DUPLICATE_SECRET.format(number=number, sha_short=sha[:12])
        self._record(name, "duplicate", reason, "", sha, doc)
        return Event("duplicate", S.EV_DUPLICATE_SECRET.format(name=name, number=number),
                     doc.id, name)

    def reject(self, c: Claimed, kind: str, reason: str, sha: str | None = None) -> Event:
        """Move a claimed file to failed/ with its reason; record it for the dashboard."""
        name = display_name(c.rel)
        if kind == "unsupported" and reason == S.REASON_EMPTY:
            kind = "empty"
        where = self._to_failed(c, reason)
        self._record(name, kind, reason, where, sha, None)
        return Event("rejected", S.EV_REJECTED.format(name=name, reason=reason,
                                                      where=self._where(where)), None, name)

    def _where(self, p: Path) -> str:
        try:
            return filters.nfc_name(p.relative_to(self.inbox).parent.as_posix()) + "/"
        except ValueError:
            return str(p.parent)

    def _to_failed(self, c: Claimed, reason: str, duplicates: bool = False) -> Path:
        base = self.failed / filters.DUPLICATES_DIR if duplicates else self.failed
        target = unique_path(base / _nfc_rel(c.rel), reserve=len(REASON_SUFFIX.encode()))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(c.path, target)
        self.claims.done(c)
        try:
            atomic_write_text(target.with_name(target.name + REASON_SUFFIX),
                              S.REASON_FILE.format(name=display_name(c.rel),
                                                   when=format_datetime(_dt.datetime.now()),
                                                   reason=reason))
        except OSError:
            log.exception("intake: could not write the reason beside %s", target)
        return target

    def _record(self, name, kind, reason, where, sha, doc) -> None:
        try:
            scans.record_rejection(name, kind, reason, where, sha=sha, duplicate_of=doc)
        except Exception:   # the file is safe in failed/ with its reason; the list can miss it
            log.exception("intake: could not record the refusal of %s", name)


def _extra(doc) -> str:
    bits = []
    if doc.pages:
        bits.append(S.EXTRA_PAGES.format(pages=doc.pages))
    if doc.sender:
        bits.append(S.EXTRA_SENDER.format(sender=doc.sender))
    if doc.doc_number:
        bits.append(S.EXTRA_NUMBER.format(doc_number=doc.doc_number))
    return f" ({', '.join(bits)})" if bits else ""


def _parse_pause(value: str) -> tuple[str, float] | None:
    if not value or ":" not in value:
        return None
    point, _, secs = value.partition(":")
    try:
        return point.strip(), float(secs)
    except ValueError:
        return None
