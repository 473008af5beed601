"""What the office reads from a PDF: its page count and its text layer (for search and prefill).

One reader for every caller (an attachment added by hand, a scan from the scanner folder), so a
PDF gives the same page count and the same text wherever it comes in. pypdf is imported on the
first PDF, not with the models.

Only what is needed is read: the page tree for the count, and the text of the pages that can
show text at all. A scanner's page is one image; a page whose resources name no font and hold
no form (a drawing that could carry its own fonts) has no text to extract, so its content is
not parsed — that is most of the cost of a scan.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .text import nfc

log = logging.getLogger("vanphong.pdf")

TEXT_PAGES = 50     # text is read from this many first pages at most


class PdfUnreadable(Exception):
    """pypdf cannot open the file or find its pages."""


def read(path: Path | str, max_pages: int = TEXT_PAGES) -> tuple[int, str]:
    """(page count, NFC text of the first ``max_pages`` pages). Raises PdfUnreadable when the
    file cannot be opened as a PDF; a page whose text cannot be extracted gives no text."""
    from pypdf import PdfReader      # lazy: only when a PDF is looked at
    try:
        r = PdfReader(str(path), strict=False)
        pages = len(r.pages)
    except Exception as e:
        raise PdfUnreadable(str(e) or type(e).__name__) from e
    chunks = []
    for i in range(min(pages, max_pages)):
        try:
            page = r.pages[i]
            if _may_show_text(page):
                chunks.append(page.extract_text() or "")
        except Exception:   # text is a bonus; an odd font must not lose the page count
            log.debug("no text from page %d of %s", i + 1, path, exc_info=True)
    return pages, nfc("\n".join(chunks))


def info(path: Path | str, max_pages: int = TEXT_PAGES) -> tuple[int | None, str]:
    """``read``, but (None, "") for a file that is not a readable PDF: no info rather than an
    error."""
    try:
        return read(path, max_pages)
    except PdfUnreadable:
        return None, ""


def _may_show_text(page) -> bool:
    """Whether the page's resources name a font or hold a form XObject (which has resources of
    its own). An image-only page (a scan) does not."""
    res = page.get("/Resources")
    if res is None:
        return False
    res = res.get_object()
    if "/Font" in res:
        return True
    xobjects = res.get("/XObject")
    if xobjects is None:
        return False
    xobjects = xobjects.get_object()
    for ref in xobjects.values():
        if ref.get_object().get("/Subtype") != "/Image":
            return True     # a form (or something odd): let pypdf look inside
    return False
