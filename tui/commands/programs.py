"""Subcommands of the programs area: `vanphong print schedule --week 2026-W49 --out FILE.pdf`,
`vanphong print statistics --from 01/01/2026 --to 31/03/2026 --out FILE.pdf` and
`vanphong export statistics --year 2026 --out FILE.xlsx`.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from . import open_office
from .registers import (actor_from_args, add_export_kind, date_arg, export_target, out_path_arg,
                        print_subcommands)

EXPORT_KIND = "statistics"


def add_commands(sub, common) -> None:
    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", help="đăng nhập bằng tài khoản này "
                      "(mật khẩu: $VANPHONG_PASSWORD hoặc hỏi); mặc định: chỉ xem")
    p = print_subcommands(sub, common).add_parser(
        "schedule", parents=[common, user], help="lịch công tác tuần (A4 ngang, thể thức văn bản của Đảng)",
        description="In lịch công tác tuần của Thường trực Đảng ủy ra tệp PDF, khổ A4 ngang.")
    p.add_argument("--week", required=True, metavar="TUẦN",
                   help="tuần theo ISO, ví dụ 2026-W49, hoặc một ngày trong tuần (dd/mm/yyyy)")
    p.add_argument("--out", type=out_path_arg, metavar="TỆP.pdf",
                   help="nơi lưu (mặc định: thư mục printouts của văn phòng)")
    p.set_defaults(handler=cmd_print_schedule)
    s = print_subcommands(sub, common).add_parser(
        "statistics", parents=[common, user], help="số liệu thống kê công tác văn phòng của một kỳ",
        description="In số liệu thống kê (văn bản đến, đi, xử lý, hồ sơ, hội nghị, đảng phí…) "
                    "từ ngày đến ngày, ra tệp PDF.")
    s.add_argument("--from", dest="date_from", type=date_arg, required=True, metavar="NGÀY")
    s.add_argument("--to", dest="date_to", type=date_arg, required=True, metavar="NGÀY")
    s.add_argument("--out", type=out_path_arg, metavar="TỆP.pdf")
    s.set_defaults(handler=cmd_print_statistics)
    add_export_kind(EXPORT_KIND, cmd_export_statistics)


def cmd_print_schedule(args) -> int:
    home = open_office(args)
    from models import office, programs, schema  # noqa: F401  (every area loaded)
    from printouts.schedule import schedule

    from ..printing import save_pdf
    actor_from_args(args)
    o = office.configured_office()
    monday = programs.parse_week(args.week)
    y, w, _ = monday.isocalendar()
    out = Path(args.out) if args.out else home.printouts / f"lich-cong-tac_{y}-W{w:02d}.pdf"
    n = len(programs.week_entries(monday))
    save_pdf(out, schedule(monday, programs.week_grid(monday), o))
    print(f"Đã in lịch công tác tuần {w:02d}/{y} ({n} việc) vào {out}")
    return 0


def cmd_print_statistics(args) -> int:
    home = open_office(args)
    from models import office, schema, statistics  # noqa: F401
    from printouts.statistics import statistics_paper

    from ..printing import save_pdf
    actor = actor_from_args(args)
    o = office.configured_office()
    figs = statistics.figures(actor, args.date_from, args.date_to)
    out = Path(args.out) if args.out else home.printouts / (
        f"so-lieu_{args.date_from:%Y%m%d}-{args.date_to:%Y%m%d}.pdf")
    save_pdf(out, statistics_paper(figs, args.date_from, args.date_to, o))
    print(f"Đã in số liệu thống kê từ {args.date_from:%d/%m/%Y} đến {args.date_to:%d/%m/%Y} vào {out}")
    return 0


def cmd_export_statistics(args) -> int:
    open_office(args)
    from models import audit, exports, schema, statistics  # noqa: F401
    actor = actor_from_args(args)
    out, fmt = export_target(args)
    year = args.year or _dt.date.today().year
    start, end = statistics.period("year", year)
    rows = list(statistics.export_rows(statistics.figures(actor, start, end)))
    n = (exports.write_csv(out, statistics.EXPORT_COLUMNS, rows) if fmt == "csv"
         else exports.write_xlsx(out, statistics.EXPORT_COLUMNS, rows, "Số liệu"))
    audit.append(actor, "export", "statistics", None, None, {"format": fmt, "rows": n, "year": year,
                                                             "file": out.name})
    print(f"Đã xuất {n} dòng số liệu thống kê năm {year} vào {out}")
    return 0
