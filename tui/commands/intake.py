"""`vanphong intake`: take scans from the scanner folder into the incoming register, headless.

One Vietnamese line per file registered or refused. Runs until Ctrl+C or SIGTERM; ``--once``
takes what is in the folder now and exits (exit status 0 even when some files were refused:
they are in failed/ with their reasons; 1 when some file could not be finished).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import signal
import sys
import threading


def add_commands(sub, common) -> None:
    p = sub.add_parser(
        "intake", parents=[common], help="nhận văn bản từ thư mục máy quét (chạy nền)",
        description="Theo dõi thư mục máy quét: mỗi tệp PDF, JPEG, PNG, TIFF mới tự vào sổ văn bản "
                    "đến với trạng thái “Cần bổ sung”. Tệp không nhận được chuyển vào failed/ kèm "
                    "tệp .reason.txt ghi lý do. Dừng bằng Ctrl+C.")
    p.add_argument("--inbox", metavar="THƯ_MỤC",
                   help="thư mục nhận bản quét (mặc định: theo Cài đặt; lần đầu là scans_inbox "
                        "trong thư mục dữ liệu của văn phòng)")
    p.add_argument("--once", action="store_true",
                   help="nhận các tệp đang có trong thư mục rồi thoát")
    p.add_argument("--polling", action="store_true", default=None,
                   help="quét định kỳ thay vì chờ hệ điều hành báo (thư mục mạng)")
    p.add_argument("--quiet", metavar="GIÂY", type=_seconds, default=None,
                   help="chờ tệp yên bao lâu trước khi nhận (mặc định: theo Cài đặt, 1 giây)")
    p.add_argument("--max-wait", metavar="GIÂY", type=_seconds, default=None,
                   help="chờ tệp dở dang tối đa bao lâu (mặc định: theo Cài đặt, 300 giây)")
    p.add_argument("--rescan", metavar="GIÂY", type=_seconds, default=None,
                   help="quét lại toàn bộ thư mục mỗi bao nhiêu giây (mặc định: theo Cài đặt, 60)")
    p.set_defaults(handler=cmd_intake)


def _seconds(text: str) -> float:
    try:
        v = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần một số giây, ví dụ 1 hoặc 0.5 (đã nhập “{text}”)") from None
    if v <= 0:
        raise argparse.ArgumentTypeError("số giây phải lớn hơn 0")
    return v


def cmd_intake(args) -> int:
    import logging

    from intake.service import IntakeService

    from . import open_office

    h = logging.StreamHandler(sys.stderr)       # tracebacks of unexpected errors only
    h.setLevel(logging.ERROR)
    logging.getLogger("vanphong.intake").addHandler(h)

    home = open_office(args)

    def show(kind: str, message: str, incoming_id) -> None:
        stamp = _dt.datetime.now().strftime("%H:%M:%S")
        out = sys.stderr if kind in ("error", "retry") else sys.stdout
        print(f"{stamp} {message}", file=out, flush=True)

    svc = IntakeService(home, args.inbox, on_event=show, quiet=args.quiet, max_wait=args.max_wait,
                        polling=args.polling, rescan=args.rescan)
    svc.prepare()            # an unusable inbox: one clear line, exit 2 (tui.cli)
    from models.documents import remove_orphans
    remove_orphans(svc.store)    # files a crash left without a record (recorded in the audit log)
    if args.once:
        counts = svc.run_once()
        return 1 if counts["error"] else 0

    def on_signal(signum, frame):
        svc.stop(timeout=0)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, on_signal)
    svc.run()
    return 0
