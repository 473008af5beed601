"""Helpers for the intake tests: real files of each kind, waiting, looking at the result."""
from __future__ import annotations

import struct
import threading
import os
import time
import zlib
from pathlib import Path

QUIET = 0.3          # short quiet time: the suite stays fast


# --- files of each kind -------------------------------------------------------------------------
def pdf_bytes(tag: str = "", pages: int = 1) -> bytes:
    """A small valid PDF, written by hand; ``tag`` makes its content (and SHA-256) unique."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    out = bytearray(b"%PDF-1.4\n%" + tag.encode("utf-8", "replace").replace(b"\n", b" ") + b"\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    """A PDF with a real text layer (ReportLab, Liberation Serif for Vietnamese letters)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    root = Path(__file__).resolve().parents[2]
    if "LS" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LS", str(root / "printouts/fonts/LiberationSerif-Regular.ttf")))
    c = canvas.Canvas(str(path))
    for p in range(pages):
        c.setFont("LS", 13)
        y = 800
        for line in (lines if p == 0 else [f"Trang {p + 1}"]):
            c.drawString(60, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def jpeg_bytes(tag: str = "") -> bytes:
    """Start-of-image, an APP0 segment carrying ``tag``, end-of-image (enough for the checks)."""
    payload = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + tag.encode()
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(payload) + 2) + payload + b"\xff\xd9"


def png_bytes(tag: str = "") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"tEXt", b"c\x00" + tag.encode())
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def tiff_bytes(tag: str = "", pages: int = 1, ifd_first: bool = False) -> bytes:
    """A little-endian baseline TIFF of ``pages`` 1×1 images. ``ifd_first``: IFDs before the
    image data, as some scanners write them (so a cut-off file has IFDs but not the data)."""
    data = [bytes([i % 256]) * 64 + tag.encode() for i in range(pages)]
    n_entries = 6
    ifd_size = 2 + n_entries * 12 + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    if ifd_first:
        ifd_offsets = [8 + i * ifd_size for i in range(pages)]
        data_start = 8 + pages * ifd_size
        data_offsets = []
        pos = data_start
        for d in data:
            data_offsets.append(pos)
            pos += len(d)
    else:
        data_offsets, ifd_offsets = [], []
        pos = 8
        for d in data:
            data_offsets.append(pos)
            pos += len(d)
        for i in range(pages):
            ifd_offsets.append(pos + i * ifd_size)
        out[4:8] = struct.pack("<I", ifd_offsets[0])
    ifds = bytearray()
    for i in range(pages):
        entries = [(256, 3, 1, 1), (257, 3, 1, 1), (258, 3, 1, 8), (262, 3, 1, 1),
                   (273, 4, 1, data_offsets[i]), (279, 4, 1, len(data[i]))]
        ifds += struct.pack("<H", n_entries)
        for tag_, typ, cnt, val in entries:
            ifds += struct.pack("<HHI", tag_, typ, cnt) + (struct.pack("<HH", val, 0) if typ == 3
                                                          else struct.pack("<I", val))
        ifds += struct.pack("<I", ifd_offsets[i + 1] if i + 1 < pages else 0)
    if ifd_first:
        out += ifds + b"".join(data)
    else:
        out += b"".join(data) + ifds
    return bytes(out)


def write_slowly(path: Path, data: bytes, chunks: int, pause: float, reopen: bool = True) -> float:
    """Write ``data`` in ``chunks`` parts with ``pause`` between them; returns the close time."""
    size = -(-len(data) // chunks)
    if reopen:
        for i in range(chunks):
            with open(path, "ab") as f:
                f.write(data[i * size:(i + 1) * size])
            if i < chunks - 1:
                time.sleep(pause)
    else:
        with open(path, "wb") as f:
            for i in range(chunks):
                f.write(data[i * size:(i + 1) * size])
                f.flush()
                if i < chunks - 1:
                    time.sleep(pause)
    return time.time()


# How long a test waits for what it expects before it fails. A safety net, not a speed limit:
# a loaded machine (CI, the suite run twice at once) may take many times the usual time, so the
# net is far above it; timings are measured in bench/, never asserted here.
PATIENCE = float(os.environ.get("VANPHONG_TEST_PATIENCE", "120"))


def wait_for(cond, timeout: float = 10.0, step: float = 0.05):
    """Wait until ``cond()`` is true. ``timeout`` says how long it usually takes at most; the
    wait goes on up to PATIENCE so a slow machine does not fail the test."""
    end = time.monotonic() + max(timeout, PATIENCE)
    while time.monotonic() < end:
        v = cond()
        if v:
            return v
        time.sleep(step)
    return cond()


# --- a running service --------------------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.events: list[tuple[float, str, str, int | None]] = []
        self.lock = threading.Lock()

    def __call__(self, kind, message, incoming_id):
        with self.lock:
            self.events.append((time.time(), kind, message, incoming_id))

    def of(self, *kinds) -> list[tuple]:
        with self.lock:
            return [e for e in self.events if e[1] in kinds]

    def count(self, *kinds) -> int:
        return len(self.of(*kinds))


def registered():
    from models import documents
    return list(documents.Incoming.select().order_by(documents.Incoming.arrival_no))


def ledger():
    from models import scans
    return list(scans.ScanIntake.select().order_by(scans.ScanIntake.id))


def inbox_files(inbox: Path) -> list[Path]:
    """Files still waiting in the inbox (not failed/, not parked)."""
    return sorted(p for p in inbox.rglob("*") if p.is_file()
                  and p.relative_to(inbox).parts[0] not in ("failed", ".processing"))
