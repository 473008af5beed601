"""Prefill: what can be guessed about a scan before the clerk looks at it.

* The sender, from the subfolder the scan was saved in (``Tỉnh ủy/scan001.pdf``): matched
  against the directory (``models.contacts``, ignoring case and accents) when it has that body,
  otherwise the folder name as written (NFC).
* From a PDF's text layer: the number and symbol (``Số 123-CV/TU``), the summary of a công văn
  (``V/v …``), the document date (``ngày 05 tháng 3 năm 2026``), the type from the symbol, and
  the page count. Scans without a text layer give only the page count.

Everything here is a guess for the clerk to confirm; nothing fails a scan except a PDF that
cannot be read at all.
"""
from __future__ import annotations

import datetime as _dt
import logging
import re
from pathlib import Path

from models import pdfinfo
from models.pdfinfo import PdfUnreadable as PdfUnreadable   # what read_pdf raises
from models.text import nfc

log = logging.getLogger("vanphong.intake")

MAX_SUMMARY = 500

# Party symbols "123-CV/TU", "15-BC/ĐU", "05-NQ/HU"; State symbols "12/QĐ-UBND", "45/UBND-VP"
_NUMBER_RE = re.compile(
    r"(?<!\w)S[ốỐ]\s*(?:[:.]\s*)?(?:ký hiệu\s*[:.]?\s*)?"
    r"(\d{1,5}[ \t]*[-/][ \t]*[A-Za-zĐđ][\wĐđ]*(?:[ \t]*[-/][ \t]*[A-Za-zĐđ0-9][\wĐđ]*)*)",
    re.UNICODE)
_VV_RE = re.compile(r"(?<!\w)V/v\b\s*[:.]?\s*(.+)", re.IGNORECASE)
_DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)

TYPE_NAMES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "KL": "Kết luận", "QC": "Quy chế",
    "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo", "KH": "Kế hoạch",
    "CTR": "Chương trình", "TTR": "Tờ trình", "CV": "Công văn", "BB": "Biên bản",
    "GGT": "Giấy giới thiệu", "QĐI": "Quy định",
}


# --- sender from the folder ----------------------------------------------------------------
def sender_from_folder(rel: Path) -> dict:
    """{'sender': …, 'sender_contact': …} from the top folder of ``rel``, or {}."""
    parts = rel.parts
    if len(parts) < 2:
        return {}
    folder = nfc(parts[0])
    if not folder:
        return {}
    try:
        from models import contacts
        resolve = getattr(contacts, "resolve", None)
    except ImportError:
        resolve = None
    if resolve is not None:
        try:
            c = resolve(None, folder)
        except Exception:   # a directory problem must never stop a scan
            log.exception("intake: directory lookup failed for %r", folder)
            c = None
        if c is not None:
            return {"sender": nfc(c.name), "sender_contact": c}
    return {"sender": folder}


# --- PDF --------------------------------------------------------------------------------------
TEXT_PAGES = 20     # the first pages are where a document's number, date and summary stand


def read_pdf(path: Path, max_pages: int = TEXT_PAGES) -> tuple[int, str]:
    """(page count, text of the first ``max_pages`` pages, for search and prefill). Raises
    PdfUnreadable when the file cannot be opened as a PDF."""
    return pdfinfo.read(path, max_pages)


def fields_from_text(text: str) -> dict:
    """doc_number, doc_type, doc_date, summary — whatever the text shows."""
    out: dict = {}
    t = nfc(text)
    if not t:
        return out
    m = _NUMBER_RE.search(t)
    if m:
        number = re.sub(r"[ \t]*([-/])[ \t]*", r"\1", m.group(1)).strip(" .,;")
        out["doc_number"] = number
        code = _type_code(number)
        if code and code.upper() in TYPE_NAMES:
            out["doc_type"] = TYPE_NAMES[code.upper()]
    m = _VV_RE.search(t)
    if m:
        out["summary"] = _summary(t, m)
        out.setdefault("doc_type", "Công văn")
    m = _DATE_RE.search(t)
    if m:
        try:
            out["doc_date"] = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    return out


def _type_code(number: str) -> str:
    # Party: 123-CV/TU -> CV ; State: 12/QĐ-UBND -> QĐ
    m = re.match(r"\d+-([^/]+)/", number)
    if m:
        return m.group(1)
    m = re.match(r"\d+/([^-/]+)-", number)
    return m.group(1) if m else ""


def _summary(text: str, m: re.Match) -> str:
    """'V/v …' with its continuation lines (until a blank line or what starts the body)."""
    first = m.group(1).strip()
    rest = text[m.end():].split("\n")[1:]
    lines = [first]
    for line in rest[:3]:
        s = line.strip()
        if not s or s[0].isupper() or s.startswith(("Kính gửi", "-", "–")):
            break
        lines.append(s)
    s = " ".join(lines)
    s = re.sub(r"\s+", " ", s).strip(" .")
    return ("V/v " + s)[:MAX_SUMMARY]


def prefill(rel: Path, kind: str, path: Path, *,
            verdict_pages: int | None = None) -> tuple[dict, int | None, str]:
    """(fields for register_incoming, pages, text layer). Raises PdfUnreadable."""
    fields = sender_from_folder(rel)
    text = ""
    pages = verdict_pages
    if kind == "pdf":
        pages, text = read_pdf(path)
        pages = pages or None
        for k, v in fields_from_text(text).items():
            fields.setdefault(k, v)
    return fields, pages, text
