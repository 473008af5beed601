"""Subcommands of the meetings area: `vanphong print minutes NUMBER --out FILE.pdf` and
`vanphong export meetings --out FILE.csv|xlsx`.

The export is the registers' `export` command with one more kind (``add_export_kind``), so the
shared command keeps one spelling.
"""
from __future__ import annotations

from pathlib import Path

from . import open_office
from .registers import actor_from_args, add_export_kind, export_target, print_subcommands

EXPORT_KIND = "meetings"


def add_commands(sub, common) -> None:
    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", help="đăng nhập bằng tài khoản này "
                      "(mật khẩu: $VANPHONG_PASSWORD hoặc hỏi); mặc định: chỉ xem")
    p = print_subcommands(sub, common).add_parser(
        "minutes", parents=[common, user], help="biên bản hội nghị theo thể thức văn bản của Đảng",
        description="In biên bản hội nghị (theo số biên bản, ví dụ 03-BB/ĐU hoặc 3) ra tệp PDF, "
                    "khổ A4, thể thức văn bản của Đảng.")
    p.add_argument("number", metavar="SỐ", help="số biên bản: 03-BB/ĐU, hoặc 3 (nhiệm kỳ này)")
    p.add_argument("--out", metavar="TỆP.pdf", help="nơi lưu (mặc định: thư mục printouts của văn phòng)")
    p.set_defaults(handler=cmd_print_minutes)
    add_export_kind(EXPORT_KIND, cmd_export_meetings)


def minutes_file_name(number: str) -> str:
    from models.text import fold
    safe = "".join(ch if ch.isalnum() else "-" for ch in fold(number)).strip("-")
    return f"bien-ban_{safe or 'chua-so'}.pdf"


def cmd_print_minutes(args) -> int:
    home = open_office(args)
    from models import meetings, office, schema  # noqa: F401  (every area loaded)
    from printouts.minutes import minutes

    from ..printing import save_pdf
    actor = actor_from_args(args)
    o = office.configured_office()
    m = meetings.find_by_number(args.number)
    pdf = minutes(meetings.meeting_view(actor, m), o)
    out = Path(args.out) if args.out else home.printouts / minutes_file_name(m.number)
    save_pdf(out, pdf)
    print(f"Đã in biên bản {m.number} ({meetings.KIND_NAMES[m.kind].lower()}, "
          f"ngày {m.on_date:%d/%m/%Y}) vào {out}")
    return 0


def cmd_export_meetings(args) -> int:
    open_office(args)
    from models import audit, exports, meetings, schema  # noqa: F401
    actor = actor_from_args(args)
    out, fmt = export_target(args)
    rows = meetings.export_rows(actor, year=args.year)
    headers = meetings.EXPORT_COLUMNS
    n = (exports.write_csv(out, headers, rows) if fmt == "csv"
         else exports.write_xlsx(out, headers, rows, "Hội nghị"))
    audit.append(actor, "export", "meeting", None, None,
                 {"format": fmt, "rows": n, "year": args.year, "file": out.name})
    print(f"Đã xuất {n} dòng (hội nghị, biên bản) vào {out}")
    return 0
