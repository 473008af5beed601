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
    p = sub.add_parser("db-password", parents=[common],
                       help="lưu mật khẩu máy chủ PostgreSQL vào kho mật khẩu của máy này",
                       description="Lưu (hoặc xóa) mật khẩu của máy chủ PostgreSQL dùng chung vào kho "
                                   "mật khẩu của hệ điều hành (Windows Credential Manager, Keychain, "
                                   "keyring), để địa chỉ VANPHONG_DB_URL không phải chứa mật khẩu. "
                                   "Mật khẩu được hỏi trên bàn phím (không hiện), hoặc đọc từ dòng "
                                   "đầu của đầu vào chuẩn.")
    p.add_argument("--url", metavar="ĐỊA_CHỈ",
                   help="postgresql://NGƯỜI_DÙNG@MÁY/TÊN_CSDL (mặc định: $VANPHONG_DB_URL)")
    p.add_argument("--delete", action="store_true", help="xóa mật khẩu đã lưu")
    p.set_defaults(handler=cmd_db_password)


def run_tui(args) -> int:
    home = office_home(args, create=True, notice=False)   # new folder: the wizard sets it up
    from tui.app import VanphongApp
    app = VanphongApp(home, services=True)  # an office on this PC: opened once the login shows
    try:
        app.run(mouse=app.wants_mouse())    # setting ui.mouse: off by default (SSH traffic)
    finally:
        app.stop_services()                 # the scanner intake, if it ran inside
    if app.open_failure is not None:        # the screen is gone: said in one line (tui.cli)
        raise app.open_failure
    return app.return_code or 0


def cmd_demo(args) -> int:
    home = open_office(args, create=True)
    from models import demo, schema  # noqa: F401  (schema: every area's fillers registered)
    from models.filestore import FileStore
    print(f"Đang nạp dữ liệu mẫu vào {home.path}:", flush=True)
    ctx = demo.fill(store=FileStore(home.files),
                    progress=lambda stage: print(f"  {stage}", flush=True))
    print(f"Đã nạp dữ liệu mẫu vào {home.path}.")
    print(f"Đăng nhập: {demo.DEMO_ADMIN[0]} / {demo.DEMO_ADMIN[2]} (quản trị); "
          f"văn thư: {demo.DEMO_USERS[0][0]} / {demo.DEMO_USERS[0][3]}. Lần đăng nhập đầu "
          "tiên, mỗi tài khoản phải đổi mật khẩu.")
    del ctx
    return 0


def cmd_db_password(args) -> int:
    import os

    from models import keystore
    from models.db import close_database, open_database
    from models.errors import VanphongError
    url = args.url or os.environ.get("VANPHONG_DB_URL") or ""
    if keystore.db_key(url) is None:
        raise VanphongError("Cần địa chỉ máy chủ: --url postgresql://NGƯỜI_DÙNG@MÁY/TÊN_CSDL "
                            "(không kèm mật khẩu), hoặc biến VANPHONG_DB_URL.")
    if args.delete:
        gone = keystore.delete_db_password(url)
        print(f"Đã xóa mật khẩu đã lưu cho {keystore.db_key(url)}." if gone
              else f"Chưa có mật khẩu nào được lưu cho {keystore.db_key(url)}.")
        return 0
    from .registers import ask_password
    keystore.require_store()
    user = keystore.db_key(url).split("//", 1)[1].split("@", 1)[0]
    key = keystore.set_db_password(url, ask_password(f"người dùng {user} trên máy chủ",
                                                             env=None))
    print(f"Đã lưu mật khẩu cho {key} vào kho mật khẩu của máy này.")
    try:
        open_database(url, migrate=False)
    except VanphongError as e:
        print(f"Nhưng chưa kết nối được: {e.message}", file=sys.stderr)
        return 1
    close_database()
    print("Đã kết nối thử tới máy chủ: được.")
    return 0


def cmd_audit_verify(args) -> int:
    home = open_office(args)
    from models import audit
    r = audit.verify()
    anchored = audit.verify_anchors(home)      # a cut or recomputed chain still verifies alone
    for problem in anchored:
        print(f"Nhật ký thay đổi bị can thiệp: {problem}.", file=sys.stderr)
    if r.ok and not anchored:
        print(f"Nhật ký thay đổi nguyên vẹn: {r.count} mục.")
        return 0
    if not r.ok:
        print(f"Nhật ký thay đổi bị can thiệp: mục số {r.bad_seq} — {r.reason}.", file=sys.stderr)
    return 1
