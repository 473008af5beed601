"""What a file is (by its first bytes, never its name) and whether it has been written to the end.

Accepted kinds: PDF, JPEG, PNG, TIFF. A file is *complete* when its format's end is there:
a PDF ends with ``%%EOF`` (PDF white space may follow), a JPEG with the FFD9 end marker, a PNG
with its IEND chunk, and a TIFF has a header and a chain of IFDs that can be read, whose
image data lies inside the file. A scanner that closes the file between pages leaves it
incomplete for a while; the settle step keeps waiting for such a file.

Pure functions over a path; nothing here touches the database or moves files.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from . import strings as S

HEAD_BYTES = 1024
TAIL_BYTES = 2048


@dataclass(frozen=True)
class Kind:
    name: str       # pdf | jpeg | png | tiff
    mime: str
    ext: str        # stored file extension, with dot
    label: str      # shown to people


PDF = Kind("pdf", "application/pdf", ".pdf", "PDF")
JPEG = Kind("jpeg", "image/jpeg", ".jpg", "JPEG")
PNG = Kind("png", "image/png", ".png", "PNG")
TIFF = Kind("tiff", "image/tiff", ".tif", "TIFF")
KINDS = (PDF, JPEG, PNG, TIFF)

_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_PDF_WS = b" \t\r\n\x0c\x00"


@dataclass(frozen=True)
class Verdict:
    """The outcome of looking at a file.

    ``state`` is ``complete``, ``incomplete`` (may still be written: wait) or ``rejected``
    (can never be accepted). ``reason`` says why in Vietnamese when not complete.
    """
    state: str
    kind: Kind | None = None
    reason: str = ""
    pages: int | None = None
    size: int = 0

    @property
    def complete(self) -> bool:
        return self.state == "complete"


def sniff(head: bytes) -> Kind | None:
    """The kind of a file from its first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_PNG_SIG):
        return PNG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    # the PDF header may follow some junk within the first 1024 bytes (PDF 32000-1, annex H)
    if b"%PDF-" in head[:HEAD_BYTES]:
        return PDF
    return None


_SIGNATURES = (b"\xff\xd8\xff", _PNG_SIG, b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+", b"%PDF-")


def _looks_unwritten(head: bytes) -> bool:
    """Too short to tell yet (the start of a signature), or starting with zeros: a writer that
    set the size first (SMB copies do) and has not written the start yet."""
    n = min(len(head), 8)
    if head[:n] == b"\x00" * n:
        return True
    return len(head) < 8 and any(sig.startswith(head) for sig in _SIGNATURES)


def check(path: str | os.PathLike) -> Verdict:
    """Look at ``path``. OSError (gone, unreadable) propagates to the caller."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        size = st.st_size
        if size == 0:
            return Verdict("incomplete", None, S.REASON_EMPTY, size=0)
        head = f.read(HEAD_BYTES)
        kind = sniff(head)
        if kind is None:
            if _looks_unwritten(head):
                return Verdict("incomplete", None, S.REASON_UNWRITTEN, size=size)
            return Verdict("rejected", None, S.REASON_UNSUPPORTED, size=size)
        if kind is TIFF:
            ok, reason, pages = _tiff_structure(f, size)
            return Verdict("complete" if ok else "incomplete", kind, reason, pages, size)
        f.seek(max(0, size - TAIL_BYTES))
        tail = f.read(TAIL_BYTES)
    if kind is PDF:
        ok = _pdf_ends(tail)
        return Verdict("complete" if ok else "incomplete", kind, "" if ok else S.REASON_PDF_NO_EOF,
                       None, size)
    if kind is JPEG:
        ok = tail.rstrip(b"\x00").endswith(b"\xff\xd9")
        return Verdict("complete" if ok else "incomplete", kind, "" if ok else S.REASON_JPEG_NO_EOI,
                       1, size)
    ok = tail.rstrip(b"\x00").endswith(_PNG_IEND)
    return Verdict("complete" if ok else "incomplete", kind, "" if ok else S.REASON_PNG_NO_IEND, 1, size)


def _pdf_ends(tail: bytes) -> bool:
    t = tail.rstrip(_PDF_WS)
    return t.endswith(b"%%EOF")


# --- TIFF ------------------------------------------------------------------------------------
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8,
               13: 4, 16: 8, 17: 8, 18: 8}
_OFFSET_TAGS = {273: 279, 324: 325}      # StripOffsets -> StripByteCounts, TileOffsets -> TileByteCounts
_MAX_IFDS = 10_000


def _tiff_structure(f, size: int) -> tuple[bool, str, int | None]:
    """Walk the IFD chain; every IFD and every strip/tile must lie inside the file."""
    f.seek(0)
    hdr = f.read(16)
    if len(hdr) < 8:
        return False, S.REASON_TIFF_BROKEN, None
    e = "<" if hdr[:2] == b"II" else ">"
    big = struct.unpack(e + "H", hdr[2:4])[0] == 43
    if big:
        if len(hdr) < 16:
            return False, S.REASON_TIFF_BROKEN, None
        offset = struct.unpack(e + "Q", hdr[8:16])[0]
        # entry count, entry size, offset format/size (= inline value size), value count format
        cnt_fmt, cnt_size, ent_size, off_fmt, off_size, vcount_fmt = "Q", 8, 20, "Q", 8, "Q"
    else:
        offset = struct.unpack(e + "I", hdr[4:8])[0]
        cnt_fmt, cnt_size, ent_size, off_fmt, off_size, vcount_fmt = "H", 2, 12, "I", 4, "I"
    vcount_size = off_size
    inline = off_size
    pages = 0
    seen: set[int] = set()
    while offset:
        if offset in seen or pages >= _MAX_IFDS:
            return False, S.REASON_TIFF_BROKEN, None
        seen.add(offset)
        if offset + cnt_size > size:
            return False, S.REASON_TIFF_BROKEN, None
        f.seek(offset)
        n = struct.unpack(e + cnt_fmt, f.read(cnt_size))[0]
        end = offset + cnt_size + n * ent_size + off_size
        if n == 0 or end > size:
            return False, S.REASON_TIFF_BROKEN, None
        raw = f.read(n * ent_size + off_size)
        values: dict[int, list[int]] = {}
        for i in range(n):
            ent = raw[i * ent_size:(i + 1) * ent_size]
            tag, typ = struct.unpack(e + "HH", ent[:4])
            count = struct.unpack(e + vcount_fmt, ent[4:4 + vcount_size])[0]
            if tag not in _OFFSET_TAGS and tag not in _OFFSET_TAGS.values():
                continue
            if typ not in (3, 4, 16) or count > 1_000_000:
                return False, S.REASON_TIFF_BROKEN, None
            isz = _TYPE_SIZES[typ]
            data_at = 4 + vcount_size
            blob = ent[data_at:data_at + inline]
            nbytes = isz * count
            if nbytes > inline:
                where = struct.unpack(e + off_fmt, blob)[0]
                if where + nbytes > size:
                    return False, S.REASON_TIFF_BROKEN, None
                f.seek(where)
                blob = f.read(nbytes)
            fmt = {3: "H", 4: "I", 16: "Q"}[typ]
            values[tag] = list(struct.unpack(e + fmt * count, blob[:nbytes]))
        for off_tag, cnt_tag in _OFFSET_TAGS.items():
            offs, cnts = values.get(off_tag), values.get(cnt_tag)
            if offs is None:
                continue
            if cnts is None or len(cnts) != len(offs):
                return False, S.REASON_TIFF_BROKEN, None
            if any(o + c > size for o, c in zip(offs, cnts, strict=True)):
                return False, S.REASON_TIFF_BROKEN, None
        if 273 not in values and 324 not in values:
            return False, S.REASON_TIFF_BROKEN, None
        pages += 1
        offset = struct.unpack(e + off_fmt, raw[n * ent_size:n * ent_size + off_size])[0]
    if pages == 0:
        return False, S.REASON_TIFF_BROKEN, None
    return True, "", pages
