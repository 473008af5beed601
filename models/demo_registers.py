"""Demo data for the registers: a directory of 40 bodies and people, about 300 incoming
documents over the past year, 120 outgoing ones over the term, dossiers, seal uses and a seal
handover. Seeded, so every demo office is the same; all in one transaction (a few seconds)."""
from __future__ import annotations

import datetime as _dt

from . import contacts, demo, documents, dossiers, seal
from .db import db
from .office import get_office

DIRECTORY = [
    # (kind, group, name, abbr, position, organisation, phone)
    ("body", "superior", "Tỉnh ủy Tuyên Quang", "TU", "", "", "0207 3822 101"),
    ("body", "superior", "Văn phòng Tỉnh ủy Tuyên Quang", "VPTU", "", "", "0207 3822 102"),
    ("body", "superior", "Ban Tổ chức Tỉnh ủy Tuyên Quang", "BTCTU", "", "", "0207 3822 115"),
    ("body", "superior", "Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang", "BTGDVTU", "", "", "0207 3822 118"),
    ("body", "superior", "Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang", "UBKTTU", "", "", "0207 3822 120"),
    ("body", "superior", "Đảng ủy Ủy ban nhân dân tỉnh Tuyên Quang", "ĐU UBND tỉnh", "", "", "0207 3822 125"),
    ("body", "superior", "Trường Chính trị tỉnh Tuyên Quang", "TCT", "", "", "0207 3822 130"),
    ("body", "party", "Chi bộ thôn Đồng Tâm", "CB Đồng Tâm", "", "", ""),
    ("body", "party", "Chi bộ thôn Tân Thành", "CB Tân Thành", "", "", ""),
    ("body", "party", "Chi bộ thôn Làng Mới", "CB Làng Mới", "", "", ""),
    ("body", "party", "Chi bộ thôn Khuôn Khoai", "CB Khuôn Khoai", "", "", ""),
    ("body", "party", "Chi bộ Trường THCS Tân Lập", "CB THCS", "", "", ""),
    ("body", "party", "Chi bộ Trường Tiểu học Tân Lập", "CB TH", "", "", ""),
    ("body", "party", "Chi bộ Trạm Y tế xã Tân Lập", "CB Y tế", "", "", ""),
    ("body", "party", "Chi bộ Công an xã Tân Lập", "CB Công an", "", "", ""),
    ("body", "government", "Hội đồng nhân dân xã Tân Lập", "HĐND xã", "", "", "0207 3866 001"),
    ("body", "government", "Ủy ban nhân dân xã Tân Lập", "UBND xã", "", "", "0207 3866 002"),
    ("body", "government", "Ủy ban nhân dân tỉnh Tuyên Quang", "UBND tỉnh", "", "", "0207 3822 200"),
    ("body", "government", "Sở Nội vụ tỉnh Tuyên Quang", "SNV", "", "", "0207 3822 210"),
    ("body", "government", "Công an xã Tân Lập", "CA xã", "", "", "0207 3866 113"),
    ("body", "government", "Ban Chỉ huy Quân sự xã Tân Lập", "BCHQS", "", "", "0207 3866 114"),
    ("body", "government", "Trạm Y tế xã Tân Lập", "TYT", "", "", "0207 3866 115"),
    ("body", "mass", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập", "MTTQ xã", "", "", "0207 3866 010"),
    ("body", "mass", "Hội Liên hiệp Phụ nữ xã Tân Lập", "Hội LHPN", "", "", ""),
    ("body", "mass", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập", "Đoàn xã", "", "", ""),
    ("body", "mass", "Hội Nông dân xã Tân Lập", "Hội ND", "", "", ""),
    ("body", "mass", "Hội Cựu chiến binh xã Tân Lập", "Hội CCB", "", "", ""),
    ("body", "mass", "Hội Người cao tuổi xã Tân Lập", "Hội NCT", "", "", ""),
    ("person", "member", "Phạm Văn Đức", "", "Bí thư Đảng ủy", "Đảng ủy xã Tân Lập", "0912 345 601"),
    ("person", "member", "Nguyễn Thị Thu Hà", "",
     "Phó Bí thư Thường trực Đảng ủy", "Đảng ủy xã Tân Lập", "0912 345 602"),
    ("person", "member", "Lê Minh Tuấn", "",
     "Phó Bí thư Đảng ủy, Chủ tịch UBND xã", "UBND xã Tân Lập", "0912 345 603"),
    ("person", "member", "Hoàng Văn Nam", "",
     "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", "Đảng ủy xã Tân Lập", "0912 345 604"),
    ("person", "member", "Đỗ Thị Hương", "",
     "Ủy viên Ban Thường vụ, Chủ tịch UB MTTQ xã", "MTTQ xã Tân Lập", "0912 345 605"),
    ("person", "member", "Vũ Đình Khoa", "",
     "Đảng ủy viên, Trưởng Công an xã", "Công an xã Tân Lập", "0912 345 606"),
    ("person", "member", "Bùi Thị Lan Anh", "",
     "Đảng ủy viên, Bí thư Đoàn xã", "Đoàn xã Tân Lập", "0912 345 607"),
    ("person", "member", "Ngô Quang Vinh", "",
     "Đảng ủy viên, Chỉ huy trưởng Quân sự xã", "BCHQS xã Tân Lập", "0912 345 608"),
    ("person", "member", "Đặng Thị Phương", "",
     "Đảng ủy viên, Chủ tịch Hội LHPN xã", "Hội LHPN xã Tân Lập", "0912 345 609"),
    ("person", "other", "Trần Thị Mai", "",
     "Văn thư Văn phòng Đảng ủy", "Đảng ủy xã Tân Lập", "0912 345 610"),
    ("person", "other", "Trịnh Văn Sơn", "",
     "Chuyên viên Văn phòng Tỉnh ủy", "Văn phòng Tỉnh ủy Tuyên Quang", "0915 222 333"),
    ("person", "other", "Lý Thị Ngọc", "", "Kế toán Đảng ủy", "Đảng ủy xã Tân Lập", "0912 345 611"),
]

# sender abbreviation -> (symbol suffix, [(type name, type code, summary)])
_TU = [
    ("Công văn", "CV", "V/v triển khai học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh"),
    ("Công văn", "CV", "V/v rà soát, bổ sung quy hoạch cấp ủy nhiệm kỳ 2025–2030"),
    ("Công văn", "CV", "V/v chuẩn bị Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {n}"),
    ("Công văn", "CV", "V/v tăng cường lãnh đạo công tác phòng, chống thiên tai mùa mưa bão"),
    ("Nghị quyết", "NQ", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế – xã hội quý {q}"),
    ("Chỉ thị", "CT", "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác an ninh trật tự"),
    ("Thông báo", "TB", "Thông báo kết luận của Ban Thường vụ Tỉnh ủy tại buổi làm việc với Đảng ủy xã"),
    ("Kế hoạch", "KH", "Kế hoạch tổ chức các hoạt động kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam"),
]
_VPTU = [
    ("Công văn", "CV", "V/v báo cáo kết quả thực hiện nhiệm vụ tháng {m}"),
    ("Thông báo", "TB", "Thông báo lịch làm việc của Thường trực Tỉnh ủy tháng {m}"),
    ("Công văn", "CV", "V/v thực hiện chế độ thông tin, báo cáo định kỳ"),
    ("Hướng dẫn", "HD", "Hướng dẫn thể thức và kỹ thuật trình bày văn bản của Đảng"),
]
_BTC = [
    ("Hướng dẫn", "HD", "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm {y}"),
    ("Công văn", "CV", "V/v cập nhật, bổ sung dữ liệu đảng viên"),
    ("Quyết định", "QĐ", "Quyết định chuẩn y kết quả bầu cử chi ủy chi bộ"),
    ("Quyết định", "QĐ", "Quyết định công nhận đảng viên chính thức"),
    ("Công văn", "CV", "V/v rà soát đảng viên được miễn công tác và sinh hoạt đảng"),
    ("Hướng dẫn", "HD", "Hướng dẫn công tác phát triển đảng viên năm {y}"),
]
_BTG = [
    ("Kế hoạch", "KH", "Kế hoạch tuyên truyền kỷ niệm các ngày lễ lớn năm {y}"),
    ("Hướng dẫn", "HD", "Hướng dẫn học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {y}"),
    ("Công văn", "CV", "V/v nắm bắt tình hình tư tưởng cán bộ, đảng viên và nhân dân"),
]
_UBKT = [
    ("Kế hoạch", "KH", "Kế hoạch kiểm tra, giám sát năm {y}"),
    ("Thông báo", "TB", "Thông báo kết quả giám sát chuyên đề việc thu, nộp đảng phí"),
    ("Công văn", "CV", "V/v báo cáo công tác kiểm tra, giám sát quý {q}"),
]
_UBND_T = [
    ("Giấy mời", "GM", "Mời dự Hội nghị sơ kết công tác cải cách hành chính"),
    ("Công văn", "CV", "V/v triển khai kế hoạch chuyển đổi số năm {y}"),
]
_CB = [
    ("Báo cáo", "BC", "Báo cáo kết quả sinh hoạt chi bộ tháng {m}"),
    ("Báo cáo", "BC", "Báo cáo tình hình tư tưởng đảng viên quý {q}"),
    ("Tờ trình", "TTr", "Tờ trình đề nghị kết nạp quần chúng ưu tú vào Đảng"),
]
_MASS = [
    ("Báo cáo", "BC", "Báo cáo kết quả công tác Mặt trận và các đoàn thể quý {q}"),
    ("Công văn", "CV", "V/v đề nghị Đảng ủy cho ý kiến về tổ chức Đại hội"),
]
SOURCES = [  # (sender name, symbol suffix, pool, weight)
    ("Tỉnh ủy Tuyên Quang", "TU", _TU, 18), ("Văn phòng Tỉnh ủy Tuyên Quang", "VPTU", _VPTU, 12),
    ("Ban Tổ chức Tỉnh ủy Tuyên Quang", "BTCTU", _BTC, 14),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang", "BTGDVTU", _BTG, 8),
    ("Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang", "UBKTTU", _UBKT, 7),
    ("Ủy ban nhân dân tỉnh Tuyên Quang", "UBND-VP", _UBND_T, 6),
    ("Chi bộ thôn Đồng Tâm", "CB", _CB, 4), ("Chi bộ thôn Tân Thành", "CB", _CB, 4),
    ("Chi bộ Trường THCS Tân Lập", "CB", _CB, 3),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập", "MTTQ", _MASS, 4),
]

OUTGOING_PLAN = [  # (type, count, summaries)
    ("CV", 30, ["V/v triển khai thực hiện kế hoạch của Tỉnh ủy", "V/v đôn đốc thu, nộp đảng phí",
                "V/v chuẩn bị nội dung sinh hoạt chi bộ chuyên đề", "V/v rà soát hồ sơ đảng viên",
                "V/v tổ chức Hội nghị Ban Chấp hành Đảng bộ xã"]),
    ("BC", 25, ["Báo cáo kết quả thực hiện nhiệm vụ tháng {m}", "Báo cáo công tác xây dựng Đảng quý {q}",
                "Báo cáo tình hình tư tưởng cán bộ, đảng viên và nhân dân",
                "Báo cáo kết quả kiểm điểm, đánh giá, xếp loại tổ chức đảng"]),
    ("TB", 15, ["Thông báo kết luận của Ban Thường vụ Đảng ủy", "Thông báo lịch sinh hoạt chi bộ tháng {m}"]),
    ("KH", 12, ["Kế hoạch kiểm tra, giám sát năm {y}", "Kế hoạch tổ chức Hội nghị học tập nghị quyết",
                "Kế hoạch phát triển đảng viên năm {y}"]),
    ("NQ", 8, ["Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội quý {q}",
               "Nghị quyết lãnh đạo công tác xây dựng nông thôn mới"]),
    ("QĐ", 10, ["Quyết định kết nạp đảng viên", "Quyết định thành lập Tổ giúp việc Ban Chấp hành",
                "Quyết định ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ xã"]),
    ("BB", 8, ["Biên bản Hội nghị Ban Chấp hành Đảng bộ xã tháng {m}"]),
    ("GGT", 7, ["Giấy giới thiệu đồng chí đi liên hệ công tác tại Tỉnh ủy"]),
    ("HD", 3, ["Hướng dẫn sinh hoạt chi bộ định kỳ"]),
    ("CTr", 2, ["Chương trình công tác năm {y} của Ban Chấp hành Đảng bộ xã"]),
]


def _fmt(s: str, d: _dt.date, rng) -> str:
    return s.format(m=d.month, q=(d.month - 1) // 3 + 1, y=d.year, n=rng.randint(3, 12))


def _working_days(start: _dt.date, end: _dt.date) -> list[_dt.date]:
    out, d = [], start
    while d <= end:
        if d.weekday() < 5:
            out.append(d)
        d += _dt.timedelta(days=1)
    return out


def fill(ctx: demo.DemoContext) -> None:
    a = ctx.admin
    with db.atomic():
        book = {}
        ctx.say("Danh bạ…")
        for kind, group, name, abbr, pos, org, phone in DIRECTORY:
            book[name] = contacts.add_contact(a, name, kind, group=group, abbr=abbr, position=pos,
                                              organisation=org, phone=phone)
        members = [c for c in book.values() if c.group == "member"]
        ctx.say("Sổ văn bản đến…")
        _incoming(ctx, book, members)
        ctx.say("Sổ văn bản đi và sổ đóng dấu…")
        _outgoing(ctx, book, members)
        ctx.say("Hồ sơ…")
        _dossiers(ctx)
        seal.record_handover(a, "Lý Thị Ngọc", "Trần Thị Mai", handed_on=ctx.today - _dt.timedelta(days=300),
                             witness="Nguyễn Thị Thu Hà", reason="Phân công lại nhiệm vụ văn thư")


def _incoming(ctx, book, members) -> None:
    rng, today, a = ctx.rng, ctx.today, ctx.clerk or ctx.admin
    days = _working_days(today - _dt.timedelta(days=365), today)
    weights = [w for *_, w in SOURCES]
    counters: dict[str, int] = {}
    chosen = sorted(rng.choice(days) for _ in range(300))
    for i, day in enumerate(chosen):
        sender, suffix, pool, _ = rng.choices(SOURCES, weights)[0]
        type_name, code, summary = rng.choice(pool)
        counters[sender] = counters.get(sender, 0) + rng.randint(1, 6)
        num = (f"{counters[sender]}/{suffix}" if code in ("GM",) or "UBND" in suffix
               else f"{counters[sender]}-{code}/{suffix}")
        arrived = ctx.past(_dt.datetime.combine(day, _dt.time(rng.randint(7, 16),
                                                              rng.choice((0, 10, 20, 30, 45)))))
        doc_date = day - _dt.timedelta(days=rng.randint(0, 4))
        late = rng.random() < 0.02
        reg = arrived + (_dt.timedelta(days=rng.randint(4, 6)) if late
                         else _dt.timedelta(minutes=rng.randint(5, 90)))
        reg = ctx.past(reg, not_before=arrived)
        secrecy = "Thường"
        r = rng.random()
        if r < 0.012:
            secrecy = "Mật"
        elif r < 0.016:
            secrecy = "Tối mật"
        if i == 150:
            secrecy = "Tuyệt mật"     # no summary: recorded only with consent
        urgency = rng.choices(("Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"), (85, 10, 4, 1))[0]
        age = (today - day).days
        needs_handling = code in ("CV", "HD", "KH", "CT", "NQ", "GM", "TTr")
        deadline = day + _dt.timedelta(days=rng.randint(5, 20)) if needs_handling else None
        scan_pending = i >= 298      # the last scans still wait for their details
        d = documents.register_incoming(
            a, arrived_at=arrived, registered_at=reg,
            status="needs_details" if scan_pending else "pending",
            source="scan" if scan_pending else "manual",
            **({} if scan_pending else dict(
                sender=sender, sender_contact=book[sender], doc_number=num, doc_date=doc_date,
                doc_type=type_name, summary="" if secrecy == "Tuyệt mật" else _fmt(summary, day, rng),
                urgency=urgency, secrecy=secrecy,
                pages=rng.randint(1, 12), copies=1, deadline=deadline)))
        if scan_pending:
            if ctx.store is not None:           # as the scanner left it: a picture of the page
                _attach_scan(ctx, d, i)
            continue
        if i in (40, 170):
            documents.cancel_incoming(a, d, "Vào sổ trùng: văn bản này đã vào sổ trước đó")
            continue
        if age <= 3 and rng.random() < 0.6:
            continue          # still chờ xử lý
        m = rng.choice(members)
        t_at = ctx.past(arrived + _dt.timedelta(hours=rng.randint(1, 30)), not_before=reg)
        documents.transfer(a, d, handler_contact=m, received_by=m.name, transferred_at=t_at)
        done_after = rng.randint(2, 25)
        if age > done_after and rng.random() < 0.85:
            documents.set_status(a, d, "done", at=ctx.past(t_at + _dt.timedelta(days=done_after),
                                                           not_before=t_at))


def scan_pdf(rng, width: int = 496, height: int = 702) -> bytes:
    """A one-page PDF as a scanner makes it: a grey picture of a page (A4 at 60 dpi) with no
    text layer — dark strokes where the heading, the title and the lines of text are. Built by
    hand (zlib and the PDF syntax): the demo loads no ReportLab for it."""
    import zlib
    white, ink = 250, 40
    rows = []
    lines: dict[int, list[tuple[int, int]]] = {}

    def stroke(y: int, x0: int, x1: int, thick: int = 3) -> None:
        for yy in range(y, y + thick):
            lines.setdefault(yy, []).append((x0, x1))
    stroke(60, 50, 200)                                   # the issuer, left; the motto, right
    stroke(68, 80, 170)
    stroke(60, 270, 450)
    stroke(90, 300, 440, 2)                               # place and date, italic
    for k in range(2):                                    # the title, centred
        stroke(130 + 12 * k, 150 + 20 * k, 346 - 20 * k, 4)
    y = 180
    while y < 560:                                        # the body, its last lines shorter
        stroke(y, 70 if rng.random() < 0.15 else 55, 440 - int(rng.random() * (160 if
               rng.random() < 0.2 else 12)), 2)
        y += 14
    stroke(600, 300, 420)                                 # the signature block
    stroke(660, 310, 410)
    for yy in range(height):
        row = bytearray([white]) * width
        for x0, x1 in lines.get(yy, ()):
            row[x0:x1] = bytes([ink]) * (x1 - x0)
        rows.append(b"\0" + bytes(row))                   # PNG-style row filter: none
    image = zlib.compress(b"".join(rows), 9)
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        b"<< /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns %d >> "
        b"/Length %d >>\nstream\n" % (width, height, width, len(image)) + image + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _attach_scan(ctx, doc, i: int) -> None:
    """The scanner's file of a demo scan, and its line in the intake's ledger (the file's name
    in the inbox, shown by Máy quét), as the intake leaves them."""
    import tempfile
    from pathlib import Path

    from .scans import ScanIntake
    name = f"scan_{doc.arrived_at:%Y%m%d_%H%M}_{i:03d}.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(scan_pdf(ctx.rng))
        a = documents.attach_file(ctx.clerk or ctx.admin, ctx.store, doc, path)
    sf = a.file
    assert sf is not None                    # just stored, never purged
    ScanIntake.create(sha256=sf.sha256, name=name, size=sf.size, kind="pdf", incoming=doc,
                      stored_file=sf, arrived_at=doc.arrived_at, taken_by="demo")


def _outgoing(ctx, book, members) -> None:
    rng, today, a = ctx.rng, ctx.today, ctx.clerk or ctx.admin
    o = get_office()
    assert o is not None                # the demo sets the office up first
    start = max(o.term_start, today - _dt.timedelta(days=365))
    days = _working_days(start, today)
    plan = [(code, s) for code, n, sums in OUTGOING_PLAN for s in rng.choices(sums, k=n)]
    dated = sorted(((rng.choice(days), code, s) for code, s in plan), key=lambda x: x[0])
    leader, deputy = book["Phạm Văn Đức"], book["Nguyễn Thị Thu Hà"]
    recipients_pool = ["Ban Thường vụ Tỉnh ủy Tuyên Quang", "Văn phòng Tỉnh ủy Tuyên Quang",
                       "Ban Tổ chức Tỉnh ủy Tuyên Quang", "Các chi bộ trực thuộc",
                       "Các đồng chí Đảng ủy viên",
                       "Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang", "UBND xã Tân Lập", "MTTQ và các đoàn thể xã"]
    cancelled = 0
    for _, (day, code, summary) in enumerate(dated):
        secrecy = "Mật" if code in ("BC", "NQ") and rng.random() < 0.05 else "Thường"
        d = documents.reserve_number(a, code, doc_date=day, summary=_fmt(summary, day, rng), secrecy=secrecy,
                                     urgency=rng.choices(("Thường", "Khẩn"), (9, 1))[0])
        recent = (today - day).days <= 3
        if recent and rng.random() < 0.5:
            continue          # number taken, not yet issued
        if cancelled < 2 and rng.random() < 0.03:
            documents.cancel_outgoing(a, d, "Dự thảo không trình ký; không dùng số này")
            cancelled += 1
            continue
        signer = leader if rng.random() < 0.7 else deputy
        if code == "GGT":
            recips = ["Văn phòng Tỉnh ủy Tuyên Quang"]
        else:
            recips = rng.sample(recipients_pool, rng.randint(1, 3))
        recips += ["Lưu Văn phòng Đảng ủy"]
        documents.update_outgoing(a, d, recipients=recips, copies=len(recips) + rng.randint(0, 3),
                                  filed_in="Văn phòng Đảng ủy", content_on_paper=True)
        documents.record_signature(ctx.leader or ctx.admin, d, signer.name,
                                   signer_position="Bí thư" if signer is leader else "Phó Bí thư",
                                   authority="T/M" if signer is leader else "K/T",
                                   signed_on=day)
        seal.record_use(a, d, len(recips) + 1, used_on=day, stamped_by="Trần Thị Mai")
        documents.issue_outgoing(a, d, issued_at=ctx.past(_dt.datetime.combine(day, _dt.time(15, 30))))


def _dossiers(ctx) -> None:
    rng, today, a = ctx.rng, ctx.today, ctx.admin
    y = today.year
    specs = [
        (f"{y - 2}-01", f"Hồ sơ Hội nghị Ban Chấp hành Đảng bộ xã năm {y - 2}", y - 2, "vĩnh viễn",
         _dt.date(y - 2, 12, 31), _dt.date(y - 1, 11, 20)),
        (f"{y - 2}-02", f"Tập văn bản chỉ đạo của cấp trên năm {y - 2}", y - 2, "10 năm",
         _dt.date(y - 2, 12, 31), None),
        (f"{y - 2}-03", f"Hồ sơ kết nạp đảng viên năm {y - 2}", y - 2, "vĩnh viễn",
         _dt.date(y - 2, 12, 31), None),
        (f"{y - 1}-01", "Hồ sơ Đại hội Đảng bộ xã nhiệm kỳ 2025–2030", y - 1, "vĩnh viễn",
         _dt.date(y - 1, 8, 15), None),
        (f"{y - 1}-02", f"Tập văn bản đến của cấp trên năm {y - 1}", y - 1, "10 năm",
         _dt.date(y - 1, 12, 31), None),
        (f"{y - 1}-03", f"Hồ sơ kiểm điểm, đánh giá, xếp loại năm {y - 1}", y - 1, "20 năm",
         _dt.date(y - 1, 12, 31), None),
        (f"{y}-01", f"Tập văn bản đến của cấp trên năm {y}", y, "10 năm", None, None),
        (f"{y}-02", f"Tập văn bản đi của Đảng ủy năm {y}", y, "vĩnh viễn", None, None),
        (f"{y}-03", f"Hồ sơ kiểm tra, giám sát năm {y}", y, "20 năm", None, None),
        (f"{y}-04", f"Hồ sơ phát triển đảng viên năm {y}", y, "vĩnh viễn", None, None),
        (f"{y}-05", f"Hồ sơ Hội nghị Ban Chấp hành Đảng bộ xã năm {y}", y, "vĩnh viễn", None, None),
        (f"{y}-06", f"Hồ sơ công tác tuyên giáo năm {y}", y, "10 năm", None, None),
    ]
    made = {}
    for code, title, year, ret, ended, _ in specs:
        d = dossiers.create_dossier(a, code, title, year, ret, keeper="Trần Thị Mai",
                                    work_ended_on=ended)
        made[code] = d
    # file handled incoming documents into the year's "văn bản đến" dossier, outgoing into "văn bản đi"
    for doc in (documents.Incoming.select().where(documents.Incoming.status == "done")
                .order_by(documents.Incoming.id)):
        code = f"{doc.year}-01" if doc.year == y else f"{y - 1}-02"
        if code in made and rng.random() < 0.7 and not doc.is_secret:
            dossiers.add_document(a, made[code], doc)
    for out in (documents.Outgoing.select().where(documents.Outgoing.status == "issued")
                .order_by(documents.Outgoing.id)):
        assert out.doc_date is not None    # an issued document has its date
        if out.doc_date.year == y and rng.random() < 0.8:
            dossiers.add_document(a, made[f"{y}-02"], out)
    for code, *_, handed in specs:
        if handed:
            dossiers.hand_over(a, made[code], handed)


demo.register_filler(20, "registers", fill)
