"""The reception book (sổ tiếp khách, tiếp đảng viên và nhân dân) and the head's reception days
(lịch tiếp dân của Bí thư).

Every visit gets a number that starts again at 1 each year. A case follows states until it is
closed with a result; every change of state is a ``ReceptionStep`` (when, who, what, note).

    r = receive(actor, name="Nguyễn Văn Bình", address="Thôn Đồng Tâm", category="citizen",
                content="Hỏi về cấp giấy chứng nhận", action="accept")
    forward(actor, r, "Ủy ban nhân dân xã Tân Lập", note="Chuyển giải quyết")
    close(actor, r, "resolved", "Đã cấp giấy chứng nhận")

The head of a commune committee receives citizens at least ``REQUIRED_DAYS`` days a month:
``month_outlook(year, month, today)`` says how the month stands, counting only the days that
belong to that month (a day scheduled for the 1st of next month does not save this one).

Personal data: the ID number is shown only to roles with ``reception.view_ids``. One person's
records can be exported for them (``export_person``) or anonymised (``anonymise_person``): name,
address and ID number are replaced, the case stays for the statistics. The audit log never holds
a visitor's name, address or ID number in clear: it holds a digest, so an anonymised person does
not live on in the log.

Callers use ``from models import reception; reception.X``: every public name is here.

  records     keys, the tables, the helpers every change shares (audit without personal values)
  book        receiving a visitor, updating, states, forwarding, closing
  people      earlier visitors as a type-ahead; one person's data found, exported, anonymised
  days        the head's reception days and a month's outlook
  lists       the book and the days as lists, search hits, the Hôm nay panels
  reports     reports by month, quarter, 6 or 9 months and year; the book as an export; figures
"""
# ruff: noqa: F401  (the package re-exports its modules' public names)
from __future__ import annotations

# in the order the names stood in the one file, so registrations keep their order
from .records import (ACTIONS, ACTION_VI, ANON_NAME, CATEGORIES, CATEGORY_VI, DAY_STATES, HIDDEN, LIMITS,
                      OPEN_STATES, PERSONAL, RECEPTION_MODELS, REQUIRED_DAYS, RESULTS, RESULT_VI, Reception,
                      ReceptionDay, ReceptionStep, STATES, STATE_VI, TRANSITIONS, digest, next_number,
                      safe_cell)
from .book import (close, forward, get, receive, set_state, shown_id, steps, update)
from .people import (PERSON_COLUMNS, Visitor, anonymise_person, export_person, find_visitors, person_rows,
                     records_of)
from .days import (MonthOutlook, days_between, month_bounds, month_outlook, schedule_day, set_day_state)
from .lists import (ReceptionDaySource, ReceptionSource)
from .reports import (BOOK_COLUMNS, MonthDays, Period, ReceptionReport, book_rows, export_book, parse_period,
                      report, report_rows)
