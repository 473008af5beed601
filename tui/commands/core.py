"""Core subcommands: the TUI itself, demo data, the audit log."""
from __future__ import annotations

import sys

from . import office_home, open_office


def add_commands(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="nạp dữ liệu mẫu vào một văn phòng trống",
                       description="Nạp dữ liệu mẫu (tên, cơ quan, ngày tháng thực tế) vào văn phòng trống.")
    p.set_defaults(handler=cmd_demo)
    p = sub.add_parser("audit", parents=[common], help="nhật ký thay đổi",
                       description="Kiểm tra nhật ký thay đổi.")
    asub = p.add_subparsers(dest="audit_cmd", metavar="VIỆC", required=True, parser_class=type(p))
    v = asub.add_parser("verify", parents=[common], help="kiểm tra chuỗi băm, báo mục đầu tiên bị sửa")
    v.set_defaults(handler=cmd_audit_verify)


def run_tui(args) -> int:
    home = office_home(args)
    from tui.app import VanphongApp
    app = VanphongApp(home, services=True)  # opens the office's database
    try:
        app.run(mouse=app.wants_mouse())    # setting ui.mouse: off by default (SSH traffic)
    finally:
        app.stop_services()                 # the scanner intake, if it ran inside
    return app.return_code or 0


def cmd_demo(args) -> int:
    home = open_office(args)
    from models import demo, schema  # noqa: F401  (schema: every area's fillers registered)
    from models.filestore import FileStore
    ctx = demo.fill(store=FileStore(home.files))
    print(f"Đã nạp dữ liệu mẫu vào {home.path}.")
    print(f"Đăng nhập: {demo.DEMO_ADMIN[0]} / {demo.DEMO_ADMIN[2]} (quản trị); "
          f"văn thư: {demo.DEMO_USERS[0][0]} / {demo.DEMO_USERS[0][3]}.")
    del ctx
    return 0


def cmd_audit_verify(args) -> int:
    open_office(args)
    from models import audit
    r = audit.verify()
    if r.ok:
        print(f"Nhật ký thay đổi nguyên vẹn: {r.count} mục.")
        return 0
    print(f"Nhật ký thay đổi bị can thiệp: mục số {r.bad_seq} — {r.reason}.", file=sys.stderr)
    return 1
