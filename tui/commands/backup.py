"""Data safety from the command line: `vanphong backup`, `restore`, `check`, `backup-key`.

None of them ever waits for a keyboard that is not there: a passphrase is read from
$VANPHONG_BACKUP_PASSPHRASE or asked only at a terminal.
"""
from __future__ import annotations

import sys
from pathlib import Path


def add_commands(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help="sao lưu toàn bộ văn phòng (mã hóa)",
                       description="Sao lưu cơ sở dữ liệu và kho tệp vào một tệp .vpbak đã mã hóa, "
                                   "trong khi chương trình và việc nhận bản quét vẫn chạy. Mặc định "
                                   "vào thư mục sao lưu trong Cài đặt.")
    p.add_argument("--out", metavar="TỆP_HOẶC_THƯ_MỤC", help="nơi ghi bản sao lưu")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="khôi phục bản sao lưu vào thư mục mới",
                       description="Kiểm tra toàn bộ bản sao lưu rồi khôi phục vào thư mục dữ liệu "
                                   "mới (--home, phải trống). Khóa: trong kho mật khẩu của máy này, "
                                   "hoặc --key (tờ khôi phục), --key-file, hoặc cụm mật khẩu.")
    p.add_argument("file", metavar="TỆP", help="tệp .vpbak")
    p.add_argument("--key", metavar="KHÓA", help="khóa in trên tờ khôi phục (các nhóm 4 ký tự)")
    p.add_argument("--key-file", metavar="TỆP", help="tệp khóa backup.key của văn phòng")
    p.add_argument("--verify-only", action="store_true", help="chỉ kiểm tra bản sao lưu, không khôi phục")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", parents=[common], help="kiểm tra dữ liệu còn nguyên vẹn",
                       description="Kiểm tra cơ sở dữ liệu, kho tệp (kích thước; --full: mã kiểm tra "
                                   "từng tệp), tệp thừa, nhật ký thay đổi và mốc neo.")
    p.add_argument("--full", action="store_true", help="kiểm tra đầy đủ (chậm hơn)")
    p.add_argument("--fix", action="store_true", help="xóa các tệp thừa trong kho")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup-key", parents=[common], help="khóa sao lưu: ở đâu, in tờ khôi phục",
                       description="Cho biết khóa sao lưu đang ở đâu; --sheet in tờ khôi phục (PDF) "
                                   "để cất vào két; --import nhận lại khóa từ tờ khôi phục.")
    p.add_argument("--sheet", metavar="TỆP.pdf", help="ghi tờ khôi phục ra tệp PDF")
    p.add_argument("--import", dest="import_text", metavar="KHÓA",
                   help="nhận khóa từ tờ khôi phục (sau khi chuyển sang máy mới)")
    p.set_defaults(handler=cmd_backup_key)

    user = type(common)(add_help=False)
    user.add_argument("--user", metavar="TÊN", required=True,
                      help="tài khoản quản trị (mật khẩu: $VANPHONG_PASSWORD hoặc hỏi)")
    p = sub.add_parser("personal", parents=[common], help="dữ liệu cá nhân của một người: tìm, xuất, ẩn danh",
                       description="Theo yêu cầu của một người: tìm mọi bản ghi có tên họ, xuất ra "
                                   "tệp JSON để giao cho họ, hoặc ẩn danh mục danh bạ (sổ sách thì "
                                   "chỉ sửa có lý do, không xóa). Mỗi việc ghi lý do vào nhật ký.")
    psub = p.add_subparsers(dest="personal_cmd", metavar="VIỆC", required=True, parser_class=type(p))
    f = psub.add_parser("find", parents=[common, user], help="tìm các bản ghi có tên người này")
    f.add_argument("name", metavar="HỌ_TÊN")
    f.set_defaults(handler=cmd_personal_find)
    e = psub.add_parser("export", parents=[common, user], help="xuất dữ liệu của người này ra JSON")
    e.add_argument("name", metavar="HỌ_TÊN")
    e.add_argument("--out", metavar="TỆP.json", required=True)
    e.add_argument("--reason", metavar="LÝ_DO", required=True)
    e.set_defaults(handler=cmd_personal_export)
    a = psub.add_parser("anonymise", parents=[common, user], help="ẩn danh một mục (danh bạ)")
    a.add_argument("source", metavar="VÙNG", help="vùng dữ liệu, như lệnh find cho biết (contact)")
    a.add_argument("record_id", metavar="SỐ", type=int)
    a.add_argument("--reason", metavar="LÝ_DO", required=True)
    a.set_defaults(handler=cmd_personal_anonymise)


def _say(text: str) -> None:
    print(text, flush=True)


def cmd_backup(args) -> int:
    from models import backup
    from models.backup_tasks import size_text

    from . import open_office
    home = open_office(args)
    r = backup.create_backup(home, args.out)
    if r.notice:
        print(f"Lưu ý: {r.notice}", file=sys.stderr)
    _say(f"Đã sao lưu vào {r.path} ({size_text(r.size)}, {r.files} tệp, nhật ký đến mục số "
         f"{r.audit_seq}).")
    if r.missing:
        print(f"Có {len(r.missing)} tệp bị xóa trong lúc sao lưu, không có trong bản này.", file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    from models import backup
    from models.errors import VanphongError
    from models.home import OfficeHome, default_home
    path = Path(args.file)
    key = backup.restore_key(path, key_text=args.key, key_file=args.key_file)
    if args.verify_only:
        m = backup.verify_backup(path, key)
        _say(f"Bản sao lưu nguyên vẹn: {len(m['members']) - 1} mục, "
             f"tạo lúc {m['created'].replace('T', ' ')}.")
        return 0
    target = getattr(args, "home", None)
    if not target:
        raise VanphongError("Cần thư mục đích: --home THƯ_MỤC (mới hoặc trống).")
    home = OfficeHome(target or default_home())
    m = backup.restore(path, home, key)
    files = sum(1 for n in m["members"] if n.startswith("files/"))
    _say(f"Đã khôi phục vào {home.path}: cơ sở dữ liệu và {files} tệp, nhật ký đến mục số "
         f"{m['audit_head'][0]}.")
    _say(f"Mở chương trình: vanphong --home {home.path}")
    return 0


def cmd_check(args) -> int:
    from models import integrity

    from . import open_office
    home = open_office(args)
    r = integrity.check(home, full=args.full, fix=args.fix)
    for p in r.problems:
        print(p.message, file=sys.stderr)
    for p in r.removed:
        _say(f"Đã xóa tệp thừa: {p.relative_to(home.files).as_posix()}")
    what = "đầy đủ" if args.full else "nhanh"
    if r.ok:
        _say(f"Kiểm tra {what}: dữ liệu nguyên vẹn ({r.files_checked} tệp"
             + (f", {r.audit_entries} mục nhật ký" if args.full else "") + ").")
        return 0
    print(f"Kiểm tra {what}: có {len(r.problems)} vấn đề.", file=sys.stderr)
    return 1


def cmd_backup_key(args) -> int:
    from models import backupkey

    from . import open_office
    home = open_office(args)
    if args.import_text:
        k = backupkey.import_key(home, args.import_text)
        if k.notice:
            print(f"Lưu ý: {k.notice}", file=sys.stderr)
        _say(f"Đã nhận khóa (mã {k.key_id}).")
        _say(backupkey.where(home))
        return 0
    if args.sheet:
        from printouts.recovery import recovery_sheet
        from models import fsio, office
        k = backupkey.load_key(home)
        if k.notice:
            print(f"Lưu ý: {k.notice}", file=sys.stderr)
        o = office.get_office()
        pdf = recovery_sheet(k.key, k.key_id, office_name=o.name if o else "", home=str(home.path),
                             store=backupkey.STORE_LABELS.get(k.store, k.store))
        fsio.atomic_write_bytes(Path(args.sheet), pdf)
        _say(f"Đã ghi tờ khôi phục vào {args.sheet}. In ra, cất vào két rồi xóa tệp này.")
    _say(backupkey.where(home))
    problem = backupkey.keyring_problem()
    if problem:
        _say(f"Kho mật khẩu của hệ điều hành: không dùng được ({problem}).")
    return 0


def _admin(args):
    from models import personal, schema  # noqa: F401  (every area's source registered)

    from . import open_office
    from .registers import actor_from_args
    open_office(args)
    return actor_from_args(args, required=True)


def cmd_personal_find(args) -> int:
    from models import personal
    actor = _admin(args)
    found = personal.find_person(actor, args.name)
    for f in found:
        data = "; ".join(f"{k}: {v}" for k, v in f.fields.items() if v)
        mark = f"  [ẩn danh được: {f.source} {f.record_id}]" if f.can_anonymise else ""
        _say(f"{f.area} · {f.title} · {data}{mark}")
    _say(f"({len(found)} bản ghi)")
    return 0


def cmd_personal_export(args) -> int:
    from models import personal
    actor = _admin(args)
    path, n = personal.export_person(actor, args.name, args.out, args.reason)
    _say(f"Đã xuất {n} bản ghi vào {path}. Việc xuất đã được ghi vào nhật ký.")
    return 0


def cmd_personal_anonymise(args) -> int:
    from models import personal
    actor = _admin(args)
    erased = personal.anonymise(actor, args.source, args.record_id, args.reason)
    _say(f"Đã ẩn danh ({len(erased)} trường). Việc này đã được ghi vào nhật ký kèm lý do.")
    return 0
