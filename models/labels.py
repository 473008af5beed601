"""The names of the fields that more than one layer shows: one catalogue read by the screens,
the exports and the printed papers, so a field has one name everywhere — the word the paper book
uses. A section per area: the registers, then the areas built on them.

``models`` and ``printouts`` cannot import the UI's catalogue (``tui/strings.py``); that one
re-uses these names as ``L.X``. ``tests/house/test_one_label_per_field.py`` pairs each export's
headers with its screen's columns.
"""
from __future__ import annotations

# --- sổ đăng ký văn bản đến ------------------------------------------------------------------
ARRIVAL_NO = "Số đến"
ARRIVED = "Ngày đến"
SENDER = "Nơi gửi"
DOC_NUMBER = "Số, ký hiệu"
DOC_DATE = "Ngày văn bản"
DOC_TYPE = "Tên loại"
SUMMARY = "Trích yếu"
URGENCY = "Độ khẩn"
SECRECY = "Độ mật"
PAGES = "Số trang"
COPIES = "Số bản"
HANDLER = "Đơn vị, người nhận"          # who received it for handling (người/đơn vị nhận)
DEADLINE = "Hạn xử lý"
TRANSFERRED = "Ngày chuyển"
RECEIVED_BY = "Ký nhận"                 # the recipient signs here by hand on the paper book
NOTES = "Ghi chú"
STATUS = "Trạng thái"

INCOMING_COLUMNS = [ARRIVAL_NO, ARRIVED, SENDER, DOC_NUMBER, DOC_DATE, DOC_TYPE, SUMMARY, URGENCY,
                    SECRECY, PAGES, COPIES, HANDLER, DEADLINE, TRANSFERRED, RECEIVED_BY, NOTES]
# the column the recipient signs by hand: left empty on the printed book
INCOMING_SIGNED_BY_HAND = INCOMING_COLUMNS.index(RECEIVED_BY)

# --- sổ đăng ký văn bản đi -------------------------------------------------------------------
SYMBOL = "Số, ký hiệu"
SIGNER = "Người ký"
RECIPIENTS = "Nơi nhận"
FILED_IN = "Nơi lưu"

OUTGOING_COLUMNS = [SYMBOL, DOC_DATE, DOC_TYPE, SUMMARY, SIGNER, RECIPIENTS, FILED_IN, COPIES,
                    URGENCY, SECRECY, NOTES]

# The later areas' columns, one section per area as above. A field shown by more than one layer
# (screen, export, printed paper) has one name here; where two layers once named it differently,
# the printed paper's word was kept.


def in_dong(label: str) -> str:
    """A money column's header where the cells are bare numbers (an export, a printed table):
    the field's name with its unit, "Phải nộp" → "Phải nộp (đồng)". The screen shows the name
    alone (its cells say đ)."""
    return f"{label} (đồng)"


ROW_NO = "STT"                          # the printed books' running number

# --- sổ theo dõi sử dụng con dấu, sổ bàn giao con dấu ----------------------------------------
STAMPED_ON = "Ngày đóng dấu"
STAMPED_DOCUMENT = "Số, ký hiệu văn bản"
STAMPED_BY = "Người đóng dấu"
HANDED_ON = "Ngày bàn giao"
HANDED_BY = "Người giao"
HANDED_TO = "Người nhận"
WITNESS = "Người chứng kiến"
REASON = "Lý do"

SEAL_COLUMNS = [ROW_NO, STAMPED_ON, STAMPED_DOCUMENT, SUMMARY, SIGNER, STAMPED_BY, COPIES, NOTES]
SEAL_HANDOVER_COLUMNS = [ROW_NO, HANDED_ON, HANDED_BY, HANDED_TO, WITNESS, REASON, NOTES]

# --- danh bạ phối hợp ---------------------------------------------------------------------------
CONTACT_NAME = "Tên"
CONTACT_KIND = "Loại"
CONTACT_GROUP = "Nhóm"
POSITION = "Chức vụ"
ORGANISATION = "Đơn vị"
ABBREVIATION = "Viết tắt"
PHONE = "Điện thoại"
EMAIL = "Email"
ADDRESS = "Địa chỉ"

DIRECTORY_COLUMNS = [CONTACT_NAME, CONTACT_KIND, CONTACT_GROUP, POSITION, ORGANISATION,
                     ABBREVIATION, PHONE, EMAIL, ADDRESS, NOTES]

# --- đảng viên, đảng phí, sổ quỹ, tài sản ----------------------------------------------------
FULL_NAME = "Họ và tên"
BIRTH_DATE = "Ngày sinh"
CELL = "Chi bộ"
ADMITTED_ON = "Ngày vào Đảng"
OFFICIAL_ON = "Ngày chính thức"
CARD_NO = "Số thẻ đảng viên"
DUES_CATEGORY = "Đối tượng đóng đảng phí"
BASE_AMOUNT = "Mức tính"                # the amount the dues are reckoned on (danh sách thu)
MEMBER_STATUS = "Tình trạng"

MEMBER_COLUMNS = [FULL_NAME, BIRTH_DATE, CELL, ADMITTED_ON, OFFICIAL_ON, CARD_NO, DUES_CATEGORY,
                  in_dong(BASE_AMOUNT), MEMBER_STATUS, PHONE, NOTES]

PAID_ON = "Ngày nộp"
MONTHS = "Các tháng"
DUES_AMOUNT = "Đảng phí"
VOLUNTARY = "Tự nguyện"
PAYMENT_METHOD = "Hình thức"
RECEIPT = "Phiếu thu"
DUE = "Phải nộp"                        # a member's dues for the month (danh sách thu)
PAID = "Đã nộp"

PAYMENT_COLUMNS = [PAID_ON, FULL_NAME, CELL, MONTHS, in_dong(DUES_AMOUNT), in_dong(VOLUNTARY),
                   PAYMENT_METHOD, RECEIPT, STATUS]
# the printed collection sheet (danh sách thu đảng phí của chi bộ)
COLLECTION_SHEET_COLUMNS = [ROW_NO, FULL_NAME, in_dong(BASE_AMOUNT), in_dong(DUE), in_dong(PAID),
                            PAID_ON, RECEIPT, "Ký nhận / Ghi chú"]

ENTRY_DATE = "Ngày"
VOUCHER = "Số phiếu"
PAYER = "Người nộp / nhận"
DESCRIPTION = "Diễn giải"
CASH_IN = "Thu"
CASH_OUT = "Chi"
BALANCE = "Tồn"                         # the paper cash book's word (sổ quỹ tiền mặt)

CASHBOOK_COLUMNS = [ENTRY_DATE, VOUCHER, PAYER, DESCRIPTION, in_dong(CASH_IN), in_dong(CASH_OUT),
                    in_dong(BALANCE), NOTES]
# the printed cash book splits the voucher by direction
CASHBOOK_PRINT_COLUMNS = [ENTRY_DATE, "Số phiếu thu", "Số phiếu chi", DESCRIPTION, in_dong(CASH_IN),
                          in_dong(CASH_OUT), in_dong(BALANCE)]

ASSET_CODE = "Mã"
ASSET_NAME = "Tên tài sản"
UNIT = "ĐVT"                            # đơn vị tính, as the inventory paper writes it
QUANTITY = "Số lượng"
UNIT_PRICE = "Đơn giá"
VALUE = "Thành tiền"
ACQUIRED_ON = "Ngày mua"
LOCATION = "Nơi đặt"
CONDITION = "Tình trạng"
USED_BY = "Người sử dụng"

ASSET_COLUMNS = [ASSET_CODE, ASSET_NAME, UNIT, QUANTITY, in_dong(UNIT_PRICE), in_dong(VALUE),
                 ACQUIRED_ON, LOCATION, CONDITION, USED_BY, NOTES]
INVENTORY_COLUMNS = [ROW_NO, ASSET_CODE, ASSET_NAME, UNIT, "Sổ sách", "Thực tế", "Thiếu", "Hỏng",
                     NOTES]

# --- sổ tiếp khách, tiếp đảng viên và nhân dân ---------------------------------------------
RECEPTION_NO = "Số"
VISITED_AT = "Ngày tiếp"
VISITOR = "Người đến"
ID_NUMBER = "Số CCCD"
CATEGORY = "Đối tượng"
PEOPLE = "Số người"
CONTENT = "Nội dung"
HANDLED_BEFORE = "Nơi đã giải quyết"
ACTION = "Cách xử lý"
FORWARD_TO = "Chuyển đến"
HOST = "Người tiếp"
INCOMING_DOC = "Văn bản đến"
REPLY_DOC = "Văn bản trả lời"
CASE_STATE = "Tình trạng"
RESULT = "Kết quả"
CLOSED_ON = "Ngày kết thúc"

RECEPTION_COLUMNS = [RECEPTION_NO, VISITED_AT, VISITOR, ADDRESS, ID_NUMBER, CATEGORY, PEOPLE,
                     CONTENT, HANDLED_BEFORE, ACTION, FORWARD_TO, HOST, INCOMING_DOC, REPLY_DOC,
                     CASE_STATE, RESULT, CLOSED_ON]
# one person's visits (the reception form's history, exported)
PERSON_VISITS_COLUMNS = [c for c in RECEPTION_COLUMNS if c not in (INCOMING_DOC, REPLY_DOC)]
# the report's table of the cases still open at the end of the period
OPEN_CASE_COLUMNS = [RECEPTION_NO, VISITED_AT, VISITOR, CASE_STATE]

# --- việc đột xuất ----------------------------------------------------------------------------
ASKED_ON = "Ngày giao"
ASKED_BY = "Người giao"
TASK = "Nội dung"
ASSIGNEE = "Người thực hiện"
DONE_ON = "Ngày xong"
OUTGOING_DOC = "Văn bản đi"
MEETING = "Hội nghị"
TASK_STATUS = STATUS

TASK_COLUMNS = [ROW_NO, ASKED_ON, ASKED_BY, TASK, ASSIGNEE, DEADLINE, TASK_STATUS, DONE_ON,
                INCOMING_DOC, OUTGOING_DOC, MEETING, NOTES]

# --- hội nghị, biên bản -----------------------------------------------------------------------
MEETING_DATE = "Ngày"
MEETING_TIME = "Giờ"
MEETING_KIND = "Loại hội nghị"
MEETING_TITLE = "Nội dung"
MEETING_PLACE = "Địa điểm"
CHAIR = "Chủ trì"
SECRETARY = "Thư ký"
MINUTES_NO = "Số biên bản"
PRESENT = "Có mặt"
ABSENT = "Vắng"
OPENED_AT = "Khai mạc"
CLOSED_AT = "Bế mạc"
MEETING_STATUS = "Tình trạng"

MEETING_COLUMNS = [MEETING_DATE, MEETING_TIME, MEETING_KIND, MEETING_TITLE, MEETING_PLACE, CHAIR,
                   SECRETARY, MINUTES_NO, PRESENT, ABSENT, OPENED_AT, CLOSED_AT, MEETING_STATUS]

# --- số liệu thống kê ----------------------------------------------------------------------------
FIGURE_GROUP = "Nhóm"
INDICATOR = "Chỉ tiêu"
FIGURE = "Số liệu"
FIGURE_UNIT = "Đơn vị"

STATISTICS_COLUMNS = [FIGURE_GROUP, INDICATOR, FIGURE, FIGURE_UNIT]
STATISTICS_PRINT_COLUMNS = ["TT", INDICATOR, FIGURE]     # the paper numbers its groups I, II…
