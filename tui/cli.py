"""`vanphong` command line. Vietnamese help; bad arguments, an unusable or missing office home, a
file that cannot be written give one clear line and exit status 2, never a traceback; a database
busy with another desk's long write gives one line and exit status 75 (try again later); output
cut off by its reader (``| head``) ends quietly.

Each area adds its subcommands in a module of ``tui.commands`` (see COMMAND_MODULES).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMAND_MODULES = ["tui.commands.core", "tui.commands.registers", "tui.commands.intake",
                   "tui.commands.dues", "tui.commands.meetings", "tui.commands.backup",
                   "tui.commands.reception", "tui.commands.programs", "tui.commands.terms"]

_VI = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu được: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
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


EXIT_BUSY = 75          # EX_TEMPFAIL: the database was busy; the same command later will work


def main(argv: list[str] | None = None) -> int:
    from models.errors import VanphongError
    from models.home import private_umask
    private_umask()         # everything this run creates is owner-only
    if argv is None:
        argv = sys.argv[1:]
    args = _plain_run(argv) or build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from .commands.core import run_tui
            return run_tui(args)
        code = int(handler(args) or 0)
        sys.stdout.flush()          # a reader that left early (| head) shows here, not at exit
        return code
    except VanphongError as e:
        return _say(e.message, 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _pipe_closed()
    except Exception as e:
        from models.errors import DATABASE_BUSY, is_database_busy, os_error_message
        if is_database_busy(e):
            return _say(DATABASE_BUSY, EXIT_BUSY)
        if isinstance(e, OSError):
            return _say(os_error_message(e), 2)
        raise


def _say(message: str, code: int) -> int:
    try:
        print(f"vanphong: {message}", file=sys.stderr)
    except (BrokenPipeError, OSError):
        pass
    return code


def _pipe_closed() -> int:
    """The reader of our output went away (``vanphong search … | head``): stop quietly, as
    command-line tools do, without Python's "Exception ignored … BrokenPipeError" at exit."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141              # 128 + SIGPIPE, what a shell reports for a writer cut off


if __name__ == "__main__":
    sys.exit(main())
