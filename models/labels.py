"""The registers' own words for their columns: one catalogue read by the screens, the exports
and the printed books, so a field has one name everywhere (the word the paper register uses).

``models`` cannot import the UI's catalogue (``tui/strings.py``); that one re-uses these names.
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
