"""One write path for a change to one record, so each area says only what differs.

Every change to a record takes the same steps: the actor's permission, the reason (NFC, refused
when empty where one is needed), one write transaction (IMMEDIATE on SQLite), the record read
fresh inside it, its values before, the change itself, save, the audit entry, the search index.

    with writes.change(actor, "documents.edit", lambda: get_thing(thing_id), "cancel",
                       reason=reason, reason_missing="Hủy … cần ghi lý do.",
                       index=index_thing) as c:
        if c.record.status == "cancelled":
            raise ValidationError("… đã hủy.", "status")
        c.record.status, c.record.cancel_reason = "cancelled", c.reason
    return c.record

``get_or_refuse`` is the other half every area repeats: a row by its id, or the area's own
"not found" sentence.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, TypeVar

from . import audit, users
from .db import db
from .errors import NotFound, ValidationError
from .text import nfc

M = TypeVar("M")


def get_or_refuse(model: type[M], record_id: Any, message: str) -> M:
    """The row of ``model`` whose id is ``record_id``; NotFound(``message``) when there is none."""
    row = model.get_or_none(model.id == record_id)      # type: ignore[attr-defined]
    if row is None:
        raise NotFound(message)
    return row


@dataclass
class Change:
    record: Any          # the row, read inside the transaction
    before: dict         # its values before the change (audit.snapshot)
    reason: str          # the reason given, NFC ("" when none was asked for)


@contextmanager
def change(actor, permission: str, fetch: Callable[[], Any], action: str, *,
           reason: str | None = None, reason_missing: str = "",
           log: Callable[..., None] | None = None,
           index: Callable[[Any], None] | None = None) -> Iterator[Change]:
    """Check ``permission`` and the reason (``reason_missing``: the refusal when it is empty),
    open the write transaction, read the record (``fetch()``) and keep its values; the body
    checks and changes ``record``; then it is saved, logged as ``action`` (``log(actor, action,
    record, before)``, audit.log_change unless the area hides fields) and re-indexed
    (``index(record)``). An exception in the body rolls everything back."""
    users.require(actor, permission)
    why = nfc(reason) if reason is not None else ""
    if reason_missing and not why:
        raise ValidationError(reason_missing, "reason")
    with db.atomic():
        record = fetch()
        c = Change(record, audit.snapshot(record), why)
        yield c
        record.save()
        (log or audit.log_change)(actor, action, record, c.before)
        if index is not None:
            index(record)


def linked_record(model: type[M], value: Any, field: str, missing: str,
                  secret: str | None = None) -> M | None:
    """The record a form links to (a row or its id; None for nothing chosen), refused at
    ``field`` with ``missing`` when it does not exist, and with ``secret`` (when given) when it
    is a secret document this link may not point at."""
    if value in (None, "", 0):
        return None
    obj = value if isinstance(value, model) else model.get_or_none(  # type: ignore[attr-defined]
        model.id == int(value))                                     # type: ignore[attr-defined]
    if obj is None:
        raise ValidationError(missing, field)
    if secret is not None and getattr(obj, "is_secret", False):
        raise ValidationError(secret, field)
    return obj
