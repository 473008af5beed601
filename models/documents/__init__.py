"""Incoming and outgoing documents, their attachments and numbering.

This package holds the registers' data and the functions that change them; every change is
checked against the actor's role, runs in one write transaction and lands in the audit log.
Callers use ``from models import documents; documents.X``: every public name is here.

  common      vocabulary (urgency, secrecy, status keys), settings, input helpers
  records     the tables, fetching one, who may see it, what the audit log and index keep
  files       attachments: stored once by content, refused for secret documents
  orphans     stored files no row points at, found and removed
  types       the document types (tên loại) and their abbreviations
  incoming    sổ văn bản đến          outgoing    sổ văn bản đi
  lists       the two registers as lists, their search hits, Hôm nay panels and figures

Working days and holidays are the office's calendar (``models.calendar``).

Incoming (sổ đăng ký văn bản đến): arrival numbers are consecutive and restart each year
(setting ``incoming.number_reset_yearly``); a status walks chờ xử lý → đang xử lý → đã xử lý →
lưu hồ sơ and every step is kept with its date; corrections keep the old values and a reason in
the audit log; a cancelled entry keeps its number.

Outgoing (sổ đăng ký văn bản đi): each (body, type, term) is numbered from 01 for the whole term
(nhiệm kỳ), not per year; congress documents share one series. A number is first reserved, then
the document is issued once the nine mandatory elements are there; a reserved number not used is
cancelled with a reason and never given again.

Secrets: a Mật / Tối mật / Tuyệt mật document keeps metadata only; files are refused, and a
document marked secret later loses its stored files (recorded in the audit log). An outgoing
secret document keeps no text (its content stays on paper). A secret document's protected fields
(PROTECTED: summary, content, notes) never reach the audit log (written "đã ẩn" with a digest)
nor the search index (which holds only its number, type, sender or signer and recipients); a
document raised to secret has them hidden in the entries written before, too.
"""
# ruff: noqa: F401  (the package re-exports its modules' public names)
from __future__ import annotations

from .common import (AUTHORITY, CONGRESS_SERIES, DEFAULT_DOC_TYPES, FORBIDDEN_TYPE_CODES,
                     INCOMING_STATUS, OPEN_STATUSES, OUTGOING_STATUS, PROTECTED, SECRECY,
                     SECRET_BOOK, SECRET_FILE_REFUSED, SECRET_LEVELS, SECRET_TEXT_REFUSED,
                     STATUS_FLOW, URGENCY, _as_date, _as_int, is_secret)
from .files import (attach, attach_file, attachment_info, attachment_path, attachments,
                    check_attachable, purge_secret_files, read_pdf_info, store_file)
from .incoming import (arrival_book, cancel_incoming, complete_details, is_overdue,
                       late_registration_warning, next_arrival_number, register_incoming,
                       set_status, status_history, transfer, update_incoming)
from .lists import IncomingSource, OutgoingSource, shown_summary
from .orphans import ORPHAN_TEMP_AGE, Orphan, find_orphans, remove_after_commit, remove_orphans
from .outgoing import (SIGNATURE_FIELDS, cancel_outgoing, check_may_sign, issue_outgoing,
                       make_symbol, missing_elements, next_outgoing_number, next_symbol,
                       record_signature, register_outgoing, reserve_number, signature_refusal,
                       update_outgoing)
from .records import (REGISTER_MODELS, Attachment, DocType, Incoming, IncomingStatusChange,
                      Outgoing, OutgoingRecipient, StoredFile, get_incoming, get_outgoing,
                      index_incoming, index_outgoing, install, require_visible, visible,
                      visible_only)
from .types import (INCOMING_EXTRA_TYPES, add_doc_type, find_doc_type, get_doc_type,
                    incoming_type_names, list_doc_types, update_doc_type)
