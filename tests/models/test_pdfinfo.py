"""One PDF reader for attachments and scans: page count and text layer, the same wherever a PDF
comes in; a scanner's image-only pages give their count and no text."""
from __future__ import annotations

from pathlib import Path

import pytest

from intake import prefill
from models import documents, pdfinfo


def scan_pdf(path: Path, pages: int) -> Path:
    """A PDF as a scanner writes it: each page one JPEG image, no font, no text layer."""
    img = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8 + b"\xff\xd9"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{3 + 3 * i} 0 R' for i in range(pages))}] "
            f"/Count {pages} >>".encode()]
    for i in range(pages):
        im = 5 + 3 * i
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                    f"<< /XObject << /Im0 {im} 0 R >> >> /Contents {4 + 3 * i} 0 R >>".encode())
        draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
        objs.append(f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream")
        objs.append(f"<< /Type /XObject /Subtype /Image /Width 64 /Height 32 /ColorSpace "
                    f"/DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {len(img)} >>"
                    f"\nstream\n".encode() + img + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{n} 0 obj\n".encode() + o + b"\nendobj\n"
    x = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offs)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def reportlab_pdf(path: Path, *, in_form: bool = False, pages: int = 1) -> Path:
    """Vietnamese text drawn on the page, or inside a form XObject (a letterhead drawn once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    root = Path(__file__).resolve().parents[2]
    if "LS" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LS", str(root / "printouts/fonts/LiberationSerif-Regular.ttf")))
    c = canvas.Canvas(str(path))
    if in_form:
        c.beginForm("head")
        c.setFont("LS", 13)
        c.drawString(60, 800, "ĐẢNG BỘ HUYỆN YÊN SƠN")
        c.endForm()
        c.doForm("head")
    else:
        c.setFont("LS", 13)
        c.drawString(60, 800, "ĐẢNG BỘ HUYỆN YÊN SƠN")
    c.showPage()
    for n in range(2, pages + 1):
        c.setFont("LS", 13)
        c.drawString(60, 800, f"Trang {n}")
        c.showPage()
    c.save()
    return path


def test_a_scan_gives_its_page_count_and_no_text(tmp_path):
    p = scan_pdf(tmp_path / "scan.pdf", pages=3)
    assert pdfinfo.read(p) == (3, "")
    assert documents.read_pdf_info(p) == (3, "")
    assert prefill.read_pdf(p) == (3, "")


@pytest.mark.parametrize("in_form", [False, True])
def test_text_on_the_page_or_inside_a_form_is_read(tmp_path, in_form):
    p = reportlab_pdf(tmp_path / "cv.pdf", in_form=in_form)
    pages, text = pdfinfo.read(p)
    assert pages == 1 and "ĐẢNG BỘ HUYỆN YÊN SƠN" in text
    assert documents.read_pdf_info(p) == prefill.read_pdf(p) == (pages, text)


def test_only_the_first_pages_give_text(tmp_path):
    p = reportlab_pdf(tmp_path / "long.pdf", pages=4)
    pages, text = pdfinfo.read(p, max_pages=2)
    assert pages == 4 and "Trang 2" in text and "Trang 3" not in text


def test_an_unreadable_file(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\ngarbage garbage\n%%EOF\n")
    with pytest.raises(pdfinfo.PdfUnreadable):
        pdfinfo.read(p)
    with pytest.raises(prefill.PdfUnreadable):
        prefill.read_pdf(p)
    assert pdfinfo.info(p) == documents.read_pdf_info(p) == (None, "")
