"""Subcommands of the treasurer's area: print receipts, export members, dues, the cash book and
assets.

    vanphong print receipt 12 [--year 2026] [--out phieu-thu.pdf] --user thuquy
    vanphong export members|dues|cashbook|assets --format csv|xlsx --out FILE --user thuquy

Receipts, members and dues are personal data (Party membership): these commands need ``--user``
of a role allowed to see them (administrator, treasurer, leader); assets do not.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from . import open_office


def add_commands(sub, common) -> None:
    from . import registers as reg
    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", help="đăng nhập bằng tài khoản này (mật khẩu: "
                      "$VANPHONG_PASSWORD hoặc hỏi); cần cho phiếu thu, đảng viên, đảng phí")
    r = reg.print_subcommands(sub, common).add_parser(
        "receipt", parents=[common, user], help="phiếu thu đảng phí (hai liên)",
        description="In phiếu thu theo số và năm: hai liên (Liên 1 lưu, Liên 2 giao người nộp) "
                    "trên một trang A4, hoặc khổ A5 theo cài đặt. Lần in sau ghi “Bản in lại”.")
    r.add_argument("number", type=int, nargs="+", metavar="SỐ", help="số phiếu thu (một hoặc nhiều)")
    r.add_argument("--year", type=int, metavar="NĂM", help="năm của phiếu (mặc định: năm nay)")
    r.add_argument("--out", metavar="TỆP.pdf", help="nơi lưu (mặc định: thư mục printouts của văn phòng)")
    r.set_defaults(handler=cmd_print_receipt)
    pp = reg.print_subcommands(sub, common)
    c = pp.add_parser("collection-sheet", parents=[common, user],
                      help="danh sách thu đảng phí của chi bộ trong tháng",
                      description="In danh sách thu đảng phí tháng MM/YYYY của một chi bộ (hoặc "
                                  "cả Đảng bộ), khổ A4.")
    c.add_argument("month", metavar="MM/YYYY")
    c.add_argument("--cell", metavar="CHI_BỘ", help="tên chi bộ (mặc định: mọi chi bộ)")
    c.add_argument("--out", metavar="TỆP.pdf")
    c.set_defaults(handler=cmd_print_sheet)
    d = pp.add_parser("dues-report", parents=[common, user], help="báo cáo thu, nộp đảng phí",
                      description="In báo cáo thu, nộp đảng phí của một tháng hoặc một khoảng "
                                  "tháng (quý), khổ A4.")
    d.add_argument("month", metavar="MM/YYYY", help="tháng đầu kỳ")
    d.add_argument("--to", metavar="MM/YYYY", help="tháng cuối kỳ (mặc định: như tháng đầu)")
    d.add_argument("--out", metavar="TỆP.pdf")
    d.set_defaults(handler=cmd_print_report)
    k = pp.add_parser("cashbook", parents=[common, user], help="sổ quỹ tiền mặt",
                      description="In sổ quỹ tiền mặt của một năm, khổ A4.")
    k.add_argument("--year", type=int, metavar="NĂM", help="mặc định: năm nay")
    k.add_argument("--out", metavar="TỆP.pdf")
    k.set_defaults(handler=cmd_print_cashbook)
    i = pp.add_parser("inventory", parents=[common, user], help="biên bản kiểm kê tài sản gần nhất",
                      description="In biên bản kiểm kê tài sản gần nhất, khổ A4.")
    i.add_argument("--out", metavar="TỆP.pdf")
    i.set_defaults(handler=cmd_print_inventory)
    for kind in ("members", "dues", "cashbook", "assets"):
        reg.add_export_kind(kind, cmd_export)
    # `export` has --user already (registers' parser); --year and --format too


def _actor(args):
    from models.errors import VanphongError
    from .registers import actor_from_args
    if not getattr(args, "user", None) and getattr(args, "kind", "") != "assets":
        raise VanphongError("Phiếu thu, danh sách đảng viên và đảng phí là dữ liệu cá nhân: cần "
                            "--user TÊN_ĐĂNG_NHẬP của quản trị, thủ quỹ hoặc lãnh đạo "
                            "(mật khẩu lấy từ $VANPHONG_PASSWORD hoặc được hỏi).")
    return actor_from_args(args)


def cmd_print_receipt(args) -> int:
    home = open_office(args)
    from models import office, receipts, schema  # noqa: F401
    from models.fsio import atomic_write_bytes
    actor = _actor(args)
    o = office.configured_office()
    year = args.year or _dt.date.today().year
    found = [receipts.get_receipt(n, year) for n in args.number]
    views = receipts.for_print(actor, found)
    from printouts.receipts import receipts_pdf
    pdf = receipts_pdf(views, o, office.get_setting("receipts.paper"))
    first = found[0]
    name = f"phieu-thu_{first.year}-{first.number:04d}" + (f"_{len(found)}" if len(found) > 1 else "")
    out = Path(args.out) if args.out else home.printouts / f"{name}.pdf"
    atomic_write_bytes(out, pdf)
    labels = ", ".join(r.label for r in found)
    again = " (bản in lại)" if all(v.reprint for v in views) else ""
    print(f"Đã in phiếu thu {labels}{again} vào {out}")
    return 0


def cmd_export(args) -> int:
    open_office(args)
    from models import dues, schema  # noqa: F401
    actor = _actor(args)
    from .registers import export_target
    out, fmt = export_target(args)
    n = dues.export(actor, args.kind, fmt, out, year=args.year)
    print(f"Đã xuất {n} dòng ({dues.EXPORT_KINDS[args.kind]}) vào {out}")
    return 0


def _paper(args, home, name: str, pdf: bytes, what: str) -> int:
    from models.fsio import atomic_write_bytes
    out = Path(args.out) if args.out else home.printouts / name
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out, pdf)
    print(f"Đã in {what} vào {out}")
    return 0


def _office():
    from models import office
    return office.configured_office()


def cmd_print_sheet(args) -> int:
    home = open_office(args)
    from models import dues, schema  # noqa: F401
    args.kind = "dues"
    actor = _actor(args)
    mo = dues.parse_month(args.month)
    rows = dues.collection_sheet(actor, args.cell, mo.year, mo.month)
    from printouts.dues import collection_sheet
    pdf = collection_sheet(rows, _office(), args.cell, mo.year, mo.month)
    return _paper(args, home, f"danh-sach-thu-dang-phi_{mo:%Y-%m}.pdf", pdf,
                  f"danh sách thu đảng phí tháng {dues.format_month(mo)} ({len(rows)} đảng viên)")


def cmd_print_report(args) -> int:
    home = open_office(args)
    from models import dues, schema  # noqa: F401
    args.kind = "dues"
    actor = _actor(args)
    rep = dues.dues_report(actor, args.month, args.to)
    from printouts.dues import dues_report
    pf, pt = rep.period_from, rep.period_to
    name = f"bao-cao-dang-phi_{pf:%Y-%m}" + (f"_{pt:%Y-%m}" if pt != pf else "") + ".pdf"
    return _paper(args, home, name, dues_report(rep, _office()), "báo cáo thu, nộp đảng phí")


def cmd_print_cashbook(args) -> int:
    home = open_office(args)
    from models import cashbook, schema  # noqa: F401
    args.kind = "cashbook"
    actor = _actor(args)
    from models import users
    users.require(actor, "dues.view")
    year = args.year or _dt.date.today().year
    start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    opening, lines = cashbook.lines(start, end)
    from printouts.dues import cash_book
    return _paper(args, home, f"so-quy-tien-mat_{year}.pdf", cash_book(opening, lines, _office(), start, end),
                  f"sổ quỹ tiền mặt năm {year} ({len(lines)} dòng)")


def cmd_print_inventory(args) -> int:
    home = open_office(args)
    from models import assets, schema  # noqa: F401
    from models.errors import VanphongError
    c = assets.latest_check()
    if c is None:
        raise VanphongError("Chưa có lần kiểm kê tài sản nào.")
    from printouts.dues import inventory
    return _paper(args, home, f"kiem-ke-tai-san_{c.checked_on:%Y%m%d}.pdf",
                  inventory(c, assets.inventory_lines(c), _office()), "biên bản kiểm kê tài sản")
