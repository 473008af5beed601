"""Subcommands of the registers: global search, printed register books, exports, directory import.

Reading commands (search, print, export) run as a read-only "dòng lệnh" reader unless
``--user`` is given (then the password comes from $VANPHONG_PASSWORD or is asked for); a reader
never sees the secret register (its books are printed and exported only with ``--user`` of a
role allowed to see it). Changing commands (directory import) need ``--user``.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

from . import open_office


class CliReader:
    """Whoever runs a read-only command without logging in: a viewer, no secrets."""
    username = "dòng lệnh"
    full_name = "Dòng lệnh"
    role = "viewer"
    role_label = "Chỉ xem (dòng lệnh)"
    active = True
    id = None

    def can(self, perm: str) -> bool:
        from models import users
        return users.can(self, perm)


def actor_from_args(args, required: bool = False):
    from models import users
    from models.errors import VanphongError
    name = getattr(args, "user", None)
    if not name:
        if required:
            raise VanphongError("Lệnh này thay đổi dữ liệu: cần --user TÊN_ĐĂNG_NHẬP "
                                "(mật khẩu lấy từ $VANPHONG_PASSWORD hoặc được hỏi).")
        return CliReader()
    password = os.environ.get("VANPHONG_PASSWORD")
    if password is None:
        password = ask_password(name)
    user = users.authenticate(name, password)
    # refused, not asked for a new one: a command runs from scripts and cron too, where a
    # prompt would hang or eat the standard input; the app checks the new password properly
    users.refuse_if_must_change(user)
    return user


def ask_password(name: str, env: str | None = "VANPHONG_PASSWORD") -> str:
    """Asked on the terminal (not shown); without one (cron, a pipe) the first line of the
    standard input; with neither, a clear line saying what to do (``env``: the variable that
    can hold it instead)."""
    import getpass
    from models.errors import VanphongError
    prompt = f"Mật khẩu của {name}: "
    if os.name == "nt" or _has_tty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            pass
    else:
        line = sys.stdin.readline()
        if line:
            return line.rstrip("\r\n")
    instead = f"đặt biến môi trường {env} hoặc " if env else ""
    raise VanphongError(f"Không hỏi được mật khẩu của {name} (không có bàn phím): {instead}đưa "
                        "mật khẩu vào đầu vào chuẩn.")


def _has_tty() -> bool:
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return False


# the books `print register` and `export` know (models.exports kinds), with their help text
BOOKS = {"incoming": "văn bản đến", "outgoing": "văn bản đi",
         "secret_incoming": "văn bản mật đến, cần --user được xem sổ mật",
         "secret_outgoing": "văn bản mật đi, cần --user được xem sổ mật",
         "seal": "sổ theo dõi sử dụng con dấu", "seal_handovers": "sổ bàn giao con dấu"}


# `vanphong export` kinds: the registers' own, and those another area adds (its handler runs
# instead of cmd_export): EXPORT_CHOICES.append(kind); EXPORTERS[kind] = handler
EXPORT_CHOICES = [*BOOKS, "directory"]
EXPORTERS: dict = {}


def add_export_kind(kind: str, handler) -> None:
    """Another area's kind for `vanphong export` (members, meetings …), answered by ``handler``."""
    if kind not in EXPORT_CHOICES:
        EXPORT_CHOICES.append(kind)
    EXPORTERS[kind] = handler


def _books_help(kinds) -> str:
    return "; ".join(f"{k} ({BOOKS.get(k, 'danh bạ')})" for k in kinds)


def date_arg(text: str):
    """A date argument (dd/mm/yyyy), refused in Vietnamese when it is not one."""
    from models.text import parse_date
    return parse_date(text, "date")


def _year(text: str) -> int:
    """--year: a year an office's papers can bear (1900–2100), said in Vietnamese otherwise."""
    import argparse

    from models.errors import ValidationError
    from models.text import check_year
    try:
        return check_year(int(text.strip()))
    except ValueError:
        if isinstance(text, str) and text.strip().lstrip("-").isdigit():
            raise argparse.ArgumentTypeError(
                f"năm phải là số từ 1900 đến 2100 (đã nhập {text[:20]})") from None
        raise argparse.ArgumentTypeError(f"năm phải là một số, ví dụ 2026 (đã nhập “{text[:20]}”)") from None
    except ValidationError as e:
        raise argparse.ArgumentTypeError(e.message[:1].lower() + e.message[1:].rstrip(".")) from None


def out_path_arg(text: str) -> Path:
    """Where --out writes: its folder must exist already (a typo must not create folders, and
    export and print answer the same); a clear line when it does not or cannot be written."""
    from models.errors import VanphongError
    out = Path(text).expanduser()
    folder = out.parent
    if not folder.is_dir():
        raise VanphongError(f"Không ghi được {out}: thư mục {folder} không tồn tại.")
    if out.is_dir():
        raise VanphongError(f"Không ghi được {out}: đó là một thư mục, hãy ghi thêm tên tệp.")
    return out


def _write_failed(out: Path, e: OSError):
    from models.errors import VanphongError, os_error_text
    return VanphongError(f"Không ghi được {out}: {os_error_text(e)}.")


_PRINT: dict = {}


def print_subcommands(sub, common):
    """The subparsers of `vanphong print`, made once: another area adds its own paper with
    ``print_subcommands(sub, common).add_parser("receipt", …)``."""
    key = id(sub)
    if key not in _PRINT:
        p = sub.add_parser("print", parents=[common], help="in sổ sách, giấy tờ ra tệp PDF",
                           description="In sổ sách, giấy tờ ra tệp PDF (khổ A4).")
        _PRINT[key] = p.add_subparsers(dest="print_what", metavar="LOẠI", required=True,
                                       parser_class=type(p))
    return _PRINT[key]


def add_commands(sub, common) -> None:
    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", help="đăng nhập bằng tài khoản này "
                      "(mật khẩu: $VANPHONG_PASSWORD hoặc hỏi); mặc định: chỉ xem, không xem sổ mật")

    p = sub.add_parser("search", parents=[common, user], help="tìm trong mọi sổ và danh bạ",
                       description="Tìm trong sổ văn bản đến, đi, hồ sơ và danh bạ; không phân biệt "
                                   "hoa thường, có dấu hay không dấu.")
    p.add_argument("query", metavar="TỪ_KHÓA", nargs="+", help="những từ cần tìm")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="số kết quả tối đa (mặc định 50)")
    p.set_defaults(handler=cmd_search)

    r = print_subcommands(sub, common).add_parser(
        "register", parents=[common, user], help="sổ đăng ký văn bản, sổ mật, sổ con dấu",
        description="In sổ đăng ký văn bản đến, đi, sổ văn bản mật hoặc sổ con dấu trong một "
                    "khoảng ngày, khổ A4 ngang.")
    r.add_argument("kind", choices=list(BOOKS), metavar="SỔ", help=_books_help(BOOKS))
    r.add_argument("--from", dest="date_from", metavar="DD/MM/YYYY",
                   help="từ ngày (mặc định: 01/01 năm nay)")
    r.add_argument("--to", dest="date_to", metavar="DD/MM/YYYY", help="đến ngày (mặc định: hôm nay)")
    r.add_argument("--out", metavar="TỆP.pdf", help="nơi lưu (mặc định: thư mục printouts của văn phòng)")
    r.set_defaults(handler=cmd_print_register)

    p = sub.add_parser("export", parents=[common, user], help="xuất sổ ra CSV hoặc Excel",
                       description="Xuất sổ văn bản đến, đi, sổ văn bản mật, sổ con dấu hoặc danh bạ "
                                   "ra tệp CSV (UTF-8) hoặc XLSX, tiêu đề cột tiếng Việt như trong sổ.")
    p.add_argument("kind", choices=EXPORT_CHOICES, metavar="SỔ",
                   help=_books_help([*BOOKS, "directory"]) + " — tất cả: %(choices)s")
    p.add_argument("--year", type=_year, metavar="NĂM", help="chỉ năm này (1900–2100)")
    p.add_argument("--format", choices=["csv", "xlsx"], metavar="ĐỊNH_DẠNG",
                   help="csv hoặc xlsx (mặc định: theo đuôi tệp --out)")
    p.add_argument("--out", required=True, metavar="TỆP", help="tệp sẽ ghi")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("directory", parents=[common], help="danh bạ phối hợp",
                       description="Danh bạ phối hợp: nhập từ tệp CSV.")
    dsub = p.add_subparsers(dest="dir_cmd", metavar="VIỆC", required=True, parser_class=type(p))
    i = dsub.add_parser("import", parents=[common, user], help="nhập danh bạ từ tệp CSV",
                        description="Nhập danh bạ từ CSV có dòng tiêu đề tiếng Việt: Tên, Loại, Nhóm, "
                                    "Chức vụ, Đơn vị, Viết tắt, Điện thoại, Email, Địa chỉ, Ghi chú.")
    i.add_argument("file", metavar="TỆP.csv")
    i.set_defaults(handler=cmd_directory_import)


def cmd_search(args) -> int:
    open_office(args)
    from models import registers, schema  # noqa: F401  (every area's search kinds registered)
    actor = actor_from_args(args)
    text = " ".join(args.query)
    hits = registers.search_all(actor, text, limit=max(1, args.limit))
    if not hits:
        shown = text if len(text) <= 80 else text[:79] + "…"
        print(f"Không tìm thấy kết quả nào cho “{shown}”.")
        return 0
    w_reg = max(len(h.register) for h in hits)
    w_num = max(len(h.number) for h in hits)
    for h in hits:
        print(f"{h.register:<{w_reg}}  {h.number:<{w_num}}  {h.date:<10}  {h.summary}")
    print(f"({len(hits)} kết quả)")
    return 0


def cmd_print_register(args) -> int:
    home = open_office(args)
    from models import exports, office, schema  # noqa: F401
    from models.errors import VanphongError
    actor = actor_from_args(args)
    today = _dt.date.today()
    date_from = date_arg(args.date_from) if args.date_from else _dt.date(today.year, 1, 1)
    date_to = date_arg(args.date_to) if args.date_to else today
    if date_from > date_to:
        raise VanphongError("Ngày bắt đầu (--from) sau ngày kết thúc (--to).")
    o = office.configured_office()
    from printouts.registers import register_book
    from .. import strings as S
    from ..printing import BOOK_FILES, book_unit, save_pdf
    rows = exports.print_rows(actor, args.kind, date_from=date_from, date_to=date_to)
    from models.audit import anchor_for_print
    pdf = register_book(args.kind, rows, o, date_from, date_to, anchor=anchor_for_print(home))
    out = out_path_arg(args.out) if args.out else (
        home.printouts / f"{BOOK_FILES[args.kind]}_{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf")
    try:
        save_pdf(out, pdf)
    except OSError as e:
        raise _write_failed(out, e) from None
    print(f"Đã in sổ {S.BOOK_NAMES[args.kind]} ({len(rows)} {book_unit(args.kind)}, "
          f"{date_from:%d/%m/%Y}–{date_to:%d/%m/%Y}) vào {out}")
    return 0




def export_target(args) -> tuple[Path, str]:
    """The file and format of `vanphong export … --out F [--format csv|xlsx]`, for every area:
    the folder must exist, the format is --format or the file's ending, and the two must agree
    (never CSV text in a file named .xlsx)."""
    from models.errors import VanphongError
    formats = ("csv", "xlsx")
    out = out_path_arg(args.out)
    suffix = out.suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in formats:
        raise VanphongError("Chọn định dạng bằng --format csv|xlsx (hoặc đặt tên tệp đuôi .csv/.xlsx).")
    if suffix in formats and suffix != fmt:
        raise VanphongError(f"Tệp {out.name} có đuôi .{suffix} nhưng --format là {fmt}: "
                            f"hãy đặt tên tệp đuôi .{fmt} hoặc bỏ --format.")
    return out, fmt


def cmd_export(args) -> int:
    if args.kind in EXPORTERS:
        return EXPORTERS[args.kind](args)
    open_office(args)
    from models import exports, schema  # noqa: F401
    actor = actor_from_args(args)
    out, fmt = export_target(args)
    try:
        n = exports.export(actor, args.kind, fmt, out, year=args.year)
    except OSError as e:
        raise _write_failed(out, e) from None
    print(f"Đã xuất {n} dòng ({exports.TITLES[args.kind].lower()}) vào {out}")
    return 0


PROGRESS_EVERY = 10_000      # rows between two progress lines of a long import


def _import_progress():
    """After each committed batch: a progress line now and then (a long file takes a while).

    For the tests only: with $VANPHONG_IMPORT_TEST_GATE set to a path, the import stops after its
    first batch, says "gate" on stderr and goes on once that path exists (the test writes to the
    database in between — the import holds no lock then)."""
    import time
    state = {"shown": 0, "gate": os.environ.get("VANPHONG_IMPORT_TEST_GATE")}

    def on_batch(lines: int, added: int) -> None:
        if lines - state["shown"] >= PROGRESS_EVERY:
            state["shown"] = lines
            print(f"… đã đọc {lines} dòng, thêm {added} mục", file=sys.stderr, flush=True)
        gate = state["gate"]
        if gate:
            state["gate"] = None
            print("gate", file=sys.stderr, flush=True)
            deadline = time.monotonic() + 120
            while not os.path.exists(gate) and time.monotonic() < deadline:
                time.sleep(0.02)
    return on_batch


def cmd_directory_import(args) -> int:
    open_office(args)
    from models import contacts, schema  # noqa: F401
    from models.errors import VanphongError
    actor = actor_from_args(args, required=True)
    path = Path(args.file)
    if not path.is_file():
        raise VanphongError(f"Không có tệp {path}.")
    r = contacts.import_csv(actor, path, on_batch=_import_progress())
    print(r.summary())
    for line, msg in r.errors:
        print(f"  dòng {line}: {msg}", file=sys.stderr)
    return 1 if r.errors else 0
