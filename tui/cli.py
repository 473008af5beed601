"""`vanphong` command line. Vietnamese help; bad arguments and an unusable office home give one
clear line and exit status 2, never a traceback.

Each area adds its subcommands in a module of ``tui.commands`` (see COMMAND_MODULES).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMAND_MODULES = ["tui.commands.core", "tui.commands.registers", "tui.commands.intake",
                   "tui.commands.reception"]

_VI = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu được: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
argparse._ = lambda s: _VI.get(s, s)  # argparse looks its messages up through this name
argparse.ngettext = lambda s, p, n: _VI.get(s if n == 1 else p, s if n == 1 else p)


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: lỗi: {message}\n(xem: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--home", metavar="THƯ_MỤC", default=argparse.SUPPRESS,
                        help="thư mục dữ liệu của văn phòng (mặc định: $VANPHONG_HOME "
                             "hoặc thư mục dữ liệu người dùng)")
    p = Parser(prog="vanphong", parents=[common],
               description="Phần mềm văn phòng cấp ủy cơ sở. Không có lệnh con: mở giao diện.")
    p.add_argument("--version", action="version", version=f"vanphong {__version__}",
                   help="hiện phiên bản rồi thoát")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh",
                           parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub, common)
    return p


def _plain_run(argv: list[str]) -> argparse.Namespace | None:
    """`vanphong` or `vanphong --home DIR`: open the program without building every
    subcommand's parser (their modules cost start-up time the clerk waits for)."""
    if not argv:
        return argparse.Namespace(handler=None)
    if len(argv) == 2 and argv[0] == "--home" and not argv[1].startswith("-"):
        return argparse.Namespace(handler=None, home=argv[1])
    if len(argv) == 1 and argv[0].startswith("--home=") and len(argv[0]) > 7:
        return argparse.Namespace(handler=None, home=argv[0][7:])
    return None


def main(argv: list[str] | None = None) -> int:
    from models.errors import VanphongError
    if argv is None:
        argv = sys.argv[1:]
    args = _plain_run(argv) or build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from .commands.core import run_tui
            return run_tui(args)
        return int(handler(args) or 0)
    except VanphongError as e:
        print(f"vanphong: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
