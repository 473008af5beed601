"""Terms of office on the command line: `vanphong term list` and, after the congress,
`vanphong term open --start DD/MM/YYYY --label 2030–2035 --user ADMIN`.

Opening a term is an explicit, audited step: the current term ends the day before the new one
begins, and the outgoing numbers of every type start again from 01 in the new term.
"""
from __future__ import annotations

from . import open_office
from .registers import actor_from_args, date_arg


def add_commands(sub, common) -> None:
    p = sub.add_parser("term", parents=[common], help="nhiệm kỳ: xem, mở nhiệm kỳ mới sau đại hội",
                       description="Các nhiệm kỳ của cấp ủy. Số văn bản đi đánh từ 01 cho cả nhiệm "
                                   "kỳ; mở nhiệm kỳ mới sau khi đại hội bế mạc.")
    tsub = p.add_subparsers(dest="term_cmd", metavar="VIỆC", required=True, parser_class=type(p))
    ls = tsub.add_parser("list", parents=[common], help="các nhiệm kỳ đã ghi")
    ls.set_defaults(handler=cmd_term_list)
    op = tsub.add_parser("open", parents=[common], help="mở nhiệm kỳ mới (quản trị viên)",
                         description="Mở nhiệm kỳ mới sau đại hội: nhiệm kỳ hiện tại kết thúc ngày "
                                     "trước ngày bắt đầu; số văn bản đi của mọi loại bắt đầu lại từ 01.")
    op.add_argument("--start", type=date_arg, required=True, metavar="DD/MM/YYYY",
                    help="ngày bắt đầu (ngày sau khi đại hội bế mạc)")
    op.add_argument("--label", default="", metavar="NHIỆM_KỲ", help="ví dụ 2030–2035")
    op.add_argument("--congress", default="", metavar="ĐẠI_HỘI", help="tên đại hội đã bầu cấp ủy")
    op.add_argument("--user", required=True, metavar="TÊN",
                    help="tài khoản quản trị (mật khẩu: $VANPHONG_PASSWORD hoặc hỏi)")
    op.set_defaults(handler=cmd_term_open)


def cmd_term_list(args) -> int:
    open_office(args)
    from models import schema, terms  # noqa: F401
    for t in terms.all_terms():
        end = f"{t.end:%d/%m/%Y}" if t.end else "nay"
        print(f"{t.name}: {t.start:%d/%m/%Y} – {end}" + (f" ({t.congress})" if t.congress else ""))
    return 0


def cmd_term_open(args) -> int:
    open_office(args)
    from models import schema, terms  # noqa: F401
    actor = actor_from_args(args, required=True)
    t = terms.open_term(actor, args.start, args.label, args.congress)
    print(f"Đã mở {t.name} từ {t.start:%d/%m/%Y}: số văn bản đi của mọi loại bắt đầu lại từ 01.")
    return 0
