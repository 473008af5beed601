"""Every word the program shows on screen, in one catalogue (domain.md §0).

Code and identifiers are English; what a person reads is Vietnamese with full diacritics and lives
here, so wording is changed in one place. Strings with ``{…}`` are ``str.format`` templates.
Modules of later areas add their own section at the end rather than writing text inline.
"""
from __future__ import annotations

APP_NAME = "vanphong"
APP_TITLE = "Phần mềm văn phòng cấp ủy"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
TODAY_LONG = "{weekday}, {date}"          # Thứ Năm, 05/03/2026

# --- keys: descriptions in the footer and the help screen ------------------------------------
KEY_HELP = "Trợ giúp"
KEY_PALETTE = "Lệnh"
KEY_QUIT = "Thoát"
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
TIP_SEARCH = "Tìm kiếm trong mọi sổ"
TIP_FILTER = "Lọc danh sách theo từ gõ vào"

# keys a screen explains on the help screen beyond its bindings (keys, what they do)
HELP_DASHBOARD = [("↑ ↓ rồi Enter", "Chọn mục trong menu, hoặc mở một ô việc"),
                  ("Tab", "Chuyển giữa menu và các ô việc")]
HELP_SEARCH = [("Enter (ô tìm)", "Tìm"), ("Enter (kết quả)", "Mở hồ sơ"),
               ("↓", "Từ ô tìm xuống danh sách kết quả")]
HELP_SETTINGS = [("Shift+Tab rồi ← →", "Chuyển thẻ: Cấp ủy / Cài đặt chung / Tài khoản"),
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

# --- areas (menu, palette, header) ---------------------------------------------------------
AREA_DASHBOARD = "Hôm nay"
AREA_SEARCH = "Tìm kiếm"
AREA_AUDIT = "Nhật ký thay đổi"
AREA_SETTINGS = "Cài đặt"
AREA_DASHBOARD_HELP = "Việc cần làm hôm nay"
AREA_SEARCH_HELP = "Tìm trong mọi sổ, không phân biệt dấu và hoa thường"
AREA_AUDIT_HELP = "Ai đã thay đổi gì, khi nào; kiểm tra chuỗi băm"
AREA_SETTINGS_HELP = "Thông tin cấp ủy, cài đặt, tài khoản"

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
FIELD_SUPERIOR_PH = "ví dụ: Đảng bộ huyện Yên Sơn"
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
INT_RANGE = "Cần một số nguyên trong khoảng {minimum}–{maximum}."

# --- login ---------------------------------------------------------------------------------
LOGIN_TITLE = "ĐĂNG NHẬP"
LOGIN_HINT = "Enter: đăng nhập · F1: trợ giúp · Ctrl+Q: thoát"
LOGIN_WELCOME = "Xin chào {full_name}."
LOGIN_NO_OFFICE = "(văn phòng chưa thiết lập)"
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
DIALOG_CANCEL = "Hủy (Esc)"
DIALOG_SAVE = "Lưu (Ctrl+S)"
UNEXPECTED_ERROR = ("Chương trình gặp lỗi không lường trước và phải đóng lại. "
                    "Dữ liệu đã lưu không bị ảnh hưởng. Chi tiết: {detail}")
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
SEARCH_HINT = "Tìm không phân biệt dấu và hoa thường: “dang phi” tìm thấy “Đảng phí”."
SEARCH_NO_OPENER = "Chưa có màn hình để mở loại hồ sơ “{label}”."

# --- settings --------------------------------------------------------------------------------
SETTINGS_TAB_OFFICE = "Cấp ủy"
SETTINGS_TAB_SETTINGS = "Cài đặt chung"
SETTINGS_TAB_USERS = "Tài khoản"
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

USERS_COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái")
USER_ACTIVE = "Đang dùng"
USER_DISABLED = "Đã khóa"
USER_LOCKED = "Tạm khóa đến {time}"
USERS_HINT = "F7/Ctrl+N: thêm · Enter: sửa · F6/Ctrl+R: đặt lại mật khẩu"
USER_ADD_TITLE = "Thêm tài khoản"
USER_EDIT_TITLE = "Sửa tài khoản {username}"
USER_PASSWORD_TITLE = "Đặt lại mật khẩu cho {username}"
USER_ADDED = "Đã thêm tài khoản {username}."
USER_SAVED = "Đã lưu tài khoản {username}."
USER_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}."
OWN_PASSWORD_TITLE = "Đổi mật khẩu của {username}"
OWN_PASSWORD_DONE = "Đã đổi mật khẩu."

# --- audit log viewer ----------------------------------------------------------------------------
AUDIT_COLUMNS = ("Số", "Thời điểm", "Người", "Việc", "Bảng", "Mã")
AUDIT_HINT = "Enter: xem chi tiết · /: lọc theo người, việc, bảng · F5/K: kiểm tra chuỗi"
AUDIT_DETAIL_TITLE = "Mục nhật ký số {seq}"
AUDIT_DETAIL_HEAD = "{at} · {username} · {action} · {table} {record}"
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
    "import": "Nhập",
    "reject": "Từ chối",
    "purge_secret_file": "Xóa tệp mật",
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
}
