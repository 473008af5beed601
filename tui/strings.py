"""The screens' words, in one catalogue: a word changed here changes on every screen.

Why one file (over 600 lines): a catalogue is read by looking a word up, not top to bottom; one
file keeps every word in one search and lets a test refuse a name defined twice. Each area has
its section, and a later area appends its own at the end.

Code and identifiers are English; what a person reads is Vietnamese with full diacritics. Where
each kind of word lives:

- **Here**: what the screens say — titles, keys, field labels, hints, notices, questions, the
  screens' own column titles — as named constants (``{…}`` marks a ``str.format`` template).
  A screen module writes no sentence inline; a later area adds its section at the end.
- **models/labels.py**: the name of a field that more than one layer shows — a list's column on
  screen, the same column's export header, its printed table's header. One name per field, the
  word the paper book uses. ``models`` and ``printouts`` cannot import ``tui``, so the names live
  there and this catalogue re-uses them as ``L.X`` (``COL_SENDER = L.SENDER``);
  ``tests/house/test_one_label_per_field.py`` holds each export to its screen's words.
- **models**: a refusal is a complete Vietnamese sentence, raised as a ``VanphongError``
  (``ValidationError`` with its form field, ``PermissionDenied``, ``NotFound``; models/errors.py)
  by the function that holds the rule, written beside the rule. A screen shows it as it stands:
  it does not reword it or read words out of it (a refusal a screen must tell apart is its own
  class, as ``cashbook.Overdrawn``). The names of a model's values (a status, a category:
  ``reception.STATE_VI``) are data of that model.
- **printouts**: a paper's own fixed words (its title, signature lines) stay in its module; the
  headers it shares with a screen or an export come from ``models.labels``.
- **the command line** (tui/commands/): a command's help text stays beside its argparse
  definition, and its one-line report ("Đã xuất 12 dòng … vào …") beside the command: both are
  read in a terminal, with the command they describe.

``tests/tui/test_strings_catalogue.py`` refuses a name defined twice here.
"""
from __future__ import annotations

from models import labels as L      # the registers' own column names, shared with exports and books

APP_NAME = "vanphong"
APP_TITLE = "Phần mềm văn phòng cấp ủy"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
TODAY_LONG = "{weekday}, {date}"          # Thứ Năm, 05/03/2026

# --- keys: descriptions in the footer and the help screen ------------------------------------
KEY_HELP = "Trợ giúp"
KEY_PALETTE = "Lệnh"
KEY_QUIT = "Thoát"
KEY_REDRAW = "Vẽ lại màn hình"
KEY_MENU = "Menu"
KEY_BACK = "Quay lại"
KEY_SAVE = "Lưu"
KEY_OPEN = "Mở"
KEY_SEARCH = "Tìm"
KEY_FILTER = "Lọc"
KEY_CLEAR_FILTER = "Bỏ lọc"
KEY_LOGIN = "Đăng nhập"
KEY_FINISH = "Hoàn tất"
KEY_CLOSE = "Đóng"
KEY_YES = "Đồng ý"
KEY_NO = "Không"
KEY_ADD = "Thêm"
KEY_PASSWORD = "Mật khẩu"
KEY_ADD_USER = "Thêm tài khoản"
KEY_EDIT_USER = "Sửa tài khoản"
KEY_RESET_PASSWORD = "Đặt lại mật khẩu"
KEY_VERIFY_CHAIN = "Kiểm tra chuỗi"
KEY_NEXT_TAB = "Thẻ sau"
KEY_PREV_TAB = "Thẻ trước"
KEY_UP = "Lên"
KEY_DOWN = "Xuống"
KEY_TOGGLE = "Bật/tắt"

# longer descriptions for the help screen (the footer shows the short ones above)
TIP_HELP = "Trợ giúp: danh sách phím (màn hình này)"
TIP_PALETTE = "Bảng lệnh: gõ để đi đến mọi mục, hoặc tìm trong mọi sổ"
TIP_MENU = "Menu: mọi mục và việc"
TIP_QUIT = "Thoát chương trình"
TIP_REDRAW = "Vẽ lại toàn bộ màn hình khi màn hình hiển thị sai (mạng chập chờn, thông báo của hệ thống…)"
TIP_SEARCH = "Tìm kiếm trong mọi sổ"
TIP_FILTER = "Lọc danh sách theo từ gõ vào"

# keys a screen explains on the help screen beyond its bindings (keys, what they do)
HELP_DASHBOARD = [("↑ ↓ rồi Enter", "Chọn mục trong menu, hoặc mở một ô việc"),
                  ("Gõ tên mục", "Nhảy tới mục đó trong menu (không cần dấu): “cai” → Cài đặt"),
                  ("Tab", "Chuyển giữa menu và các ô việc")]
HELP_SEARCH = [("Enter (ô tìm)", "Tìm"), ("Enter (kết quả)", "Mở mục đã chọn"),
               ("↓", "Từ ô tìm xuống danh sách kết quả")]
HELP_SETTINGS = [("Shift+Tab rồi ← →", "Chuyển thẻ: Cấp ủy, Nhiệm kỳ, Cài đặt chung…"),
                 ("Enter (ô nhập)", "Sang ô tiếp theo")]

# Keys that every screen understands, listed on the help screen under "Phím chung".
NAV_KEYS = [
    ("Tab / Shift+Tab", "Chuyển sang ô sau / ô trước"),
    ("↑ ↓ PgUp PgDn", "Di chuyển trong danh sách"),
    ("Enter", "Mở mục đang chọn; trong ô nhập: sang ô tiếp theo"),
    ("Esc", "Quay lại màn hình trước"),
]
# Shown in the help screen beside an F-key: the twin for terminals that eat F-keys.
KEY_TWIN_NOTE = "Nếu phím F không dùng được (một số kết nối SSH), dùng phím Ctrl/chữ đi kèm."
HELP_FRAME_FALLBACKS = ("Màn hình đã phải gửi nguyên khung {n} lần (bộ lọc chỉ gửi ô thay đổi "
                        "không xử lý được). Nếu con số này tăng, hãy báo cho người quản trị.")

# --- areas (menu, palette, header) ---------------------------------------------------------
AREA_DASHBOARD = "Hôm nay"
AREA_SEARCH = "Tìm kiếm"
AREA_AUDIT = "Nhật ký thay đổi"
AREA_SETTINGS = "Cài đặt"
AREA_DASHBOARD_HELP = "Việc cần làm hôm nay"
AREA_SEARCH_HELP = "Tìm trong mọi sổ, không phân biệt dấu và hoa thường"
AREA_AUDIT_HELP = "Ai đã thay đổi gì, khi nào; kiểm tra chuỗi băm"
AREA_SETTINGS_HELP = "Thông tin cấp ủy, cài đặt, tài khoản"
AREA_BACKUPS = "Sao lưu"
AREA_BACKUPS_HELP = "Các bản sao lưu; sao lưu ngay, kiểm tra một bản"

AREA_MISSING = "Mục này chưa có màn hình trong phiên bản này."

# actions of the menu and palette (besides areas)
ACTION_LOGOUT = "Đăng xuất"
ACTION_LOGOUT_HELP = "Trở về màn hình đăng nhập"
ACTION_PASSWORD = "Đổi mật khẩu"
ACTION_PASSWORD_HELP = "Đổi mật khẩu của tài khoản đang dùng"
ACTION_HELP = "Trợ giúp: danh sách phím"
ACTION_HELP_HELP = "Mọi phím của màn hình này và phím chung"
ACTION_QUIT = "Thoát chương trình"
ACTION_QUIT_HELP = "Đóng vanphong"

# --- command palette -----------------------------------------------------------------------
PALETTE_PLACEHOLDER = "Gõ tên mục cần đến, hoặc từ cần tìm…"
PALETTE_OPEN = "Mở: {label}"
PALETTE_SEARCH = "Tìm kiếm: {query}"
PALETTE_SEARCH_HELP = "Tìm trong mọi sổ (không phân biệt dấu)"
PALETTE_LOGIN_FIRST = "Hãy đăng nhập trước."

# --- header --------------------------------------------------------------------------------
HEADER_USER = "{username} ({role})"

# --- first-run wizard ----------------------------------------------------------------------
WIZARD_TITLE = "Thiết lập ban đầu"
WIZARD_INTRO = ("Văn phòng chưa được thiết lập. Nhập thông tin cấp ủy và tài khoản quản trị "
                "đầu tiên, rồi bấm Ctrl+S.")
WIZARD_OFFICE = "Cấp ủy"
WIZARD_ADMIN = "Tài khoản quản trị đầu tiên"
WIZARD_DONE = "Đã thiết lập văn phòng. Hãy đăng nhập bằng tài khoản vừa tạo."
WIZARD_BUTTON = "Hoàn tất (Ctrl+S)"

FIELD_OFFICE_NAME = "Tên cấp ủy"
FIELD_OFFICE_NAME_PH = "ví dụ: Đảng ủy xã Tân Lập"
FIELD_SUPERIOR = "Cấp ủy cấp trên"
FIELD_SUPERIOR_PH = "ví dụ: Đảng bộ tỉnh Tuyên Quang"
FIELD_BODY_ABBR = "Chữ viết tắt cơ quan"
FIELD_PLACE = "Địa danh"
FIELD_PLACE_PH = "ví dụ: Xã Tân Lập"
FIELD_TERM_START = "Ngày bắt đầu nhiệm kỳ"
FIELD_TERM_LABEL = "Nhiệm kỳ"
FIELD_TERM_LABEL_PH = "ví dụ: 2025–2030"
FIELD_USERNAME = "Tên đăng nhập"
FIELD_USERNAME_PH = "chữ không dấu, ví dụ: admin"
FIELD_FULL_NAME = "Họ và tên"
FIELD_PASSWORD = "Mật khẩu"
FIELD_PASSWORD_PH = "ít nhất 8 ký tự"
FIELD_PASSWORD2 = "Nhập lại mật khẩu"
FIELD_OLD_PASSWORD = "Mật khẩu hiện tại"
FIELD_NEW_PASSWORD = "Mật khẩu mới"
FIELD_ROLE = "Vai trò"
FIELD_ACTIVE = "Đang dùng (bỏ chọn để khóa)"
DATE_PLACEHOLDER = "dd/mm/yyyy"
MONEY_PLACEHOLDER = "1.250.000"
PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không giống nhau."
INT_REQUIRED = "Cần một số nguyên."
INT_MISSING = "Chưa nhập {label}."
INT_RANGE = "Cần một số nguyên trong khoảng {minimum}–{maximum}."

# --- login ---------------------------------------------------------------------------------
LOGIN_TITLE = "ĐĂNG NHẬP"
LOGIN_HINT = "Enter: đăng nhập · F1: trợ giúp · Ctrl+Q: thoát"
LOGIN_WELCOME = "Xin chào {full_name}."
LOGIN_NO_OFFICE = "(văn phòng chưa thiết lập)"
MUST_CHANGE_TITLE = "ĐỔI MẬT KHẨU"
MUST_CHANGE_SCREEN = "Đổi mật khẩu lần đầu"
MUST_CHANGE_NOTE = ("Mật khẩu của {username} do người khác đặt. Hãy chọn mật khẩu của riêng "
                    "mình trước khi làm việc (ít nhất 8 ký tự, khác mật khẩu cũ, không dễ đoán).")
MUST_CHANGE_HINT = "Enter: lưu · Esc: quay lại đăng nhập"
MUST_CHANGE_DONE = "Đã đổi mật khẩu. Xin chào {full_name}."
LOGGED_OUT = "Đã đăng xuất."

# --- dashboard -----------------------------------------------------------------------------
DASH_MENU = "MENU"
DASH_NOTHING = "Hôm nay không có việc gì cần chú ý."
DASH_HINT = "Enter: mở · /: tìm kiếm · F10: menu · Ctrl+P: lệnh"
PANEL_ACCOUNTS = "Tài khoản"
PANEL_ACCOUNTS_ACTIVE = "{n} tài khoản đang dùng."
PANEL_ACCOUNTS_LOCKED = "{username}: tạm khóa đến {time}"
PANEL_ACCOUNTS_DISABLED = "{username}: đã khóa"
PANEL_AUDIT = "Thay đổi hôm nay"
PANEL_AUDIT_LINE = "{n} mục được ghi vào nhật ký hôm nay."
PANEL_AUDIT_NONE = "Chưa có thay đổi nào hôm nay."

# --- menu ----------------------------------------------------------------------------------
MENU_TITLE = "Menu — chọn bằng ↑ ↓ rồi Enter"

# --- help ----------------------------------------------------------------------------------
HELP_TITLE = "Trợ giúp — phím"
HELP_SCREEN_KEYS = "Phím của màn hình {screen}"
HELP_GLOBAL_KEYS = "Phím chung"
HELP_AREA_KEYS = "Đi đến"
HELP_CLOSE = "Esc, F1 hoặc ?: đóng"
HELP_NO_SCREEN_KEYS = "(màn hình này không có phím riêng)"

# --- dialogs -------------------------------------------------------------------------------
DIALOG_ERROR = "Lỗi"
DIALOG_CONFIRM = "Xác nhận"
DIALOG_INFO = "Thông báo"
DIALOG_OK = "Đóng (Enter)"
DIALOG_YES = "Đồng ý (Enter)"
DIALOG_NO = "Không (Esc)"
DIALOG_CANCEL = "Thôi (Esc)"           # not "Hủy": in "Hủy văn bản" it read as the cancel itself
DIALOG_SAVE = "Lưu (Ctrl+S)"
UNEXPECTED_ERROR = ("Chương trình gặp lỗi không lường trước và phải đóng lại. "
                    "Dữ liệu đã lưu không bị ảnh hưởng. Chi tiết: {detail}")
UNEXPECTED_KEPT = ("Chưa làm được việc này: chương trình gặp lỗi không lường trước. Những gì bạn "
                   "đã nhập vẫn còn trên màn hình; hãy thử lại, nếu vẫn lỗi thì báo người quản trị.")
DB_BUSY_KEPT = "{busy} Những gì bạn đã nhập vẫn còn trên màn hình."
DB_ERROR_KEPT = ("Cơ sở dữ liệu báo lỗi nên chưa lưu được. Những gì bạn đã nhập vẫn còn trên "
                 "màn hình; hãy thử lại, nếu vẫn lỗi thì báo người quản trị.")
FILE_ERROR_KEPT = "{detail} Những gì bạn đã nhập vẫn còn trên màn hình."
ERROR_LOGGED = "Chi tiết lỗi đã ghi vào tệp {path}."
ERROR_NOT_LOGGED = "(Không ghi được tệp nhật ký lỗi trong thư mục văn phòng.)"
CTRL_C_HINT = "Bấm Ctrl+Q để thoát."

SERVICE_PROBLEM = "Nhận bản quét"

# --- register tables -------------------------------------------------------------------------
TABLE_EMPTY = "Chưa có mục nào."
TABLE_EMPTY_FILTER = "Không có mục nào khớp “{text}”."
TABLE_STATUS = "{n} dòng đã nạp{more}"
TABLE_MORE = " · còn nữa, kéo xuống để nạp tiếp"
FILTER_PLACEHOLDER = "Gõ từ cần lọc rồi Enter (Esc: bỏ lọc)"
FILTER_ACTIVE = "Đang lọc: “{text}” · Esc: bỏ lọc"

# --- search ----------------------------------------------------------------------------------
SEARCH_PLACEHOLDER = "Gõ từ cần tìm (không cần dấu), rồi Enter"
SEARCH_NONE = "Không tìm thấy “{query}”."
SEARCH_COUNT = "{n} kết quả cho “{query}”."
SEARCH_COUNT_MORE = "{n} kết quả đầu cho “{query}”, còn nữa: gõ thêm chữ để thu hẹp."
SEARCH_HINT = "Tìm không phân biệt dấu và hoa thường: “dang phi” tìm thấy “Đảng phí”."
SEARCH_NO_OPENER = "Chưa có màn hình để mở loại hồ sơ “{label}”."

# --- settings --------------------------------------------------------------------------------
SETTINGS_TAB_OFFICE = "Cấp ủy"
SETTINGS_TAB_SETTINGS = "Cài đặt chung"
SETTINGS_TAB_USERS = "Tài khoản"
SETTINGS_TAB_DOCTYPES = "Tên loại"
DOCTYPES_COLUMNS = ("Viết tắt", "Tên loại văn bản", "")
DOCTYPES_HINT = "F7/^N: thêm tên loại (chỉ quản trị) · mỗi tên loại đánh số riêng cả nhiệm kỳ"
DOCTYPE_ACTIVE = "Đang dùng"
DOCTYPE_RETIRED = "Ngừng dùng"
DOCTYPE_ADD_TITLE = "Thêm tên loại văn bản"
DOCTYPE_ADDED = "Đã thêm tên loại {code} — {name}."
FIELD_DOCTYPE_CODE = "Chữ viết tắt"
FIELD_DOCTYPE_CODE_PH = "ví dụ: ĐA"
FIELD_DOCTYPE_NAME = "Tên loại"
SETTINGS_OFFICE_SAVED = "Đã lưu thông tin cấp ủy."
SETTINGS_SAVED = "Đã lưu {n} cài đặt."
SETTINGS_UNCHANGED = "Không có gì thay đổi."
SETTINGS_HINT = "Ctrl+S: lưu thẻ này · Shift+Tab rồi ← →: sang thẻ khác"
SETTINGS_MOUSE_NOTE = "Thay đổi về chuột có hiệu lực từ lần mở chương trình sau."
SETTING_DEFAULT = "mặc định: {value}"
BOOL_YES = "Có"
BOOL_NO = "Không"
BOOL_ON = "[x] Có"
BOOL_OFF = "[ ] Không"
SETTING_EMPTY = "để trống"

USERS_COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái", "Sổ mật")
USER_SECRET_HANDLER = "Được giao"
KEY_SECRET_GRANT = "Sổ mật"
KEY_SECRET_GRANT_TIP = "Giao hoặc thôi giao quản lý sổ văn bản mật cho tài khoản này"
USER_SECRET_GRANT_ASK = ("Giao cho {full_name} ({username}) quản lý sổ văn bản mật: vào sổ, xem, "
                         "chuyển, in sổ văn bản mật? Việc giao được ghi vào nhật ký.")
USER_SECRET_REVOKE_ASK = "Thôi giao sổ văn bản mật cho {full_name} ({username})?"
USER_SECRET_GRANTED = "Đã giao sổ văn bản mật cho {username}."
USER_SECRET_REVOKED = "Đã thôi giao sổ văn bản mật cho {username}."
USER_ACTIVE = "Đang dùng"
USER_DISABLED = "Đã khóa"
USER_LOCKED = "Tạm khóa đến {time}"
KEY_UNLOCK = "Mở khóa"
USER_UNLOCKED = "Đã mở khóa tài khoản {username}."
USERS_HINT = "F7/^N: thêm · Enter: sửa · F6/^R: đặt lại mật khẩu · U: mở khóa · F5/M: giao sổ mật"
USER_ADD_TITLE = "Thêm tài khoản"
USER_EDIT_TITLE = "Sửa tài khoản {username}"
USER_PASSWORD_TITLE = "Đặt lại mật khẩu cho {username}"
USER_ADDED = "Đã thêm tài khoản {username}."
USER_SAVED = "Đã lưu tài khoản {username}."
USER_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}."
OWN_PASSWORD_TITLE = "Đổi mật khẩu của {username}"
OWN_PASSWORD_DONE = "Đã đổi mật khẩu."

# --- audit log viewer ----------------------------------------------------------------------------
AUDIT_BOOK = "Sổ {book}"                 # a printed or exported book, in the log
AUDIT_COLUMNS = ("Số", "Thời điểm", "Người", "Việc", "Về")
AUDIT_HINT = "Enter: xem chi tiết · /: lọc theo người, việc, bảng, tên · F5/K: kiểm tra chuỗi"
AUDIT_DETAIL_TITLE = "Mục nhật ký số {seq}"
AUDIT_DETAIL_HEAD = "{at} · {username} · {action} · {record}"
AUDIT_RECORD = "{table} (mã {id})"              # a record no describer names (or one now gone)
AUDIT_SOURCES = {"manual": "Văn thư vào sổ", "scan": "Máy quét"}
AUDIT_YES = "Có"
AUDIT_NO = "Không"
AUDIT_FIELD_CHANGE = "{field}: {old} → {new}"
AUDIT_FIELD_NEW = "{field}: {new}"
AUDIT_NO_FIELDS = "(không có dữ liệu đi kèm)"
AUDIT_EMPTY_VALUE = "(trống)"
AUDIT_VERIFY_OK = "Nhật ký thay đổi nguyên vẹn: {count} mục."
AUDIT_VERIFY_BAD = "Nhật ký thay đổi bị can thiệp: mục số {seq} — {reason}."
AUDIT_ACTIONS = {
    "create": "Tạo",
    "update": "Sửa",
    "cancel": "Hủy",
    "delete": "Xóa",
    "login": "Đăng nhập",
    "lock": "Khóa do sai mật khẩu",
    "password": "Đổi mật khẩu",
    "transfer": "Chuyển xử lý",
    "issue": "Phát hành",
    "export": "Xuất",
    "print": "In",
    "import": "Nhập",
    "reject": "Từ chối",
    "purge_secret_file": "Xóa tệp mật",
    "remove_orphan_files": "Dọn tệp thừa",
    "unlock": "Mở khóa tài khoản",
    "reanchor": "Ẩn nội dung mật đã ghi",
    "seal": "Đóng dấu",
    "sign": "Ký",
    "reserve": "Lấy số",
    "open_term": "Mở nhiệm kỳ",
    "grant": "Giao quyền",
    "revoke": "Thu hồi quyền",
    # written by the areas added later: named here so the log (and its "/" filter) has their words
    "grant_secret": "Giao quản lý sổ mật",
    "revoke_secret": "Thôi giao quản lý sổ mật",
    "view": "Xem hồ sơ",
    "override": "Cho chi vượt số dư",
    "open": "Khai mạc",
    "close": "Bế mạc",
    "report": "Lập báo cáo",
    "export_person": "Xuất dữ liệu cá nhân",
    "personal.export": "Xuất dữ liệu cá nhân",
    "anonymise": "Ẩn danh",
    "personal.anonymise": "Ẩn danh",
}
# field → its label in the log's detail (one catalogue for every table; "table.field" first)
AUDIT_FIELDS = {
    "id": "Mã", "year": "Năm", "book": "Quyển sổ", "arrival_no": "Số đến",
    "arrived_at": "Ngày giờ đến", "registered_at": "Ngày giờ vào sổ", "sender": "Nơi gửi",
    "sender_contact": "Nơi gửi (danh bạ)", "doc_number": "Số, ký hiệu", "doc_date": "Ngày văn bản",
    "doc_type": "Loại văn bản", "summary": "Trích yếu", "summary_consent": "Được ghi trích yếu",
    "urgency": "Độ khẩn", "secrecy": "Độ mật", "pages": "Số trang", "copies": "Số bản",
    "handler": "Đơn vị, người nhận", "handler_contact": "Đơn vị, người nhận (danh bạ)",
    "deadline": "Hạn xử lý", "transferred_at": "Ngày chuyển", "received_by": "Ký nhận",
    "status": "Trạng thái", "status_changed_at": "Ngày đổi trạng thái", "source": "Nguồn",
    "notes": "Ghi chú", "cancel_reason": "Lý do hủy", "term": "Nhiệm kỳ",
    "term_start": "Ngày bắt đầu nhiệm kỳ", "term_label": "Tên nhiệm kỳ",
    "body_abbr": "Chữ viết tắt cấp ủy", "series": "Dãy số", "type_code": "Mã loại văn bản",
    "number": "Số", "symbol": "Số, ký hiệu", "congress": "Văn bản đại hội",
    "content": "Nội dung", "content_on_paper": "Nội dung chỉ có trên giấy", "signer": "Người ký",
    "signer_contact": "Người ký (danh bạ)", "signer_position": "Chức vụ người ký",
    "authority": "Thẩm quyền ký", "authority_of": "Ký thay", "signed_on": "Ngày ký",
    "recipients": "Nơi nhận", "filed_in": "Lưu", "issued_at": "Ngày phát hành",
    "created_at": "Ngày tạo", "created_by": "Người tạo", "kind": "Loại", "name": "Tên",
    "abbr": "Viết tắt", "group": "Nhóm", "position": "Chức vụ", "organisation": "Đơn vị",
    "phone": "Điện thoại", "email": "Thư điện tử", "address": "Địa chỉ", "active": "Đang dùng",
    "code": "Ký hiệu", "title": "Tiêu đề", "retention_years": "Thời hạn bảo quản (năm)",
    "keeper": "Người lập", "work_ended_on": "Ngày kết thúc công việc",
    "handed_over_on": "Ngày nộp lưu", "dossier": "Hồ sơ", "incoming": "Văn bản đến",
    "outgoing": "Văn bản đi", "added_at": "Ngày thêm", "superior": "Cấp ủy cấp trên",
    "place": "Địa danh", "value": "Giá trị", "username": "Tên đăng nhập", "full_name": "Họ và tên",
    "role": "Vai trò", "failed_logins": "Số lần nhập sai", "locked_until": "Khóa đến",
    "must_change_password": "Phải đổi mật khẩu", "file": "Tệp", "stored_file": "Tệp lưu trữ",
    "sha256": "Mã băm", "size": "Cỡ (byte)", "original_name": "Tên tệp", "removed": "Đã gỡ",
    "removed_reason": "Lý do gỡ", "removed_at": "Ngày gỡ", "taken_at": "Ngày nhận",
    "taken_by": "Người nhận", "reason": "Lý do", "failed_path": "Tệp lỗi",
    "duplicate_of": "Trùng với", "at": "Lúc", "dismissed": "Đã xem", "used_on": "Ngày đóng dấu",
    "stamped_by": "Người đóng dấu", "handed_on": "Ngày bàn giao", "from_person": "Người giao",
    "to_person": "Người nhận", "witness": "Người chứng kiến", "label": "Tên", "start": "Bắt đầu",
    "end": "Kết thúc", "opened_at": "Ngày mở", "opened_by": "Người mở",
    "rows": "Số dòng", "from": "Từ ngày", "to": "Đến ngày", "format": "Định dạng",
    "_reason": "Lý do", "head_hash": "Mã băm cuối trước đó", "from_seq": "Từ mục số",
    "entries": "Số mục", "at_time": "Lúc", "note": "Ghi chú",
    "office.name": "Tên cấp ủy", "setting.value": "Giá trị", "term.congress": "Đại hội",
    "user_account.active": "Đang dùng", "contact.kind": "Cơ quan / cá nhân",
    "grant_secret": "Giao quản lý sổ văn bản mật",
    "revoke_secret": "Thôi giao quản lý sổ văn bản mật",
}
# table → what a person calls it (a table not listed shows its own name)
AUDIT_TABLES = {
    "office": "Cấp ủy",
    "setting": "Cài đặt",
    "user_account": "Tài khoản",
    "incoming": "Văn bản đến",
    "incoming_step": "Xử lý VB đến",
    "outgoing": "Văn bản đi",
    "outgoing_recipient": "Nơi nhận VB đi",
    "attachment": "Tệp đính kèm",
    "stored_file": "Tệp lưu trữ",
    "contact": "Danh bạ",
    "doc_type": "Loại văn bản",
    "dossier": "Hồ sơ",
    "dossier_item": "Văn bản trong hồ sơ",
    "scan_intake": "Văn bản quét",
    "scan_rejection": "Tệp quét bị từ chối",
    "seal_handover": "Bàn giao con dấu",
    "seal_use": "Sổ đóng dấu",
    "term": "Nhiệm kỳ",
    "audit_entry": "Nhật ký thay đổi",
    # dues and the treasurer
    "party_member": "Đảng viên",
    "receipt": "Phiếu thu",
    "cash_entry": "Sổ quỹ tiền mặt",
    "dues_rule": "Mức đảng phí",
    "dues_exemption": "Miễn, giảm đảng phí",
    "dues_payment": "Nộp đảng phí",
    "dues_payment_month": "Tháng nộp đảng phí",
    "dues_remittance": "Nộp đảng phí lên cấp trên",
    "asset": "Tài sản",
    "inventory_check": "Kiểm kê tài sản",
    "inventory_item": "Dòng kiểm kê tài sản",
    # meetings
    "meeting": "Hội nghị",
    "meeting_agenda_item": "Chương trình hội nghị",
    "meeting_document": "Tài liệu hội nghị",
    "meeting_attendee": "Thành phần dự hội nghị",
    "meeting_speech": "Phát biểu tại hội nghị",
    "meeting_vote": "Biểu quyết",
    "meeting_amendment": "Đính chính biên bản",
    "meeting_draft": "Bản nháp biên bản",
    # reception and tasks
    "reception": "Sổ tiếp khách",
    "reception_step": "Theo dõi vụ việc tiếp dân",
    "reception_day": "Lịch tiếp dân",
    "task": "Việc đột xuất",
    # programs and reports
    "work_program": "Chương trình công tác",
    "work_program_item": "Việc trong chương trình công tác",
    "report_due": "Báo cáo phải nộp",
    "draft_document": "Soạn thảo văn bản",
    # what is written without a table of its own: an export, one person's data, an account
    # named as the personal-data sources name it
    "statistics": "Số liệu thống kê",
    "members": "Danh sách đảng viên",
    "dues": "Các lần nộp đảng phí",
    "cashbook": "Sổ quỹ tiền mặt",
    "assets": "Sổ tài sản",
    "person": "Dữ liệu cá nhân",
    "user": "Tài khoản",
}

# =================================================================================================
# --- the registers (sổ văn bản đến, đi, mật, hồ sơ, con dấu, danh bạ, máy quét) -------------------
AREA_INCOMING = "Văn bản đến"
AREA_OUTGOING = "Văn bản đi"
AREA_SECRET = "Sổ văn bản mật"
AREA_DOSSIERS = "Hồ sơ"
AREA_SEAL = "Sổ con dấu"
AREA_DIRECTORY = "Danh bạ"
AREA_INTAKE = "Máy quét"
AREA_INCOMING_HELP = "Sổ đăng ký văn bản đến: vào sổ, chuyển xử lý, theo dõi hạn"
AREA_OUTGOING_HELP = "Sổ đăng ký văn bản đi: lấy số, ký, đóng dấu, phát hành"
AREA_SECRET_HELP = "Văn bản Mật, Tối mật, Tuyệt mật: chỉ ghi thông tin, không lưu tệp"
AREA_DOSSIERS_HELP = "Lập hồ sơ, theo dõi hạn nộp lưu"
AREA_SEAL_HELP = "Sổ đóng dấu và bàn giao con dấu"
AREA_DIRECTORY_HELP = "Danh bạ cơ quan, cá nhân phối hợp"
AREA_INTAKE_HELP = "Tệp máy quét bị từ chối và văn bản quét cần bổ sung"

# keys of the register screens (footer; the help screen lists them with their twins)
KEY_REGISTER = "Vào sổ"
KEY_RESERVE = "Lấy số"
KEY_NEW = "Thêm"
KEY_FILTERS = "Bộ lọc"
KEY_CLEAR_FILTERS = "Bỏ mọi bộ lọc"
KEY_PRINT = "In sổ"
KEY_PRINT_INVENTORY = "In biên bản kiểm kê"
KEY_EXPORT = "Xuất"
KEY_CANCEL = "Hủy bỏ"
KEY_TRANSFER = "Chuyển"
KEY_STATUS = "Trạng thái"
KEY_EDIT = "Sửa"
KEY_CANCEL_DOC = "Hủy"
KEY_CANCEL_NUMBER = "Hủy số"
KEY_OPEN_FILE = "Mở tệp"
KEY_ATTACH = "Đính kèm"
KEY_FILE_INTO = "Lưu vào hồ sơ"
KEY_SIGN = "Ký"
KEY_ISSUE = "Phát hành"
KEY_SEAL = "Đóng dấu"
KEY_SWITCH = "Đổi sổ"
KEY_SWITCH_LIST = "Đổi danh sách"
KEY_DISMISS = "Đã xử lý xong"
KEY_RETIRE = "Ngừng dùng"
KEY_CLOSE_WORK = "Kết thúc"
KEY_HAND_OVER = "Nộp lưu"
KEY_PICK = "Chọn trong danh bạ"
KEY_PREV_CHOICE = "Lựa chọn trước"
KEY_NEXT_CHOICE = "Lựa chọn sau"
KEY_NEXT_FIELD = "Sang ô sau"
TIP_FILTERS = "Lọc danh sách"
# F1 names the filters the list has: "Lọc danh sách theo: năm, trạng thái"
HELP_FILTERS_BY = "Lọc danh sách theo: {names}"

HELP_INCOMING = [("Enter", "Mở văn bản: chuyển, trạng thái, sửa, hủy, tệp")]
TIP_REGISTER = "Vào sổ một văn bản đến (cấp số đến)"
TIP_RESERVE = "Lấy số văn bản đi theo tên loại (đánh số cả nhiệm kỳ)"
TIP_PRINT = "In sổ theo khoảng ngày (tệp PDF, gửi máy in)"
TIP_EXPORT = "Xuất sổ ra tệp CSV hoặc Excel"
TIP_OVERDUE = "Chỉ văn bản quá hạn xử lý (bấm lại: bỏ)"
HELP_FORM = [("Enter", "Sang ô sau; ô cuối: lưu"),
             ("← →", "Đổi lựa chọn (độ khẩn, độ mật, tên loại …); gõ chữ đầu để nhảy tới"),
             ("↓ (ô danh bạ)", "Mở danh sách danh bạ để chọn hoặc thêm mới")]

# table headers (columns chosen to fit 80 columns; the detail shows everything)
COL_ARRIVAL_NO = L.ARRIVAL_NO
COL_ARRIVED = L.ARRIVED
COL_SENDER = L.SENDER
COL_DOC_NUMBER = L.DOC_NUMBER
COL_SUMMARY = L.SUMMARY
COL_HANDLER = L.HANDLER
COL_DEADLINE = L.DEADLINE
COL_STATUS = L.STATUS
COL_SYMBOL = L.SYMBOL
COL_DATE = "Ngày"
COL_SIGNER = L.SIGNER
COL_RECIPIENTS = L.RECIPIENTS
COL_COPIES = L.COPIES
COL_NAME = L.CONTACT_NAME
COL_KIND = L.CONTACT_KIND
COL_GROUP = L.CONTACT_GROUP
COL_POSITION = L.POSITION
COL_ORG = L.ORGANISATION
COL_PHONE = L.PHONE
COL_CODE = "Ký hiệu"
COL_TITLE = "Tiêu đề hồ sơ"
COL_YEAR = "Năm"
COL_RETENTION = "Bảo quản"
COL_HANDOVER_DUE = "Hạn nộp lưu"
COL_STATE = "Tình trạng"
COL_DOCUMENT = L.STAMPED_DOCUMENT
COL_STAMPED_BY = L.STAMPED_BY
COL_FROM = L.HANDED_BY
COL_TO = L.HANDED_TO
COL_WITNESS = L.WITNESS
COL_REASON = L.REASON
COL_FILE = "Tệp"
COL_PROBLEM = "Vấn đề"
COL_WHEN = "Lúc"
COL_DOC_DATE = L.DOC_DATE
COL_STAMPED_ON = L.STAMPED_ON
COL_HANDED_ON = L.HANDED_ON

OVERDUE_SHORT = "Quá hạn"
NO_SUMMARY_YET = "(chưa có trích yếu)"
STATUS_OPEN = "Chưa xong (cần bổ sung, chờ, đang xử lý)"
UNKNOWN = "không rõ"
NOTHING_CHANGED = "Không có gì thay đổi."
NOT_ASSIGNED = "(chưa giao)"

# filters
FILTER_TITLE = "Bộ lọc"
FILTER_ALL = "Tất cả"
FILTER_YEAR = "Năm {year}"
FILTER_YEAR_PH = "để trống: mọi năm"
FILTER_OVERDUE = "Quá hạn"
FILTER_OVERDUE_DOSSIERS = "Quá hạn nộp lưu"
FILTER_INACTIVE = "Cả mục đã ngừng dùng"
FILTER_DIALOG_HINT = "← →: đổi lựa chọn · Ctrl+S: lọc · F5: bỏ mọi bộ lọc · Esc: đóng"
FILTERS_ACTIVE = "Đang lọc: {filters} · F5: bộ lọc · Esc: bỏ từ tìm"
TABLE_EMPTY_FILTERED = "Không có mục nào khớp: {filters}."

# forms
FORM_HINT = "Enter: ô sau · ← →: đổi · ↓ ở ô danh bạ: chọn · Ctrl+S: lưu · Esc: thôi"
FORM_DISCARD = "Bỏ những gì vừa nhập?"
QUIT_DISCARD = "Thoát chương trình? Những gì vừa nhập mà chưa lưu sẽ mất."
TIME_PLACEHOLDER = "hh:mm"
TIME_INVALID = "Giờ cần dạng hh:mm, ví dụ 08:30."
FIELD_REASON = "Lý do"
FIELD_EDIT_REASON = "Lý do sửa"
FIELD_YEAR = "Năm"
FIELD_STATUS = "Trạng thái"
FIELD_ARRIVED_ON = "Ngày đến"
FIELD_ARRIVED_TIME = "Giờ đến"
FIELD_ARRIVED_AT = "Đến lúc"
FIELD_SENDER = L.SENDER
FIELD_DOC_NUMBER = L.DOC_NUMBER
FIELD_DOC_NUMBER_PH = "ví dụ: 125-CV/TU"
FIELD_DOC_DATE = L.DOC_DATE
FIELD_DOC_TYPE = L.DOC_TYPE
FIELD_SUMMARY = L.SUMMARY
FIELD_SUMMARY_PH = "nội dung chính của văn bản"
FIELD_URGENCY = L.URGENCY
FIELD_SECRECY = L.SECRECY
FIELD_SUMMARY_CONSENT = "Ghi trích yếu Tuyệt mật"
FIELD_PAGES = L.PAGES
FIELD_COPIES = L.COPIES
FIELD_HANDLER = L.HANDLER
FIELD_DEADLINE = L.DEADLINE
FIELD_NOTES = "Ghi chú"
FIELD_RECEIVED_BY = "Người ký nhận"
FIELD_RECEIVED_BY_PH = "họ tên người nhận văn bản"
FIELD_NEW_STATUS = "Chuyển sang"
FIELD_STATUS_NOTE = "Ghi chú"
FIELD_STATUS_NOTE_PH = "bắt buộc khi chuyển lùi"
FIELD_DATE_FROM = "Từ ngày"
FIELD_DATE_TO = "Đến ngày"
FIELD_FORMAT = "Định dạng"
FIELD_EXPORT_PATH = "Lưu vào tệp"
FIELD_FILE_PATH = "Đường dẫn tệp"
SUMMARY_REQUIRED = "Chưa nhập trích yếu."
DATES_REVERSED = "“Đến ngày” phải sau “Từ ngày”."

# directory fields and the type-ahead
CONTACT_PLACEHOLDER = "gõ vài chữ (không cần dấu), Enter hoặc ↓ để chọn"
CONTACT_PLACEHOLDER_MULTI = "gõ tên, Enter để chọn; nhiều nơi cách nhau bởi ;"
CONTACT_MATCHES = "Danh bạ: {names} (Enter/↓: chọn)"
CONTACT_NO_MATCH = "Không có trong danh bạ — Enter: thêm mới hoặc ghi đúng như đã gõ"
CONTACT_REQUIRED = "Chưa nhập {label}."
CONTACT_UNRESOLVED = "Chưa chọn trong danh bạ (Enter hoặc ↓: chọn, thêm mới)."
CONTACT_UNRESOLVED_NAME = "“{name}” chưa chọn trong danh bạ (Enter: chọn, thêm mới)."
PICK_CONTACT_TITLE = "{label} — chọn trong danh bạ"
PICK_ADD = "+ Thêm vào danh bạ: “{text}”"
PICK_FREE = "= Ghi đúng như đã gõ (không thêm vào danh bạ): “{text}”"
PICKER_PLACEHOLDER = "gõ để lọc (không cần dấu)"
PICKER_HINT = "↑ ↓: chọn dòng · Enter: lấy dòng này · Esc: thôi"
PICKER_NONE = "(không có mục nào khớp)"
CONTACT_ADD_TITLE = "Thêm vào danh bạ"
CONTACT_EDIT_TITLE = "Danh bạ: {name}"
CONTACT_ADDED = "Đã thêm “{name}” vào danh bạ."
CONTACT_SAVED = "Đã lưu “{name}”."
FIELD_CONTACT_DELEGATED = "Được ủy quyền ký văn bản của cấp ủy"
CONTACT_SAME_NAME_TITLE = "Trùng họ tên"
CONTACT_SAME_NAME_ENTRY = "• {name} — {position}, {unit}"
CONTACT_SAME_NAME_ASK = ("Danh bạ đã có:\n{entries}\n\nVẫn lưu “{name}” là một người (cơ quan) "
                         "khác cùng tên?")
CONTACT_SAME_NAME_YES = "Lưu người khác cùng tên"
CONTACT_NO_POSITION = "chưa ghi chức vụ"
CONTACT_NO_UNIT = "chưa ghi đơn vị"
FIELD_CONTACT_NAME = "Tên cơ quan hoặc họ tên"
FIELD_CONTACT_KIND = "Loại"
FIELD_CONTACT_GROUP = "Nhóm"
FIELD_CONTACT_ABBR = "Viết tắt"
FIELD_CONTACT_POSITION = "Chức vụ"
FIELD_CONTACT_ORG = "Đơn vị"
FIELD_CONTACT_PHONE = "Điện thoại"
FIELD_CONTACT_EMAIL = "Thư điện tử"
FIELD_CONTACT_ADDRESS = "Địa chỉ"

# incoming
INCOMING_HINT = "Enter: mở · /: tìm · N: vào sổ · B: lọc · Q: quá hạn · I: in sổ · X: xuất"
INCOMING_NEW_TITLE = "Vào sổ văn bản đến"
INCOMING_EDIT_TITLE = "Sửa văn bản đến số {no}"
INCOMING_COMPLETE_TITLE = "Bổ sung văn bản đến số {no}"
INCOMING_DETAIL_TITLE = "Văn bản đến số {no}"
INCOMING_NEXT_NUMBER = "Số đến sẽ cấp: {no}"
INCOMING_NUMBER_KEPT = "Số đến {no} giữ nguyên."
INCOMING_REGISTERED_TITLE = "Đã vào sổ"
INCOMING_REGISTERED = "Đã vào sổ văn bản đến số {no}."
INCOMING_REGISTERED_SECRET = "Văn bản mật: chỉ ghi thông tin vào sổ văn bản mật, không lưu tệp."
INCOMING_CORRECTED = "Đã sửa văn bản đến số {no}; lý do được ghi vào nhật ký."
INCOMING_COMPLETED = "Đã bổ sung văn bản đến số {no}: nay ở trạng thái Chờ xử lý."
SECRET_FILES_REMOVED = ("Văn bản mật chỉ ghi thông tin vào sổ: {n} tệp đính kèm đã được xóa khỏi máy "
                        "(việc xóa được ghi vào nhật ký).")
INCOMING_CANCELLED = "Đã hủy văn bản đến số {no}; số này không cấp lại."
INCOMING_DETAIL_HINT = "M: mở tệp · A: đính kèm · L: lưu vào hồ sơ · F1: mọi phím · Esc: quay lại"
INCOMING_DETAIL_HINT_SCAN = "Bản quét cần bổ sung: F7/S để ghi thông tin · M: xem bản quét · Esc: quay lại"
CANCEL_INCOMING_TITLE = "Hủy văn bản đến số {no}"
CANCEL_INCOMING_QUESTION = "Văn bản vẫn nằm trong sổ với dấu “Đã hủy”; số đến không cấp lại. Ghi lý do hủy:"
COMPLETE_FIRST = "Văn bản quét còn thiếu thông tin: bấm F7 (hoặc S) để bổ sung trước."
TRANSFER_TITLE = "Chuyển xử lý văn bản đến số {no}"
TRANSFERRED = "Đã chuyển văn bản số {no} cho {handler}; {received_by} ký nhận."
STATUS_TITLE = "Văn bản đến số {no}: {status}"
STATUS_HINT = "← →: chọn trạng thái · Enter: sang ô sau · Ctrl+S: lưu"
STATUS_CHANGED = "Văn bản đến số {no}: {status}."
ARRIVED_REGISTERED = "{arrived} (vào sổ {registered})"
NUMBER_AND_DATE = "{number}, ngày {date}"
MARKS = "Độ khẩn, mật"
MARKS_LINE = "{urgency} · {secrecy} · {pages} trang · {copies} bản"
TRANSFER_LINE = "Chuyển"
TRANSFERRED_LINE = "{at}, ký nhận: {received_by}"
IN_DOSSIER = "Hồ sơ"
SCAN_FILE = "Bản quét"
SCAN_LINE = "{name} (nhận lúc {at})"
CANCELLED_LINE = "Đã hủy: {reason}"
STEPS = "Các bước xử lý"
ATTACHMENTS = "Tệp đính kèm"
ATTACHMENT_LINE = "  {i}. {name} — {pages} trang, {kb} KB"
ATTACHMENT_REMOVED = "  {i}. {name} — đã xóa: {reason}"
NO_ATTACHMENTS = "Văn bản này không có tệp đính kèm."
SECRET_NO_FILES = "Văn bản mật: chỉ ghi thông tin, không lưu tệp."
PICK_ATTACHMENT = "Chọn tệp để mở"
PICK_DOSSIER = "Lưu vào hồ sơ nào?"
FILED_INTO = "Đã lưu vào hồ sơ {code}."
ATTACH_TITLE = "Đính kèm tệp"
ATTACH_HINT = "Đường dẫn đầy đủ của tệp trên máy này, ví dụ /home/vanthu/scan/cv125.pdf"
ATTACHED = "Đã đính kèm “{name}”."
FILE_NOT_FOUND = "Không có tệp {path}."
FILE_OPENED = "Đã mở “{name}” bằng chương trình xem tệp của máy."
FILE_INFO_TITLE = "Tệp {name}"
FILE_INFO_HINT = "Máy này không có màn hình đồ họa để mở tệp; đây là nội dung chữ đọc được. Esc: đóng"
FILE_PATH = "Nơi lưu"
FILE_PAGES = "Số trang"
FILE_SIZE = "Dung lượng"
FILE_SIZE_KB = "{kb} KB"
FILE_TEXT = "Chữ trong tệp"
FILE_NO_TEXT = "(tệp không có lớp chữ — bản quét ảnh)"

# printing and exporting
DIALOG_PRINT = "In (Ctrl+S)"
DIALOG_RESERVE = "Lấy số (Ctrl+S)"
DIALOG_TRANSFER = "Chuyển (Ctrl+S)"
DIALOG_EXPORT = "Xuất (Ctrl+S)"
DIALOG_FILTER = "Lọc (Ctrl+S)"
BOOK_NAMES = {"incoming": "văn bản đến", "outgoing": "văn bản đi", "directory": "danh bạ",
              "secret_incoming": "văn bản mật đến", "secret_outgoing": "văn bản mật đi",
              "seal": "theo dõi sử dụng con dấu", "seal_handovers": "bàn giao con dấu"}
# what one line of the book counts ("3 văn bản", "3 lần đóng dấu")
BOOK_UNITS = {"seal": "lần đóng dấu", "seal_handovers": "lần bàn giao"}
BOOK_UNIT = "văn bản"
PRINT_TITLE = "In sổ {book}"
PRINT_HINT = "Sổ in khổ A4 ngang, lưu tệp PDF rồi gửi tới máy in (Cài đặt: Lệnh in)."
PRINT_WORKING = "Đang in sổ {book} ({n} {unit})…"
PRINT_DONE_TITLE = "In sổ"
PRINT_SENT = "Đã gửi sổ {book} ({n} {unit}, {period}) tới máy in.\nTệp PDF: {path}"
PRINT_SAVED = "Đã lưu sổ {book} ({n} {unit}, {period}) vào tệp:\n{path}\n\n{problem}"
PRINT_NO_COMMAND = "Chưa đặt lệnh in (Cài đặt → Lệnh in): hãy mở tệp trên để in."
PRINT_COMMAND_MISSING = ("Máy này không có lệnh in “{command}”: hãy mở tệp trên để in, "
                         "hoặc sửa Lệnh in trong Cài đặt.")
PRINT_BAD_COMMAND = "Lệnh in “{command}” viết sai; hãy sửa trong Cài đặt."
PRINT_COMMAND_FAILED = "Lệnh in “{command}” báo lỗi: {detail}. Tệp vẫn được lưu."
PRINT_FAILED = "Không lưu được tệp PDF: {detail}."
EXPORT_TITLE = "Xuất sổ {book}"
EXPORT_PATH_PH = "để trống: thư mục exports của văn phòng"
EXPORT_HINT = "Để trống ô tệp: lưu vào {folder}. Văn bản mật không bao giờ được xuất."
_EXPORT_HINT_SECRET = ("Để trống ô tệp: lưu vào {folder}. Chỉ có thông tin văn bản mật, không có "
                       "tệp; giữ tệp xuất như sổ mật.")
EXPORT_HINTS = {"secret_incoming": _EXPORT_HINT_SECRET, "secret_outgoing": _EXPORT_HINT_SECRET,
                "seal": "Để trống ô tệp: lưu vào {folder}. Văn bản mật chỉ ghi số, ký hiệu, "
                        "không ghi trích yếu."}
EXPORT_DONE_TITLE = "Xuất sổ"
EXPORT_DONE = "Đã xuất {n} dòng vào tệp:\n{path}"
EXPORT_FAILED = "Không ghi được {path}: {detail}."

# outgoing
OUTGOING_HINT = "Enter: mở · /: tìm · N: lấy số · B: lọc · I: in sổ · X: xuất"
RESERVE_TITLE = "Lấy số văn bản đi"
NEXT_SYMBOL = "Số sẽ lấy: {symbol}"
RESERVED = "Đã lấy số {symbol}."
FIELD_CONGRESS = "Văn bản đại hội"
FIELD_OUT_SUMMARY_PH = "trích yếu; công văn: V/v …"
OUTGOING_EDIT_TITLE = "Văn bản đi {symbol}: điền, sửa"
OUTGOING_DETAIL_TITLE = "Văn bản đi {symbol}"
OUTGOING_SAVED = "Đã lưu văn bản {symbol}."
OUTGOING_DETAIL_HINT = "H: hủy số · M: mở tệp · A: đính kèm · L: lưu vào hồ sơ · F1: mọi phím"
FIELD_CONTENT = "Nội dung"
FIELD_CONTENT_PH = "tóm tắt, hoặc để trống nếu chỉ có bản giấy"
FIELD_CONTENT_ON_PAPER = "Nội dung trên bản giấy"
FIELD_RECIPIENTS = "Nơi nhận"
FIELD_FILED_IN = "Nơi lưu"
FIELD_FILED_IN_PH = "ví dụ: Lưu Văn phòng Đảng ủy"
CONGRESS_SERIES = "dãy số văn bản đại hội"
CONTENT_ON_PAPER = "(có trên bản giấy)"
SIGNATURE = "Ký"
SIGNATURE_LINE = "{lines} — {signer} (ký ngày {date})"
NOT_SIGNED = "(chưa ký)"
COPIES_FILED = "Số bản, nơi lưu"
COPIES_FILED_LINE = "{copies} bản · {filed_in}"
MARKS_OUT = "Độ khẩn, mật"
SEAL_USED = "Đóng dấu"
SEAL_USE_LINE = "{date} — {copies} bản, {by}"
ISSUED_AT = "Phát hành lúc"
NUMBER_CANCELLED_LINE = "Đã hủy số: {reason}"
MISSING_TITLE = "Còn thiếu để phát hành (9 thành phần bắt buộc)"
READY_TITLE = "Đủ 9 thành phần: F6/P để phát hành."
ISSUE_QUESTION = "Phát hành văn bản {symbol}?"
ISSUED = "Đã phát hành {symbol}."
CANCEL_NUMBER_TITLE = "Hủy số {symbol}"
CANCEL_NUMBER_QUESTION = "Số đã hủy không bao giờ cấp lại và vẫn nằm trong sổ. Ghi lý do hủy số:"
NUMBER_CANCELLED = "Đã hủy số {symbol}."
SIGN_TITLE = "Ghi chữ ký: {symbol}"
SIGN_HINT = "Thể thức: ← → (Ký trực tiếp, T/M, K/T, T/L). “Thay mặt” để trống: tự điền ĐẢNG ỦY hoặc BÍ THƯ."
FIELD_SIGNER = "Người ký"
FIELD_SIGNER_POSITION = "Chức vụ người ký"
FIELD_SIGNER_POSITION_PH = "ví dụ: BÍ THƯ"
FIELD_AUTHORITY = "Thể thức ký"
FIELD_AUTHORITY_OF = "Thay mặt / ký thay"
FIELD_AUTHORITY_OF_PH = "ví dụ: ĐẢNG ỦY"
FIELD_SIGNED_ON = "Ngày ký"
SIGNED = "Đã ghi chữ ký của {signer} cho {symbol}."

# seal
SEAL_USES_TITLE = "Sổ đóng dấu"
SEAL_HANDOVERS_TITLE = "Bàn giao con dấu"
SEAL_HINT = "Người giữ dấu: {keeper} · N: ghi mới · T: đổi sổ · I: in sổ · X: xuất"
SEAL_NO_KEEPER = "chưa ghi bàn giao"
SEAL_REFUSED_TITLE = "Không đóng dấu"
SEAL_USE_TITLE = "Đóng dấu {symbol}"
SEAL_USE_INTRO = "Văn bản {symbol}, người ký: {signer}."
FIELD_SEAL_COPIES = "Số bản đóng dấu"
FIELD_SEAL_DATE = "Ngày đóng dấu"
FIELD_STAMPED_BY = "Người đóng dấu"
SEAL_USED_DONE = "Đã ghi sổ đóng dấu {symbol}: {copies} bản."
PICK_OUTGOING = "Đóng dấu văn bản nào?"
PICK_OUTGOING_LINE = "{symbol} — {summary} ({signer})"
HANDOVER_TITLE = "Bàn giao con dấu"
FIELD_HANDOVER_FROM = "Người giao"
FIELD_HANDOVER_TO = "Người nhận"
FIELD_WITNESS = "Người chứng kiến"
FIELD_HANDOVER_DATE = "Ngày bàn giao"
HANDOVER_DONE = "Đã ghi bàn giao con dấu cho {to}."

# secret register
SECRET_INCOMING_TITLE = "Sổ văn bản mật — đến"
SECRET_OUTGOING_TITLE = "Sổ văn bản mật — đi"
SECRET_HINT = "Chỉ ghi thông tin, không lưu tệp · T: đến/đi · N: thêm · I: in sổ · X: xuất"

# directory
DIRECTORY_HINT = "Enter: sửa · /: tìm (không dấu) · N: thêm · H: ngừng dùng · B: lọc · X: xuất"
CONTACT_RETIRE_Q = "Ngừng dùng “{name}” trong danh bạ? (văn bản cũ vẫn giữ tên này)"
CONTACT_RESTORE_Q = "Dùng lại “{name}”?"
CONTACT_RETIRED = "Đã ngừng dùng “{name}”."
CONTACT_RESTORED = "Đã dùng lại “{name}”."

# dossiers
DOSSIER_HINT = "Enter: mở · /: tìm · N: lập hồ sơ · Q: quá hạn nộp lưu · B: lọc"
DOSSIER_NEW_TITLE = "Lập hồ sơ mới"
DOSSIER_EDIT_TITLE = "Sửa hồ sơ {code}"
DOSSIER_DETAIL_TITLE = "Hồ sơ {code}"
DOSSIER_CREATED = "Đã lập hồ sơ {code}."
DOSSIER_SAVED = "Đã lưu hồ sơ {code}."
DOSSIER_DOCS = "Văn bản trong hồ sơ ({n}) — Enter: mở"
DOSSIER_EMPTY = "(chưa có văn bản; thêm từ màn hình văn bản, phím L)"
DOSSIER_DOC_IN = "Đến {no}  {date}  {summary}"
DOSSIER_DOC_OUT = "Đi {symbol}  {date}  {summary}"
DOSSIER_DETAIL_HINT = "F7/S: sửa · K: kết thúc công việc · L: nộp lưu · R: rút văn bản ra"
FIELD_DOSSIER_CODE = "Ký hiệu hồ sơ"
FIELD_DOSSIER_TITLE = "Tiêu đề hồ sơ"
FIELD_RETENTION = "Thời hạn bảo quản"
FIELD_RETENTION_PH = "vĩnh viễn, hoặc số năm: 10 năm"
FIELD_KEEPER = "Người lập hồ sơ"
FIELD_WORK_ENDED = "Kết thúc công việc"
WORK_GOING_ON = "(đang làm)"
KEY_REMOVE_DOC = "Rút văn bản"
CLOSE_WORK_Q = "Ghi công việc của hồ sơ {code} kết thúc ngày {date}? Hạn nộp lưu là một năm sau."
HAND_OVER_Q = "Ghi hồ sơ {code} đã nộp lưu ngày {date}? Sau đó không thêm, rút văn bản được nữa."
REMOVE_DOC_TITLE = "Rút khỏi hồ sơ: {doc}"
REMOVE_DOC_QUESTION = "Ghi lý do rút văn bản ra khỏi hồ sơ:"

# scanner intake
INTAKE_NEEDS_TITLE = "Máy quét — văn bản cần bổ sung"
INTAKE_REJECTED_TITLE = "Máy quét — tệp bị từ chối"
# the keys first: a long folder is cut at the edge, not the keys
INTAKE_RUNNING = "T: đổi danh sách · Enter: mở · Đang nhận bản quét từ {inbox}"
INTAKE_NOT_RUNNING = "T: đổi danh sách · Thư mục nhận: {inbox} (không nhận trong giao diện này)"
INTAKE_NO_INBOX = "(chưa đặt)"
DISMISS_Q = "Tệp này đã được xử lý xong (đã quét lại, xóa, hoặc chuyển đi)? Nó sẽ rời danh sách."
DISMISSED = "“{name}” đã rời danh sách tệp bị từ chối."
REJECTION_TITLE = "Tệp bị từ chối: {name}"
REJECTION_NOW_AT = "Tệp hiện ở"
REJECTION_DELETED = "(đã xóa: văn bản mật không lưu tệp trên máy)"
REJECTION_DUPLICATE_OF = "Trùng với văn bản đến số"
REJECTION_HINT = "X: đã xử lý xong · Esc: đóng"

# --- the treasurer's area: members, dues, receipts, cash book, assets --------------------------
AREA_MEMBERS = "Đảng viên"
AREA_MEMBERS_HELP = "Danh sách đảng viên theo chi bộ (dữ liệu cá nhân: xem đều được ghi nhật ký)"
AREA_DUES = "Thu đảng phí"
AREA_DUES_HELP = "Đảng phí từng tháng, ghi nộp và in phiếu thu"
AREA_CASHBOOK = "Sổ quỹ tiền mặt"
AREA_CASHBOOK_HELP = "Thu, chi và tồn quỹ"
AREA_ASSETS = "Tài sản"
AREA_ASSETS_HELP = "Sổ tài sản và kiểm kê"
COL_FULL_NAME = L.FULL_NAME
COL_BIRTH = L.BIRTH_DATE
COL_CELL = L.CELL
COL_ADMITTED = L.ADMITTED_ON
COL_MEMBER_STATUS = L.MEMBER_STATUS
COL_DUE = L.DUE
COL_PAID = L.PAID
COL_RECEIPT = L.RECEIPT
COL_VOUCHER = L.VOUCHER
COL_CONTENT = L.CONTENT
COL_IN = L.CASH_IN
COL_OUT = L.CASH_OUT
COL_BALANCE = L.BALANCE
COL_ASSET_CODE = L.ASSET_CODE
COL_ASSET = L.ASSET_NAME
COL_QTY = L.QUANTITY
COL_UNIT_VALUE = L.UNIT_PRICE
COL_LOCATION = L.LOCATION
COL_CONDITION = L.CONDITION
COL_DESCRIPTION = L.DESCRIPTION
DUES_TITLE = "Thu đảng phí tháng {month}"
DUES_HINT = "N: ghi nộp · I: in phiếu · A: cả tháng · S/B: danh sách/báo cáo · [ ]: tháng"
DUES_UNPAID = "Chưa nộp"
DUES_EXEMPT = "Miễn"
KEY_PAY = "Ghi nộp"
KEY_PRINT_RECEIPT = "In phiếu"
KEY_PRINT_MONTH = "In cả tháng"
KEY_PREV_MONTH = "Tháng trước"
KEY_NEXT_MONTH = "Tháng sau"
PAY_TITLE = "Ghi nộp đảng phí: {name}"
PAY_INTRO = "{name} — {cell}\nPhải nộp tháng {month}: {due}{note}"
PAY_NOTE_PAID = " (đã nộp)"
FIELD_PAY_MONTHS = "Các tháng nộp"
PAY_MONTHS_PH = "ví dụ 03/2026, 04/2026"
FIELD_PAY_METHOD = "Hình thức"
PAY_CASH = "Tiền mặt (in phiếu thu)"
PAY_PORTAL = "Cổng Dịch vụ công"
FIELD_PAY_EXTRA = "Đóng góp tự nguyện"
FIELD_PAY_DATE = "Ngày nộp"
FIELD_PAYER = "Người nộp tiền"
PAY_DONE_CASH = ("Đã ghi {amount} ({months}) của {name}. Phiếu thu số {receipt}.\n"
                 "In phiếu thu ngay?")
PAY_DONE_PORTAL = "Đã ghi {amount} ({months}) của {name}, nộp qua Cổng Dịch vụ công."
PAY_PRINT_YES = "In phiếu (Enter)"
PAY_PRINT_NO = "Để sau (Esc)"
RECEIPT_NONE = "{name} chưa có phiếu thu tháng {month} (chưa nộp, hoặc nộp qua Cổng Dịch vụ công)."
RECEIPTS_NONE_MONTH = "Không có phiếu thu nào lập trong tháng {month}."
RECEIPT_PRINT_TITLE = "In phiếu thu"
PAPER_PRINT_TITLE = "In {what}"     # the result of printing a dues paper or the cash book
DIALOG_CHOOSE = "Chọn (Ctrl+S)"
RECEIPT_WORKING = "Đang in {n} phiếu thu…"
RECEIPT_SENT = "Đã gửi {n} phiếu thu ({labels}) tới máy in.\nTệp PDF: {path}"
RECEIPT_SAVED = "Đã lưu {n} phiếu thu ({labels}) vào tệp:\n{path}\n\n{problem}"
MONTH_ASK_TITLE = "Chọn tháng"
MEMBERS_HINT = "Enter: xem hồ sơ (được ghi nhật ký) · N: thêm đảng viên · /: tìm"
MEMBER_TITLE = "Đảng viên: {name}"
MEMBER_BIRTH = "Ngày sinh"
MEMBER_CELL = "Chi bộ"
MEMBER_ADMITTED = "Ngày vào Đảng"
MEMBER_OFFICIAL = "Ngày chính thức"
MEMBER_CARD = "Số thẻ"
MEMBER_CATEGORY = "Đối tượng đóng đảng phí"
MEMBER_BASE = "Mức tính đảng phí"
MEMBER_STATUS = "Tình trạng"
MEMBER_DUES = "Đảng phí năm {year}"
MEMBER_UNPAID = "Tháng chưa nộp"
MEMBER_UNPAID_NONE = "không có"
MEMBER_FLAGGED = "Chưa nộp từ 3 tháng trở lên trong năm: chi bộ xem xét (chương trình không xóa tên ai)."
MEMBER_PAYMENTS = "Các lần nộp"
MEMBER_PAYMENT_LINE = "{date}  {amount}  tháng {months}  {method}{receipt}{cancelled}"
MEMBER_HINT = "N: ghi nộp · M: miễn, giảm · E: sửa · Esc: quay lại"
MEMBER_NEW_TITLE = "Thêm đảng viên"
FIELD_BIRTH = "Ngày sinh"
FIELD_CELL = "Chi bộ"
FIELD_ADMITTED = "Ngày vào Đảng"
FIELD_CARD = "Số thẻ đảng viên"
FIELD_CATEGORY = "Đối tượng đóng"
FIELD_BASE = L.BASE_AMOUNT            # the label column is 24 wide: what it is, in the help line
FIELD_BASE_HELP = "lương, trợ cấp hoặc lương hưu làm căn cứ (đồng)"
MEMBER_ADDED = "Đã thêm đảng viên {name}."
CANCELLED_MARK = " (đã hủy)"
CASH_HINT = "N: phiếu chi · H: hủy phiếu · I: in sổ quỹ năm nay · Tồn quỹ: {balance}"
KEY_EXPENSE = "Phiếu chi"
KEY_CANCEL_ENTRY = "Hủy phiếu"
EXPENSE_TITLE = "Phiếu chi"
FIELD_AMOUNT = "Số tiền"
FIELD_EXPENSE_CONTENT = "Nội dung chi"
FIELD_RECIPIENT = "Người nhận"
FIELD_DATE = "Ngày"
EXPENSE_DONE = "Đã ghi phiếu chi {label}: {amount}."
EXPENSE_OVERRIDE_Q = "{message}\n\nQuản trị viên cho phép chi vượt số dư? (việc này được ghi nhật ký)"
CANCEL_ENTRY_TITLE = "Hủy {label}"
CANCEL_ENTRY_Q = ("{label} ({amount}{person}) sẽ được đánh dấu ĐÃ HỦY: vẫn nằm trong sổ, không còn "
                  "tính vào tồn quỹ.")
CANCEL_ENTRY_DONE = "Đã hủy {label}."
CASH_ALREADY_CANCELLED = "{label} đã hủy từ trước ({when}, {who}): {reason}"
CASH_CANCELLED_ROW = "ĐÃ HỦY {amount} · {text}"       # a cancelled line's content, in the book
ASSETS_HINT = "N: thêm tài sản · K: kiểm kê · I: in biên bản kiểm kê gần nhất · /: tìm"
ASSET_NEW_TITLE = "Thêm tài sản"
FIELD_ASSET_CODE = "Mã tài sản"
FIELD_ASSET_NAME = "Tên tài sản"
FIELD_QTY = "Số lượng"
FIELD_UNIT_VALUE = "Đơn giá"
FIELD_LOCATION = "Nơi đặt"
FIELD_USER_NAME = "Người sử dụng"
ASSET_ADDED = "Đã thêm tài sản {code}."
NO_INVENTORY = "Chưa có lần kiểm kê nào."
DUES_PRINT_SAVED = "Đã lưu {what} vào tệp:\n{path}\n\n{problem}"
DUES_PRINT_SENT = "Đã gửi {what} tới máy in.\nTệp PDF: {path}"
PAPER_CASHBOOK = "sổ quỹ tiền mặt năm {year}"
PAPER_INVENTORY = "biên bản kiểm kê ngày {date}"
KEY_PRINT_SHEET = "In danh sách thu"
KEY_PRINT_REPORT = "In báo cáo thu nộp"
KEY_REMIT = "Nộp cấp trên"
PAPER_SHEET = "danh sách thu đảng phí tháng {month}"
PAPER_REPORT = "báo cáo thu, nộp đảng phí tháng {month}"
REMIT_Q = ("Nộp đảng phí thu trong tháng {month} lên cấp trên: {amount} (giữ lại {kept}).\n"
           "Ghi phiếu chi trong sổ quỹ?")
REMIT_DONE = "Đã ghi nộp cấp trên đảng phí tháng {month}: {amount} (giữ lại {kept})."
KEY_EXEMPT = "Miễn, giảm"
MEMBER_EXEMPTIONS = "Miễn, giảm đảng phí"
MEMBER_EXEMPTION_LINE = "{what} từ {start} đến {end}: {reason} ({who})"
EXEMPT_FULL = "Miễn"
EXEMPT_REDUCE = "Giảm {percent}%"
EXEMPT_OPEN = "khi có quyết định khác"
EXEMPT_TITLE = "Miễn, giảm đảng phí: {name}"
FIELD_EXEMPT_KIND = "Mức"
FIELD_EXEMPT_REASON = "Trường hợp"
FIELD_EXEMPT_DETAIL = "Lý do cụ thể"
FIELD_EXEMPT_FROM = "Từ tháng"
FIELD_EXEMPT_TO = "Đến tháng"
FIELD_DECIDED_BY = "Người, cấp quyết định"
FIELD_DECISION_REF = "Số quyết định"
MONTH_PH = "mm/yyyy"
KEY_INVENTORY = "Kiểm kê"
INVENTORY_TITLE = "Kiểm kê tài sản"
FIELD_CHECKED_BY = "Người kiểm kê"
INVENTORY_FOUND = "{code} {name} (sổ: {qty}) — thực tế"
INVENTORY_DAMAGED = "      trong đó hỏng"
INVENTORY_DONE = "Đã ghi biên bản kiểm kê ngày {date} (thiếu {missing})."
MEMBER_EDIT_TITLE = "Sửa hồ sơ: {name}"
MEMBER_SAVED = "Đã lưu hồ sơ {name}."
FIELD_OFFICIAL = "Ngày chính thức"
FIELD_MEMBER_STATUS = "Tình trạng"
FIELD_STATUS_SINCE = "Từ ngày (tình trạng)"
KEY_RULES = "Mức đóng"
KEY_NEW_RULE = "Thêm mức mới"
RULES_TITLE = "Mức đóng đảng phí"
RULES_HINT = "N: thêm mức mới từ một tháng · H: hủy mức đang chọn (ghi lý do) · Esc: quay lại"
RULE_PERCENT = "{percent}% mức tính"
RULE_FIXED = "{amount} mỗi tháng"
RULE_OTHER = "{percent}% thu nhập hoặc mức tính trong Cài đặt, tối thiểu {minimum}"
RULE_NEW_TITLE = "Thêm mức đóng đảng phí"
FIELD_RULE_FROM = "Áp dụng từ tháng"
FIELD_CATEGORY_RULE = "Đối tượng"
FIELD_RULE_RATE = "Mức đóng"
RULE_RATE_PH = "1% hoặc 5.000"
RULE_RATE_BAD = "Ghi tỷ lệ có dấu % (ví dụ 1% hoặc 0,5%) hoặc số tiền (ví dụ 5.000)."
FIELD_RULE_BASIS = "Căn cứ (văn bản)"
# dues rules: confirming a new one, cancelling one entered by mistake
KEY_CANCEL_RULE = "Hủy mức"
RULE_BASIS_PH = "ví dụ Quy định 01-QĐ/TW"
RULE_NEW_NEXT = "Tiếp (Ctrl+S)"
RULE_CONFIRM_TITLE = "Xác nhận mức đóng mới"
RULE_CONFIRM_Q = ("Từ tháng {month}, mỗi đảng viên thuộc đối tượng “{category}” ({members} người đang "
                  "đóng) sẽ đóng {rate}.\n{replaces}\nCăn cứ: {basis}.\nCác tháng trước {month} giữ "
                  "mức cũ. Ghi mức này?")
RULE_REPLACES = "Thay mức đang áp dụng: {rate} (căn cứ: {basis})."
RULE_REPLACES_NONE = "Trước tháng này đối tượng chưa có mức đóng."
RULE_CONFIRM_YES = "Ghi mức này (Enter)"
RULE_ADDED = "Đã ghi mức đóng từ tháng {month}: {category}, {rate}."
RULE_CANCELLED = "ĐÃ HỦY {when} ({by}): {reason}"
RULE_CANCEL_TITLE = "Hủy mức đóng đảng phí"
RULE_CANCEL_Q = ("Hủy mức đóng từ tháng {month} của “{category}”: {rate}? Mức này được giữ lại, "
                 "ghi là đã hủy; các tháng đó tính theo mức có hiệu lực trước nó.")
RULE_CANCEL_DONE = "Đã hủy mức đóng từ tháng {month} của “{category}”."
RULES_EMPTY = "Chưa có mức đóng nào."
# meetings and minutes (hội nghị, biên bản)
AREA_MEETINGS = "Hội nghị"
AREA_MEETINGS_HELP = "Lịch hội nghị, ghi biên bản trực tiếp bằng bàn phím, in biên bản theo thể thức của Đảng"
MEETING_KINDS = {"bch": "Ban Chấp hành", "btv": "Ban Thường vụ", "tt": "Thường trực",
                 "chibo": "Chi bộ"}
MEETING_KIND_OPTIONS = [("Hội nghị Ban Thường vụ", "btv"), ("Hội nghị Ban Chấp hành", "bch"),
                        ("Họp Thường trực", "tt"), ("Sinh hoạt chi bộ", "chibo")]
MEETING_STATUS = {"planned": "Dự kiến", "open": "Đang họp", "closed": "Đã bế mạc", "signed": "Đã ký"}
ATTENDANCE_WORDS = {"invited": "chưa điểm danh", "present": "có mặt",
                    "absent_excused": "vắng có lý do", "absent_unexcused": "vắng không lý do"}
COL_MEETING_TIME = L.MEETING_TIME
COL_MEETING_KIND = L.MEETING_KIND
COL_MEETING_TITLE = L.MEETING_TITLE
COL_MEETING_PLACE = L.MEETING_PLACE
COL_MINUTES_NO = L.MINUTES_NO
COL_MEETING_STATUS = L.MEETING_STATUS
MEETINGS_HINT = "F7/N: hội nghị mới · Enter: mở, ghi biên bản · /: tìm"
MEETING_NEW_TITLE = "Hội nghị mới"
FIELD_MEETING_KIND = "Loại hội nghị"
FIELD_MEETING_DATE = "Ngày họp"
FIELD_MEETING_TIME = "Giờ bắt đầu"
FIELD_MEETING_TITLE = "Nội dung chính"
FIELD_MEETING_PLACE = "Địa điểm"
FIELD_CHAIR = "Chủ trì"
FIELD_CHAIR_POSITION = "Chức vụ chủ trì"
FIELD_RECORDER = "Thư ký"
FIELD_RECORDER_POSITION = "Chức vụ thư ký"
FIELD_AGENDA = "Chương trình"
FIELD_AGENDA_PH = "các nội dung, cách nhau bởi dấu ;"
FIELD_MEMBERS = "Thành phần"
FIELD_MEMBERS_PH = "Họ tên (chức vụ); Họ tên (chức vụ); …"
FIELD_GUESTS = "Khách mời"
MEETING_CREATED = "Đã lập hội nghị ngày {date}."
MEETING_DETAIL_TITLE = "Hội nghị {date} — {kind}"
MEETING_NO_NUMBER = "(chưa lấy số; lấy số khi bế mạc)"
MEETING_OPENED_AT = "Khai mạc"
MEETING_CLOSED_AT = "Bế mạc"
MEETING_AGENDA = "Chương trình"
MEETING_ATTENDANCE = "Thành phần ({present}/{total} có mặt)"
MEETING_GUESTS = "Khách mời"
MEETING_SPEECHES = "Phát biểu ({n})"
MEETING_CONCLUSION = "Kết luận"
MEETING_NO_CONCLUSION = "(chưa có kết luận)"
MEETING_VOTES = "Biểu quyết"
MEETING_VOTE_LINE = "{matter}: {yes} tán thành, {no} không tán thành, {abstain} không biểu quyết"
MEETING_AMENDMENTS = "Phụ lục, đính chính"
MEETING_AMENDMENT_KINDS = {"phu_luc": "Phụ lục", "dinh_chinh": "Đính chính"}
MEETING_DETAIL_HINT = ("C/F5: sửa kế hoạch · K: khai mạc · D: điểm danh · G/F7: ghi biên bản · "
                       "B: biểu quyết · E: bế mạc · S: ký · I/F6: in · P: phụ lục · L: lập hồ sơ")
KEY_OPEN_MEETING = "Khai mạc"
KEY_ATTENDANCE = "Điểm danh"
KEY_TAKE_MINUTES = "Ghi biên bản"
KEY_VOTE = "Biểu quyết"
KEY_CLOSE_MEETING = "Bế mạc"
KEY_AMEND = "Phụ lục"
KEY_FILE = "Lập hồ sơ"
OPEN_MEETING_Q = "Khai mạc hội nghị lúc {time}?"
CLOSE_MEETING_Q = "Bế mạc hội nghị lúc {time}? Biên bản sẽ lấy số tiếp theo của sổ biên bản (BB)."
SIGN_Q = ("Chủ trì và thư ký đã ký biên bản {number}? Sau khi ghi đã ký, biên bản bị khóa; "
          "thay đổi sau đó là phụ lục hoặc đính chính.")
MEETING_CLOSED_MSG = "Đã bế mạc; biên bản số {number}."
MEETING_SIGNED_MSG = "Biên bản {number} đã ký và được khóa."
ATTENDANCE_TITLE = "Điểm danh — {n} đồng chí"
ATTENDANCE_HINT = "C: có mặt · V: vắng có lý do · K: vắng không lý do · Esc: xong"
ATTENDANCE_LINE = "{mark} {name}{title} — {state}"
ATTENDANCE_REASON_TITLE = "Vắng có lý do: {name}"
ATTENDANCE_REASON_Q = "Lý do vắng:"
KEY_PRESENT = "Có mặt"
KEY_ABSENT_EXCUSED = "Vắng có lý do"
KEY_ABSENT_UNEXCUSED = "Vắng không lý do"
VOTE_TITLE = "Biểu quyết — {present} đồng chí có mặt"
FIELD_VOTE_MATTER = "Vấn đề biểu quyết"
FIELD_VOTE_ITEM = "Thuộc nội dung"
FIELD_VOTE_YES = "Tán thành"
FIELD_VOTE_NO = "Không tán thành"
FIELD_VOTE_ABSTAIN = "Không biểu quyết"
VOTE_NO_ITEM = "(chung)"
AMEND_TITLE = "Phụ lục, đính chính biên bản {number}"
FIELD_AMEND_KIND = "Loại"
FIELD_AMEND_TEXT = "Nội dung"
AMEND_SAVED = "Đã lập {kind} biên bản {number}."
FILE_MINUTES_TITLE = "Lập hồ sơ biên bản {number}"
FIELD_DOSSIER = "Ký hiệu hồ sơ"
MINUTES_FILED = "Đã đưa biên bản {number} vào hồ sơ {code}."
EDITOR_TITLE = "Ghi biên bản — {kind} {date}"
EDITOR_ITEM = "Nội dung {n}/{total}: {title}"
EDITOR_NO_ITEM = "(hội nghị chưa có chương trình)"
EDITOR_SPEAKER = "Người phát biểu"
EDITOR_SPEAKER_PH = "gõ vài chữ của tên, → để chọn, Enter để ghi"
EDITOR_SPEECH = "Phát biểu {n}: {speaker}"
EDITOR_CONCLUSION = "Kết luận của chủ trì — nội dung {n}"
EDITOR_NOTHING = "F5/Ctrl+N: phát biểu mới · F6/Ctrl+T: kết luận · F7/Ctrl+R: nội dung tiếp"
EDITOR_SAVED = "Đã lưu {time}"
EDITOR_SAVING = "Đang gõ…"
EDITOR_HINT = ("F5/^N: phát biểu mới · F6/^T: kết luận · F7/^R: nội dung tiếp · "
               "^↑/^↓: ô trước/sau · Esc: xong")
KEY_NEW_SPEECH = "Phát biểu mới"
KEY_CONCLUSION = "Kết luận"
KEY_NEXT_ITEM = "Nội dung tiếp"
KEY_DONE = "Xong"
HELP_MINUTES_EDITOR = [("Ctrl+↑ / Ctrl+↓", "Ô trước / ô sau")]
MINUTES_PRINT_WORKING = "Đang in biên bản {number}…"
MINUTES_PRINT_SENT = "Đã gửi biên bản {number} tới máy in; bản PDF lưu tại {path}."
MINUTES_PRINT_SAVED = "Đã lưu biên bản {number} vào {path}. {problem}"
MINUTES_DRAFT_NUMBER = "du-thao"
KEY_PRINT_MINUTES = "In"
MINUTES_PRINT_TITLE = "In biên bản"
MEETING_EDIT_TITLE = "Sửa kế hoạch hội nghị ngày {date}"
FIELD_AGENDA_MORE = "Thêm nội dung"
FIELD_MEMBERS_MORE = "Thêm thành phần"
FIELD_GUESTS_MORE = "Thêm khách mời"
MEETING_SAVED = "Đã lưu kế hoạch hội nghị."
FIELD_DOCUMENTS = "Tài liệu"
FIELD_DOCUMENTS_MORE = "Thêm tài liệu"
FIELD_DOCUMENTS_PH = "số văn bản đi (15-BC/ĐU), số đến (12/2026) hoặc tên; cách nhau bởi ;"
MEETING_DOCUMENTS = "Tài liệu sử dụng"
# --- the front desk: reception book, reception days, ad-hoc requests ----------------------------
AREA_RECEPTION = "Sổ tiếp khách"
AREA_RECEPTION_HELP = "Tiếp khách, tiếp đảng viên và nhân dân; theo dõi đến khi kết thúc"
AREA_RECEPTION_DAYS = "Lịch tiếp dân"
AREA_RECEPTION_DAYS_HELP = "Ngày tiếp dân của Bí thư: theo lịch, đã tiếp (ít nhất 2 ngày mỗi tháng)"
AREA_TASKS = "Việc đột xuất"
AREA_TASKS_HELP = "Việc cấp ủy giao đột xuất: ai giao, việc gì, ai làm, hạn"
RECEPTION_CATEGORIES = {"guest": "Khách", "member": "Đảng viên", "citizen": "Nhân dân"}
RECEPTION_ACTIONS = {"accept": "Tiếp nhận", "guide": "Hướng dẫn", "forward": "Chuyển"}
RECEPTION_STATES = {"open": "Mới tiếp", "in_progress": "Đang giải quyết", "waiting": "Chờ trả lời",
                    "closed": "Đã kết thúc"}
RECEPTION_RESULTS = {"resolved": "Đã giải quyết", "explained": "Đã giải thích, hướng dẫn",
                     "unfounded": "Không có cơ sở giải quyết", "withdrawn": "Người đến rút yêu cầu"}
RECEPTION_STEPS = {"receive": "Tiếp", "state": "Chuyển bước", "forward": "Chuyển đi",
                   "close": "Kết thúc", "reopen": "Mở lại", "anonymise": "Ẩn danh"}
RECEPTION_OPEN_FILTER = "Chưa kết thúc"
DAY_STATES = {"scheduled": "Theo lịch", "held": "Đã tiếp", "cancelled": "Hoãn"}
TASK_STATUSES = {"open": "Chưa làm", "in_progress": "Đang làm", "done": "Đã xong", "cancelled": "Đã hủy"}
TASKS_OPEN_FILTER = "Chưa xong"
COL_RECEPTION_NO = L.RECEPTION_NO
COL_RECEPTION_AT = L.VISITED_AT
COL_VISITOR = L.VISITOR
COL_CATEGORY = L.CATEGORY
COL_ACTION = L.ACTION
COL_WEEKDAY = "Thứ"
COL_HOST = L.HOST
COL_PLACE = "Địa điểm"
COL_ASKED_ON = L.ASKED_ON
COL_ASKED_BY = L.ASKED_BY
COL_TASK = L.TASK
COL_ASSIGNEE = L.ASSIGNEE
COL_CASE_STATE = L.CASE_STATE
KEY_RECEIVE = "Tiếp khách"
KEY_REPORT = "Báo cáo"
KEY_RECEPTION_DAYS = "Lịch tiếp dân"
KEY_CLOSE_CASE = "Kết thúc"
KEY_LINK_INCOMING = "Gắn đơn (văn bản đến)"
KEY_LINK_OUTGOING = "Gắn văn bản trả lời"
KEY_EXPORT_PERSON = "Xuất dữ liệu của người này"
KEY_ANONYMISE = "Ẩn danh người này"
KEY_NEW_DAY = "Thêm ngày"
KEY_PICK_VISITOR = "Chọn người đã đến"
HELP_RECEPTION = [("Enter", "Mở lượt tiếp: chuyển, trạng thái, kết thúc, sửa")]
HELP_RECEPTION_DAYS = [("Enter", "Ghi đã tiếp, hoãn")]
HELP_TASKS = [("Enter", "Mở: trạng thái, ghi chú")]
# what F1 says of these keys (their bindings' tooltips; the footer keeps the short word)
TIP_RECEPTION_REPORT = "In báo cáo tiếp dân theo kỳ"
TIP_RECEPTION_DAYS = "Lịch tiếp dân của Bí thư"
TIP_NEW_RECEPTION_DAY = "Thêm ngày tiếp dân"
TIP_TASKS_OVERDUE = "Chỉ việc quá hạn (bấm lại: bỏ)"
RECEPTION_HINT = "Enter: mở · /: tìm · N: tiếp khách · B: lọc · I: báo cáo · L: lịch · X: xuất"
RECEPTION_NEW_TITLE = "Tiếp khách"
RECEPTION_EDIT_TITLE = "Sửa lượt tiếp số {no}"
RECEPTION_DETAIL_TITLE = "Lượt tiếp {no}"
RECEPTION_NEXT_NUMBER = "Số sẽ cấp: {no}"
RECEPTION_NUMBER_KEPT = "Giữ số {no}"
RECEPTION_SAVED = "Đã ghi vào sổ tiếp khách số {no}: {name}."
RECEPTION_SAVED_TITLE = "Đã ghi sổ"
RECEPTION_CORRECTED = "Đã sửa lượt tiếp số {no}."
RECEPTION_DETAIL_HINT = "F5 chuyển · F6 trạng thái · K kết thúc · F7 sửa · V/R gắn văn bản · E xuất"
# a closed case: F5 and K do nothing there any more
RECEPTION_CLOSED_HINT = "F6 trạng thái · F7 sửa · V/R gắn văn bản · E xuất · A ẩn danh"
FIELD_RECEPTION_DATE = "Ngày tiếp"
FIELD_RECEPTION_TIME = "Giờ tiếp"
FIELD_RECEPTION_AT = "Ngày giờ tiếp"
FIELD_VISITOR = "Họ tên người đến"
VISITOR_PLACEHOLDER = "gõ vài chữ: người đã đến hiện ra"
VISITOR_MATCHES = "Đã đến: {names} (Enter/↓: chọn)"
VISITOR_NEW = "Người mới (chưa đến lần nào)"
VISITOR_LINE = "{name}, {address} · {category} · {visits} lần"
VISITOR_NEW_LINE = "Người mới: “{name}”"
VISITOR_FILLED = "Đã điền theo lần đến trước của {name} ({visits} lần, gần nhất {last})."
PICK_VISITOR_TITLE = "Người đã đến"
FIELD_ADDRESS = "Địa chỉ"
FIELD_ID_NUMBER = "Số CCCD"
FIELD_ID_NUMBER_PH = "không bắt buộc; 12 chữ số"
ID_HIDDEN = "(ẩn — tài khoản này không xem số CCCD)"
FIELD_VISITOR_CATEGORY = "Đối tượng"
FIELD_PEOPLE = "Số người"
PEOPLE_LINE = "{category}, {n} người"
FIELD_HANDLED_BEFORE = "Nơi đã giải quyết"
FIELD_HANDLED_BEFORE_PH = "cơ quan đã giải quyết trước (nếu có)"
FIELD_RECEPTION_ACTION = "Cách xử lý"
FIELD_FORWARD_TO = "Chuyển đến"
FIELD_FORWARD_TO_PH = "khi chuyển: cơ quan, người nhận"
FIELD_RECEIVED_BY_PERSON = "Người tiếp"
LINKED_INCOMING = "Đơn (văn bản đến)"
LINKED_OUTGOING = "Văn bản trả lời"
FIELD_RESULT_CODE = "Kết quả"
FIELD_RESULT = "Nội dung kết quả"
FIELD_CLOSED_ON = "Ngày kết thúc"
RESULT_LINE = "{result}: {text} (ngày {on})"
ANONYMISED_MARK = "(đã ẩn danh)"
FIELD_STEP_NOTE = "Ghi chú"
FIELD_STEP_NOTE_PH = "nội dung bước này (không bắt buộc)"
DIALOG_FORWARD = "Chuyển (Ctrl+S)"
DIALOG_CLOSE_CASE = "Kết thúc (Ctrl+S)"
FORWARD_TITLE = "Chuyển vụ việc số {no}"
FORWARDED = "Đã chuyển vụ việc số {no} đến {to}."
RECEPTION_STATE_TITLE = "Vụ việc số {no}: {state}"
RECEPTION_STATE_DONE = "Vụ việc số {no}: {state}."
CLOSE_CASE_TITLE = "Kết thúc vụ việc số {no}"
CASE_CLOSED = "Đã kết thúc vụ việc số {no}."
PICK_PETITION = "Gắn đơn (văn bản đến)"
PICK_ANSWER = "Gắn văn bản trả lời (văn bản đi)"
LINKED = "Đã gắn văn bản với lượt tiếp số {no}."
PERSON_EXPORT_TITLE = "Xuất dữ liệu của {name} ({n} lượt tiếp)"
PERSON_EXPORTED = "Đã xuất {n} lượt tiếp vào {path}. Lý do đã được ghi vào nhật ký."
ANONYMISE_TITLE = "Ẩn danh: {name}"
ANONYMISE_QUESTION = ("Thay họ tên, địa chỉ, số CCCD trong {n} lượt tiếp của người này (vụ việc vẫn "
                      "giữ để thống kê). Không khôi phục được. Ghi lý do (đừng ghi lại họ tên, địa chỉ):")
ANONYMISED = "Đã ẩn danh {n} lượt tiếp."
REPORT_TITLE = "Báo cáo tiếp khách, tiếp dân"
FIELD_PERIOD = "Kỳ báo cáo"
REPORT_HINT = "Ví dụ: 11/2026 · Quý III/2026 · 6 tháng đầu năm 2026 · 9 tháng 2026 · năm 2026"
REPORT_DONE_TITLE = "In báo cáo"
REPORT_SENT = "Đã gửi báo cáo {period} ({n} lượt tiếp) tới máy in. Tệp: {path}"
REPORT_SAVED = "Đã lưu báo cáo {period} ({n} lượt tiếp) vào {path}. {problem}"
DAYS_OUTLOOK = "Tháng {month}/{year}: đã tiếp {held}, còn lịch {planned}; cần ít nhất {required} ngày."
DAYS_SHORT = "Cần xếp thêm {n} ngày!"
DAY_NEW_TITLE = "Thêm ngày tiếp dân"
DAY_STATE_TITLE = "Ngày tiếp dân {day}"
DAY_SAVED = "Đã ghi ngày tiếp dân {day}."
FIELD_DAY = "Ngày"
FIELD_HOST = "Người tiếp"
DEFAULT_HOST = "Bí thư Đảng ủy"
FIELD_DAY_PLACE = "Địa điểm"
TASKS_HINT = "Enter: mở · /: tìm · N: thêm · B: lọc · Q: quá hạn · X: xuất"
TASK_NEW_TITLE = "Thêm việc đột xuất"
TASK_EDIT_TITLE = "Việc đột xuất"
TASK_INFO = "Trạng thái: {status}"
TASK_SAVED = "Đã lưu việc đột xuất."
FIELD_ASKED_BY = "Người giao"
FIELD_TASK = "Nội dung công việc"
FIELD_ASSIGNEE = "Người thực hiện"
FIELD_ASKED_ON = "Ngày giao"
FIELD_MEETING = "Hội nghị liên quan"
FIELD_TASK_NOTE = "Ghi thêm"
FIELD_TASK_NOTE_PH = "ghi chú kèm ngày hôm nay (không bắt buộc)"
KEY_LINK_DOC_IN = "Gắn văn bản đến"
KEY_LINK_DOC_OUT = "Gắn văn bản đi"
TASK_LINKED_IN = "văn bản đến {no}"
TASK_LINKED_OUT = "văn bản đi {symbol}"
TASK_LINKED = "Đã gắn văn bản với việc đột xuất."
EXPORT_RECEPTION_TITLE = "Xuất sổ tiếp khách"
EXPORT_TASKS_TITLE = "Xuất danh sách việc đột xuất"

# --- work programs, weekly schedule, reports owed, statistics, drafting -----------------------
AREA_SCHEDULE = "Lịch công tác tuần"
AREA_SCHEDULE_HELP = "Lịch công tác tuần của Thường trực: theo ngày, buổi sáng, chiều; in khổ A4 ngang"
AREA_PROGRAMS = "Chương trình công tác"
AREA_PROGRAMS_HELP = ("Chương trình công tác tuần, tháng, quý, năm, toàn khóa; "
                      "chuyển việc chưa xong sang kỳ sau")
AREA_REPORTS = "Báo cáo phải nộp"
AREA_REPORTS_HELP = "Lịch báo cáo tháng, quý, 6 tháng, 9 tháng, năm, đột xuất; hạn nộp, văn bản đã gửi"
AREA_STATISTICS = "Số liệu thống kê"
AREA_STATISTICS_HELP = "Số liệu văn bản, xử lý, hồ sơ, hội nghị, đảng phí của một kỳ; in, xuất Excel"
AREA_DRAFTS = "Soạn thảo văn bản"
AREA_DRAFTS_HELP = "Soạn văn bản đi theo thể thức của Đảng, in dự thảo, ban hành lấy số vào sổ"
SCHED_TITLE = "Lịch công tác tuần {week}/{year} ({start} – {end})"
SCHED_HINT = "N thêm · Enter sửa · D xong · X xóa · [ ] tuần trước/sau · T tuần này · I in"
SCHED_EMPTY = "—"
SCHED_HALVES = {"am": "Sáng", "pm": "Chiều"}
SCHED_DAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
SCHED_NEW_TITLE = "Thêm lịch {day} {date}, buổi {half}"
SCHED_EDIT_TITLE = "Sửa lịch ngày {date}"
SCHED_ADDED = "Đã thêm vào lịch ngày {date}."
SCHED_DELETE_Q = "Xóa khỏi lịch: “{content}”?"
SCHED_PRINT_WORKING = "Đang in lịch công tác tuần {week}…"
SCHED_PRINT_TITLE = "In lịch công tác"
SCHED_PRINT_SENT = "Đã gửi lịch công tác tuần {week} tới máy in; bản PDF lưu tại {path}."
SCHED_PRINT_SAVED = "Đã lưu lịch công tác tuần {week} vào {path}. {problem}"
KEY_PREV_WEEK = "Tuần trước"
KEY_NEXT_WEEK = "Tuần sau"
KEY_THIS_WEEK = "Tuần này"
KEY_PRINT_SCHEDULE = "In lịch"
KEY_ITEM_DONE = "Xong"
KEY_ITEM_DELETE = "Xóa"
FIELD_SCHED_DATE = "Ngày"
FIELD_SCHED_HALF = "Buổi"
FIELD_SCHED_TIME = "Giờ"
FIELD_ITEM_CONTENT = "Nội dung công việc"
FIELD_ITEM_LEAD = "Chủ trì"
FIELD_ITEM_PARTICIPANTS = "Thành phần"
FIELD_ITEM_PLACE = "Địa điểm"
FIELD_ITEM_DEADLINE = "Thời hạn"
PRG_PERIODS = {"week": "Tuần", "month": "Tháng", "quarter": "Quý", "year": "Năm", "term": "Toàn khóa"}
PRG_ITEM_STATUS = {"planned": "[ ]", "done": "[x]", "carried": "[→]", "dropped": "[-]"}
PRG_ITEM_STATUS_WORDS = {"planned": "chưa xong", "done": "đã xong", "carried": "đã chuyển kỳ sau",
                         "dropped": "thôi không làm"}
PRG_LIST_HINT = "N: chương trình mới · Enter: mở"
PRG_LIST_LINE = "{period:<10} {label:<38} {n:>3} việc, {open:>3} chưa xong"
PRG_NEW_TITLE = "Chương trình công tác mới"
FIELD_PRG_PERIOD = "Kỳ"
FIELD_PRG_DATE = "Một ngày trong kỳ"
FIELD_PRG_TITLE = "Tên chương trình"
PRG_DETAIL_HINT = "N thêm · Enter sửa · D xong · X thôi · C chuyển sang kỳ sau · G lấy từ kỳ lớn"
PRG_NO_ITEMS = "(chưa có việc nào; N để thêm, G để lấy từ chương trình kỳ lớn hơn)"
PRG_CARRY_Q = "Chuyển {n} việc chưa xong sang {next}?"
PRG_CARRIED = "Đã chuyển {n} việc sang {next}."
PRG_NOTHING_TO_CARRY = "Không còn việc nào chưa xong để chuyển."
PRG_PROPOSE_Q = "Lấy {n} việc từ chương trình kỳ lớn hơn vào {label}?"
PRG_NOTHING_PROPOSED = "Chương trình kỳ lớn hơn không có việc nào thuộc kỳ này (hoặc đã lấy hết)."
PRG_ADOPTED = "Đã lấy {n} việc."
PRG_CARRIED_FROM = "chuyển từ {label}"
PRG_ITEM_NEW_TITLE = "Thêm việc vào {label}"
PRG_ITEM_EDIT_TITLE = "Sửa việc"
KEY_CARRY = "Chuyển kỳ sau"
KEY_PROPOSE = "Lấy từ kỳ lớn"
KEY_ITEM_DROP = "Thôi"
RPT_TITLE = "Báo cáo phải nộp năm {year}"
RPT_HINT = "T lập lịch cả năm · N đột xuất · L gắn văn bản đã gửi · X không nộp · [ ] năm"
RPT_STATE = {"open": "Chưa nộp", "due_soon": "Sắp đến hạn", "overdue": "Quá hạn", "sent": "Đã gửi",
             "dropped": "Không nộp"}
RPT_LINE = "{due}  {state:<12} {title}"
RPT_EMPTY = "(chưa có lịch báo cáo năm nay; T để lập)"
RPT_GENERATE_Q = "Lập lịch báo cáo định kỳ năm {year} (hạn nộp theo cài đặt)?"
RPT_GENERATED = "Đã lập {n} báo cáo phải nộp năm {year}."
RPT_NEW_TITLE = "Báo cáo đột xuất"
FIELD_RPT_TITLE = "Tên báo cáo"
FIELD_RPT_DUE = "Hạn nộp"
FIELD_RPT_RECIPIENT = "Gửi đến"
RPT_LINK_TITLE = "Văn bản đã gửi cho: {title}"
FIELD_RPT_OUTGOING = "Số văn bản đi"
FIELD_RPT_OUTGOING_PH = "ví dụ 15-BC/ĐU"
RPT_LINKED = "Đã gắn văn bản {symbol}; báo cáo đã gửi."
RPT_DROP_Q = "Đánh dấu không phải nộp: {title}?"
KEY_GENERATE = "Lập lịch năm"
KEY_LINK = "Gắn văn bản"
KEY_PREV_YEAR = "Năm trước"
KEY_NEXT_YEAR = "Năm sau"
KEY_PREV_PERIOD = "Kỳ trước"          # the chosen month, quarter or year
KEY_NEXT_PERIOD = "Kỳ sau"
STAT_TITLE = "Số liệu thống kê"
STAT_PERIOD = "Từ {start} đến {end}"
STAT_HINT = "M tháng · Q quý · Y năm · [ ] kỳ trước/sau · K chọn ngày · I in · E xuất Excel"
STAT_PICK_TITLE = "Chọn kỳ thống kê"
FIELD_STAT_FROM = "Từ ngày"
FIELD_STAT_TO = "Đến ngày"
STAT_PRINT_TITLE = "In số liệu thống kê"
STAT_SAVED = "Đã lưu số liệu thống kê vào {path}. {problem}"
STAT_SENT = "Đã gửi số liệu thống kê tới máy in; bản PDF lưu tại {path}."
STAT_EXPORTED = "Đã xuất {n} dòng số liệu vào {path}."
STAT_SHEET = "Số liệu"                   # the workbook's sheet
KEY_STAT_MONTH = "Tháng"
KEY_STAT_QUARTER = "Quý"
KEY_STAT_YEAR = "Năm"
KEY_STAT_PICK = "Chọn ngày"
KEY_PRINT_STAT = "In"
KEY_EXPORT_STAT = "Xuất Excel"
DRAFT_LIST_HINT = "N: soạn văn bản mới · Enter: mở dự thảo"
DRAFT_LINE = "{date}  {type:<4} {summary}"
DRAFT_EMPTY = "(chưa có dự thảo nào; N để soạn)"
DRAFT_TITLE = "Soạn thảo văn bản"
DRAFT_EDIT_HINT = "Tab ô tiếp · ^S lưu · F6/^T xem trước · F7/^R in dự thảo · F9/^G ban hành"
DRAFT_SAVED = "Đã lưu {time}"
DRAFT_TYPING = "Đang gõ…"
FIELD_DRAFT_TYPE = "Tên loại"
FIELD_DRAFT_SUMMARY = "Trích yếu (V/v …)"
FIELD_DRAFT_RECIPIENTS = "Nơi nhận (cách nhau ;)"
FIELD_DRAFT_SIGNER = "Người ký"
FIELD_DRAFT_POSITION = "Chức vụ"
FIELD_DRAFT_AUTHORITY = "Thẩm quyền"
FIELD_DRAFT_AUTHORITY_OF = "Thay mặt/ký thay"
FIELD_DRAFT_SECRECY = "Độ mật"
FIELD_DRAFT_BODY = "Nội dung"
DRAFT_AUTHORITIES = [("Ký trực tiếp", ""), ("T/M", "T/M"), ("K/T", "K/T"), ("T/L", "T/L")]
DRAFT_PREVIEW_TITLE = "Xem trước dự thảo"
DRAFT_PREVIEW = "Bản xem trước ({pages} trang) lưu tại {path}.\n\n{text}"
DRAFT_PRINT_SAVED = "Đã lưu dự thảo vào {path}. {problem}"
DRAFT_PRINT_SENT = "Đã gửi dự thảo tới máy in; bản PDF lưu tại {path}."
DRAFT_ISSUE_Q = "Ban hành: lấy số tiếp theo của loại {type} trong sổ văn bản đi và lưu kèm bản PDF?"
DRAFT_ISSUED = "Đã ban hành văn bản số {symbol}; đã vào sổ văn bản đi (chờ ký, đóng dấu, phát hành)."
KEY_PREVIEW = "Xem trước"
KEY_PRINT_DRAFT = "In dự thảo"
KEY_ISSUE_DRAFT = "Ban hành"
MENU_SCHEDULE = "Lịch tuần"
MENU_PROGRAMS = "Chương trình"
MENU_REPORTS = "Báo cáo"
MENU_STATISTICS = "Thống kê"
MENU_DRAFTS = "Soạn văn bản"
# --- Cài đặt › Nhiệm kỳ: the terms, and opening a new one after the congress -------------------
SETTINGS_TAB_TERMS = "Nhiệm kỳ"
TERMS_COLUMNS = ("Nhiệm kỳ", "Đại hội", "Từ ngày", "Đến ngày")
TERM_CURRENT = "Hiện tại"
TERMS_HINT = "F7/^N: mở nhiệm kỳ mới sau đại hội · số văn bản đi đánh từ 01 cho cả nhiệm kỳ"
TERMS_HINT_NOT_ADMIN = "Chỉ quản trị viên mở nhiệm kỳ mới (sau đại hội)."
KEY_OPEN_TERM = "Mở nhiệm kỳ"
KEY_OPEN_TERM_TIP = "Mở nhiệm kỳ mới sau khi đại hội bế mạc"
TERM_OPEN_TITLE = "Mở nhiệm kỳ mới (sau đại hội)"
TERM_OPEN_CURRENT = "Hiện tại: {name}, từ {start}."
FIELD_TERM_CONGRESS = "Đại hội"
FIELD_TERM_CONGRESS_PH = "ví dụ: Đại hội Đảng bộ xã lần thứ II"
FIELD_NEW_TERM_START = "Ngày bắt đầu"
FIELD_NEW_TERM_START_HELP = "ngày sau khi đại hội bế mạc"
TERM_NEW_NAME = "nhiệm kỳ {label}"
TERM_NEW_UNNAMED = "nhiệm kỳ mới"
TERM_OPEN_CONFIRM_TITLE = "Xác nhận mở nhiệm kỳ mới"
TERM_OPEN_Q = ("Mở {name} từ ngày {start}?\n\n"
               "• {old} kết thúc ngày {end}.\n"
               "• Số văn bản đi của mọi loại bắt đầu lại từ 01 trong nhiệm kỳ mới.\n"
               "• Văn bản ghi ngày đến {end} vẫn lấy số tiếp theo của {old_name}.\n"
               "• Việc mở nhiệm kỳ được ghi vào nhật ký thay đổi.")
TERM_OPEN_YES = "Mở nhiệm kỳ (Enter)"
TERM_OPEN_NEXT = "Tiếp (Ctrl+S)"
FIELD_NEW_TERM_LABEL_PH = "ví dụ: 2030–2035"
TERM_OPENED = "Đã mở {name} từ {start}: số văn bản đi của mọi loại bắt đầu lại từ 01."
FIELD_TERM_START_HELP = "sửa khi ghi nhầm; nhiệm kỳ mới: mở ở thẻ Nhiệm kỳ"

# --- Sao lưu: the backups in the backup folder; backing up now, checking one --------------------
BACKUP_COLUMNS = ("Ngày giờ sao lưu", "Dung lượng", "Tệp")
KEY_BACKUP_NOW = "Sao lưu ngay"
KEY_BACKUP_VERIFY = "Kiểm tra bản chọn"
BACKUP_FOLDER = "Thư mục sao lưu: {folder}"
BACKUP_FOLDER_MISSING = ("Thư mục sao lưu {folder} chưa có hoặc chưa kết nối (USB chưa cắm?); "
                         "sao lưu ngay sẽ tạo thư mục nếu được.")
BACKUP_AUTO_ON = "Tự sao lưu lần mở đầu tiên mỗi ngày; giữ {keep} bản mới nhất (đổi ở Cài đặt)."
BACKUP_AUTO_OFF = "Không tự sao lưu (bật ở Cài đặt); giữ {keep} bản mới nhất."
BACKUP_LAST = "Lần sao lưu tốt gần nhất: {time} ngày {date}."
BACKUP_LAST_NONE = "Chưa có lần sao lưu nào."
BACKUP_NONE = "Chưa có bản sao lưu nào trong thư mục này: nhấn F5 (hoặc B) để sao lưu ngay."
BACKUP_HINT = "F5/B: sao lưu ngay · F6/K: kiểm tra bản chọn · khôi phục: lệnh vanphong restore"
BACKUP_RUNNING = "Đang sao lưu… Vẫn làm việc khác được; xong sẽ có thông báo."
BACKUP_VERIFYING = "Đang kiểm tra {name}… Xong sẽ có thông báo."
BACKUP_PICK_FIRST = "Chưa có bản sao lưu nào để kiểm tra."
