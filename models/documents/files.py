"""Files attached to documents: stored once by content, refused for secret documents, and
a document raised to secret loses its files."""
from __future__ import annotations

from pathlib import Path

from .. import audit, users
from ..db import db
from ..errors import NotFound, ValidationError
from ..filestore import FileStore, Staged
from ..text import nfc
from .common import SECRET_FILE_REFUSED, _now
from .orphans import remove_after_commit
from .records import Attachment, Incoming, Outgoing, StoredFile, index_incoming, index_outgoing


def read_pdf_info(path: Path | str) -> tuple[int | None, str]:
    """(page count, text layer) of a PDF; (None, "") for anything pypdf cannot read."""
    from .. import pdfinfo
    return pdfinfo.info(path)


def store_file(store: FileStore, path: Path | None, original_name: str, mime: str = "",
               pages: int | None = None, text: str = "", sha: str | None = None, *,
               staged: Staged | None = None) -> StoredFile:
    """Record a file in the store, once per content.

    The copy is staged (a temporary in the store, fsynced) before the write transaction, then
    linked into place inside it, after its row: a rollback or a crash leaves at worst a file no
    row points at, which ``remove_orphans`` removes, never a row without its file. A caller
    that runs its own transaction stages first (``store.staging``) and passes ``staged``."""
    if staged is None:
        assert path is not None          # the file to copy, when none is staged
        with store.staging(path, sha=sha) as st:
            return store_file(store, None, original_name, mime, pages, text, staged=st)
    with db.atomic():
        sf = StoredFile.get_or_none(StoredFile.sha256 == staged.sha)
        if sf is None:
            sf = StoredFile.create(sha256=staged.sha, rel_path=staged.rel, size=staged.size,
                                   mime=mime, pages=pages, text=nfc(text))
        store.link(staged, sf.rel_path)   # a missing or damaged copy is replaced here
        return sf


def attach(actor, doc, sf: StoredFile, original_name: str, *, new: bool = False) -> Attachment:
    """Attach a stored file to an incoming or outgoing document (several per document; the same
    content once per document). Refused for secret documents.

    The document is read again inside the write transaction (it may have been made secret
    since the caller read it) and its attachments looked up for the same file. ``new``: the
    caller registered ``doc`` in its own open transaction a moment ago (the scanner intake), so
    nothing can have changed it or attached anything to it: neither is done (two queries, a
    fifth of a scan's intake)."""
    users.require(actor, "documents.edit" if getattr(actor, "role", "") != "system" else "intake.run")
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    with db.atomic():
        model = Incoming if isinstance(doc, Incoming) else Outgoing
        d = doc if new else model.get_by_id(doc.id)
        if d.is_secret:
            raise ValidationError(SECRET_FILE_REFUSED, "attachment")
        owner = {"incoming": d} if model is Incoming else {"outgoing": d}
        fk = Attachment.incoming if model is Incoming else Attachment.outgoing
        existing = None if new else Attachment.get_or_none(
            (fk == d.id) & (Attachment.file == sf.id) & (Attachment.removed == False))  # noqa: E712
        if existing is not None:
            return existing
        a = Attachment.create(file=sf, sha256=sf.sha256, size=sf.size,
                              original_name=nfc(original_name), **owner)
        audit.log_change(actor, "create", a)
        # the file's text joins the document's in the search index; a scan without a text
        # layer adds none, and indexing the document again cost a twelfth of a scan's intake
        if sf.text:
            if isinstance(d, Incoming):
                index_incoming(d)
            else:
                index_outgoing(d)
        return a


def check_attachable(doc) -> None:
    """Raise the refusal (Vietnamese, field ``attachment``) when no file may be attached to
    ``doc`` — a secret document keeps metadata only. Lets a screen say so before asking for
    a file."""
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    if doc.status == "cancelled":
        raise ValidationError("Văn bản đã hủy, không đính kèm tệp được.", "attachment")


def attach_file(actor, store: FileStore, doc, path: Path | str,
                original_name: str | None = None) -> Attachment:
    """Store a file and attach it; the secret check comes first, so nothing is stored for a
    secret document. Page count and text layer are read from PDFs."""
    if doc.is_secret:
        raise ValidationError(SECRET_FILE_REFUSED, "attachment")
    users.require(actor, "documents.edit")
    path = Path(path)
    pages, text = read_pdf_info(path) if path.suffix.lower() == ".pdf" else (None, "")
    mime = "application/pdf" if path.suffix.lower() == ".pdf" else ""
    sf = store_file(store, path, original_name or path.name, mime=mime, pages=pages, text=text)
    return attach(actor, doc, sf, original_name or path.name)


def attachments(doc, include_removed: bool = False) -> list[Attachment]:
    fk = Attachment.incoming if isinstance(doc, Incoming) else Attachment.outgoing
    q = Attachment.select().where(fk == doc.id)
    if not include_removed:
        q = q.where(Attachment.removed == False)  # noqa: E712
    return list(q.order_by(Attachment.id))


def attachment_path(store: FileStore, att: Attachment) -> Path:
    if att.file is None:
        raise NotFound(f"Tệp “{att.original_name}” đã bị xóa khỏi kho ({att.removed_reason}).")
    return store.path(att.file.rel_path)


def attachment_info(store: FileStore, att: Attachment) -> tuple[Path, int | None, str]:
    """(path in the store, page count, extracted text); read from the PDF when not yet known."""
    p = attachment_path(store, att)
    sf = att.file
    assert sf is not None            # attachment_path refused a purged file
    if sf.pages is None and p.suffix.lower() == ".pdf" and p.exists():
        pages, text = read_pdf_info(p)
        with db.atomic():
            sf.pages, sf.text = pages, text or sf.text
            sf.save()
    return p, sf.pages, sf.text


def purge_secret_files(actor, doc, store: FileStore | None, reason: str = "") -> int:
    """Remove a secret document's files: the attachment rows are kept (name, checksum, why
    removed), the content leaves the store unless a non-secret document still uses it, and each
    removal is recorded in the audit log. The rows change in the caller's transaction; the files
    themselves are deleted only once it has committed (a rollback keeps them, a crash in between
    leaves orphans for ``remove_orphans``). Returns the number of attachments removed."""
    atts = attachments(doc)
    if not atts:
        return 0
    if store is None:
        raise ValueError("purge_secret_files needs the office's FileStore")
    removed = 0
    why = f"văn bản được đánh dấu {doc.secrecy}: không lưu tệp văn bản mật"
    with db.atomic():
        for a in atts:
            sf = a.file
            a.removed, a.removed_reason, a.removed_at, a.file = True, why, _now(), None
            a.save()
            removed += 1
            deleted = False
            if sf is not None:
                still_used = (Attachment.select().where((Attachment.file == sf.id)
                                                        & (Attachment.removed == False))  # noqa: E712
                              .exists())
                if not still_used:
                    _drop_stored_file(sf)
                    remove_after_commit(store, sf.rel_path)
                    deleted = True
            audit.append(actor, "purge_secret_file", "attachment", a.id,
                         {"original_name": a.original_name, "sha256": a.sha256},
                         {"removed": True, "file_deleted": deleted, "_reason": reason or why})
    return removed


def _drop_stored_file(sf: StoredFile) -> None:
    """Delete the row of a content no attachment uses any more. Records that point at it only
    to say where the content was (the scanner intake's ledger, which keeps the checksum so the
    same bytes stay a duplicate) let go of it first."""
    for field in sf._meta.backrefs:
        if field is not Attachment.file and field.null:
            field.model.update({field: None}).where(field == sf.id).execute()
    sf.delete_instance()
