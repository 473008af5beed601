"""Reading a printed PDF back, for every test that prints: page texts, and every piece of text
with its position."""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

MM = 72 / 25.4


@dataclass
class Piece:
    page: int          # 1-based
    x: float           # points from the left edge
    y: float           # points from the bottom edge
    text: str
    size: float


def pages(src) -> list[str]:
    """Each page's text, NFC, from the PDF's bytes or its path."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(src) if isinstance(src, (bytes, bytearray)) else str(src))
    return [unicodedata.normalize("NFC", p.extract_text() or "") for p in reader.pages]


def text(src) -> str:
    """The whole document's text, pages joined by a space."""
    return " ".join(pages(src))


def squash(s: str) -> str:
    return " ".join(s.split())


def pieces(data: bytes) -> list[Piece]:
    """Every text run with the user-space position where it starts (pypdf's visitor)."""
    from pypdf import PdfReader
    out: list[Piece] = []
    for n, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        def visit(text, cm, tm, font, size, n=n):
            if not text.strip():
                return
            # position = tm × cm
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append(Piece(n, x, y, unicodedata.normalize("NFC", text.strip()), size * tm[0]))
        page.extract_text(visitor_text=visit)
    return out


def page_size(data: bytes, page: int = 1) -> tuple[float, float]:
    from pypdf import PdfReader
    box = PdfReader(io.BytesIO(data)).pages[page - 1].mediabox
    return float(box.width), float(box.height)
