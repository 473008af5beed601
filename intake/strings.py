"""Every Vietnamese sentence the scanner intake shows or writes, in one place."""
from __future__ import annotations

# --- why a file was not taken in (also written to <name>.reason.txt) --------------------------
REASON_EMPTY = "tệp rỗng (0 byte)"
REASON_UNWRITTEN = "tệp chưa có nội dung (phần đầu tệp toàn số 0 hoặc quá ngắn)"
REASON_UNSUPPORTED = ("không phải tệp PDF, JPEG, PNG hay TIFF (xét theo nội dung tệp, không theo "
                      "phần mở rộng tên tệp)")
REASON_PDF_NO_EOF = "tệp PDF chưa ghi xong: không có dấu kết thúc %%EOF"
REASON_JPEG_NO_EOI = "tệp JPEG chưa ghi xong: không có dấu kết thúc ảnh (FFD9)"
REASON_PNG_NO_IEND = "tệp PNG chưa ghi xong: không có khối kết thúc IEND"
REASON_TIFF_BROKEN = "tệp TIFF chưa ghi xong hoặc hỏng: phần đầu/thư mục ảnh (IFD) không đọc được"
REASON_PDF_BROKEN = "tệp PDF bị hỏng, không đọc được ({error})"
REASON_NOT_REGULAR = "không phải tệp thông thường (liên kết, thiết bị hoặc ống dẫn)"
REASON_UNREADABLE = "không đọc được tệp: {error}"
REASON_TOO_LONG = ("tệp vẫn chưa hoàn chỉnh hoặc vẫn thay đổi sau {seconds} giây chờ "
                   "(giới hạn trong Cài đặt: intake.max_wait_seconds); lần xem cuối: {last}")
REASON_STILL_EMPTY = "tệp rỗng (0 byte): vẫn chưa có nội dung sau {seconds} giây chờ"
REASON_DUPLICATE = ("Trùng với văn bản đến số {number} (vào sổ {when}, tệp “{name}”): cùng nội dung "
                    "(SHA-256 {sha_short}…). Tệp không được vào sổ lần nữa.")
REASON_DUPLICATE_FILE = ("Trùng nội dung với một tệp đã lưu trong văn phòng (SHA-256 {sha_short}…). "
                         "Tệp không được vào sổ lần nữa.")
REASON_DUPLICATE_SECRET = ("Trùng với văn bản mật đến số {number} (SHA-256 {sha_short}…). Văn bản mật "
                           "chỉ ghi thông tin vào sổ, không được lưu tệp trên máy tính, nên tệp này "
                           "đã bị xóa khỏi thư mục nhận.")
REASON_ERROR = "lỗi khi nhận tệp: {error}"

REASON_FILE = """Tệp: {name}
Thời điểm: {when}
Lý do không nhận: {reason}

Tệp này nằm trong thư mục failed/ nên chương trình không xử lý lại.
Nếu muốn nhận lại, hãy sửa hoặc quét lại tệp rồi chép vào thư mục nhận bản quét.
"""

# --- one line per file, for the console and the TUI -------------------------------------------
EV_REGISTERED = "Đã vào sổ văn bản đến số {number}: {name}{extra} — trạng thái Cần bổ sung."
EV_REJECTED = "Không nhận {name}: {reason}. Đã chuyển vào {where}."
EV_DUPLICATE = "Không nhận {name}: trùng với văn bản đến số {number}. Đã chuyển vào {where}."
EV_DUPLICATE_FILE = "Không nhận {name}: trùng nội dung với tệp đã lưu. Đã chuyển vào {where}."
EV_DUPLICATE_SECRET = ("Không nhận {name}: trùng với văn bản mật đến số {number}; văn bản mật không "
                       "được lưu tệp trên máy tính nên tệp đã bị xóa.")
EV_RECOVERED = ("{name} đã được vào sổ (số đến {number}) trước khi chương trình dừng đột ngột; "
                "đã xóa khỏi thư mục nhận.")
EV_RETRY = "Chưa nhận được {name}: {error}. Sẽ thử lại."
EV_LEFT = "Để lại {name}: {reason}; sẽ nhận ở lần chạy sau."
EV_STARTED = "Đang theo dõi thư mục nhận bản quét {inbox} ({mode})."
EV_STOPPED = "Đã dừng nhận bản quét: {registered} tệp vào sổ, {rejected} tệp không nhận."
EV_WATCH_FALLBACK = "Không dùng được inotify ({error}); chuyển sang quét định kỳ."
EV_WATCH_LOST = "Mất theo dõi thư mục {inbox} ({error}); sẽ thử lại."
EV_WATCH_BACK = "Đã truy cập lại được thư mục {inbox}; tiếp tục nhận bản quét."
EV_ERROR = "Lỗi khi nhận bản quét: {error}"

MODE_INOTIFY = "inotify: báo ngay khi tệp được ghi xong"
MODE_POLLING = "quét định kỳ mỗi {interval:g} giây"
MODE_POLLING_NETWORK = "quét định kỳ mỗi {interval:g} giây vì là thư mục mạng ({fstype})"
MODE_ONCE = "một lần"

EXTRA_PAGES = "{pages} trang"
EXTRA_SENDER = "nơi gửi {sender}"
EXTRA_NUMBER = "số {doc_number}"

NOTE = "Nhận từ máy quét: {name}"

# --- the inbox itself ---------------------------------------------------------------------------
INBOX_UNUSABLE = "Không dùng được thư mục nhận bản quét {path}: {reason}."
INBOX_NOT_DIR = "không phải là thư mục"
INBOX_NO_READ = "không có quyền đọc"
INBOX_NO_WRITE = ("không có quyền ghi (chương trình cần chuyển tệp đã nhận ra khỏi thư mục và "
                  "chuyển tệp lỗi vào failed/)")
