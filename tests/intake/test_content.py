"""content: the kind of a file by its bytes, and whether it has been written to the end."""
from __future__ import annotations

import pytest

from intake import content
from intake import strings as S
from intake_helpers import jpeg_bytes, pdf_bytes, png_bytes, text_pdf, tiff_bytes


def check(tmp_path, data: bytes, name: str = "f.bin"):
    p = tmp_path / name
    p.write_bytes(data)
    return content.check(p)


@pytest.mark.parametrize("data,kind", [
    (pdf_bytes("a"), content.PDF), (jpeg_bytes("a"), content.JPEG), (png_bytes("a"), content.PNG),
    (tiff_bytes("a"), content.TIFF),
])
def test_each_accepted_kind_is_known_by_its_bytes_whatever_its_name(tmp_path, data, kind):
    v = check(tmp_path, data, "scan.docx")
    assert v.state == "complete" and v.kind is kind


def test_a_pdf_is_complete_only_with_its_end_marker(tmp_path):
    data = pdf_bytes("x")
    assert check(tmp_path, data).complete
    assert check(tmp_path, data.rstrip(b"\n") + b"\r\n  \n\x00").complete   # PDF white space after
    cut = check(tmp_path, data[:-8])
    assert cut.state == "incomplete" and cut.reason == S.REASON_PDF_NO_EOF
    # an incremental update being appended after an earlier %%EOF is not finished
    assert check(tmp_path, data + b"4 0 obj\n<< /Length 9").state == "incomplete"


def test_a_real_multi_page_pdf_is_complete(tmp_path):
    p = text_pdf(tmp_path / "t.pdf", ["Số 1-CV/TU"], pages=3)
    assert content.check(p).complete


def test_jpeg_needs_its_end_marker_png_its_iend_chunk(tmp_path):
    assert check(tmp_path, jpeg_bytes("j")[:-2]).reason == S.REASON_JPEG_NO_EOI
    assert check(tmp_path, jpeg_bytes("j") + b"\x00\x00").complete        # zero padding
    assert check(tmp_path, png_bytes("p")[:-12]).reason == S.REASON_PNG_NO_IEND
    assert check(tmp_path, png_bytes("p")[:-3]).state == "incomplete"


@pytest.mark.parametrize("ifd_first", [False, True])
def test_tiff_needs_readable_ifds_and_its_image_data(tmp_path, ifd_first):
    data = tiff_bytes("t", pages=3, ifd_first=ifd_first)
    v = check(tmp_path, data)
    assert v.complete and v.pages == 3
    for cut in (8, len(data) // 2, len(data) - 1):
        v = check(tmp_path, data[:cut])
        assert v.state == "incomplete", cut
        assert v.reason == S.REASON_TIFF_BROKEN


def test_big_endian_tiff_header_is_known(tmp_path):
    assert content.sniff(b"MM\x00*\x00\x00\x00\x08") is content.TIFF


def test_empty_zero_filled_and_just_started_files_wait(tmp_path):
    assert check(tmp_path, b"").reason == S.REASON_EMPTY
    assert check(tmp_path, b"\x00" * 4096).state == "incomplete"       # size set first (SMB)
    assert check(tmp_path, b"%PD").state == "incomplete"               # only the first bytes yet


def test_anything_else_is_refused_at_once(tmp_path):
    for data in (b"PK\x03\x04 a docx or zip", b"hello\n", "Văn bản".encode(), b"GIF89a......"):
        v = check(tmp_path, data)
        assert v.state == "rejected" and v.reason == S.REASON_UNSUPPORTED
