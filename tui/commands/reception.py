"""Subcommands of the front desk: the reception report and the exports of the reception book and
the ad-hoc requests.

    vanphong print reception --period 2026-Q3 --out bao-cao.pdf --user vanthu
    vanphong export reception --format xlsx --out so-tiep-khach.xlsx --user vanthu
    vanphong export tasks --format csv --out viec-dot-xuat.csv

The reception book holds personal data: the read-only command-line reader may not see it, so
those commands need ``--user`` of a role that may (the ID number column only for roles that may
see ID numbers). The ad-hoc requests are readable by every role.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from . import open_office
from .registers import actor_from_args, add_export_kind, export_target, print_subcommands

PERIOD_HELP = ("kỳ báo cáo: 2026-11 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), "
               "2026 (năm)")


def add_commands(sub, common) -> None:
    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", help="đăng nhập bằng tài khoản này "
                      "(mật khẩu: $VANPHONG_PASSWORD hoặc hỏi)")
    r = print_subcommands(sub, common).add_parser(
        "reception", parents=[common, user], help="báo cáo công tác tiếp khách, tiếp dân",
        description="Báo cáo công tác tiếp khách, tiếp đảng viên và nhân dân theo tháng, quý, "
                    "6 tháng, 9 tháng hoặc năm: số lượt theo đối tượng, cách xử lý, kết quả, vụ việc "
                    "chưa kết thúc, ngày tiếp dân của Bí thư. Tệp .pdf (mặc định) hoặc .xlsx.")
    r.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    r.add_argument("--out", metavar="TỆP.pdf", help="nơi lưu (mặc định: thư mục printouts của văn phòng)")
    r.set_defaults(handler=cmd_print_reception)
    add_export_kind("reception", cmd_export_reception)
    add_export_kind("tasks", cmd_export_tasks)


def cmd_print_reception(args) -> int:
    home = open_office(args)
    from models import exports, fsio, office, reception, schema  # noqa: F401
    actor = actor_from_args(args)
    period = reception.parse_period(args.period)
    o = office.configured_office()
    rep = reception.report(actor, period)
    out = Path(args.out) if args.out else home.printouts / f"bao-cao-tiep-dan_{period.code}.pdf"
    if out.suffix.lower() == ".xlsx":
        exports.write_xlsx(out, ["Mục", "Nội dung", "Số lượng"], reception.report_rows(rep),
                           "Báo cáo tiếp dân")
    else:
        from printouts.reception import reception_report
        fsio.atomic_write_bytes(out, reception_report(rep, o, _dt.date.today()))
    print(f"Đã in báo cáo tiếp khách, tiếp dân — {period.label} ({rep.visits} lượt tiếp, "
          f"{len(rep.open_cases)} vụ việc chưa kết thúc) vào {out}")
    return 0


def _format(args) -> str:
    return export_target(args)[1]


def cmd_export_reception(args) -> int:
    open_office(args)
    from models import reception, schema  # noqa: F401
    actor = actor_from_args(args)
    fmt = _format(args)
    n = reception.export_book(actor, fmt, Path(args.out), year=args.year)
    print(f"Đã xuất {n} dòng (sổ tiếp khách, tiếp đảng viên và nhân dân) vào {args.out}")
    return 0


def cmd_export_tasks(args) -> int:
    open_office(args)
    from models import schema, tasks  # noqa: F401
    actor = actor_from_args(args)
    fmt = _format(args)
    n = tasks.export_tasks(actor, fmt, Path(args.out), year=args.year)
    print(f"Đã xuất {n} dòng (việc đột xuất) vào {args.out}")
    return 0
