"""The front desk's areas: the reception book, the head's reception days, ad-hoc requests —
their menu entries and how a search hit of theirs opens. (Their Hôm nay panels register
themselves from models.reception and models.tasks.)"""
from __future__ import annotations

from . import strings as S
from .areas import _lazy_opener, register_area, register_opener

register_area("reception", S.AREA_RECEPTION, "tui.screens.reception:ReceptionScreen",
              permission="reception.view", order=62, help=S.AREA_RECEPTION_HELP)
register_area("reception_days", S.AREA_RECEPTION_DAYS, "tui.screens.reception:ReceptionDaysScreen",
              permission="reception.view", order=63, help=S.AREA_RECEPTION_DAYS_HELP)
register_area("tasks", S.AREA_TASKS, "tui.screens.tasks:TasksScreen",
              permission="records.view", order=64, help=S.AREA_TASKS_HELP)

register_opener("reception", _lazy_opener("tui.screens.reception", "open_reception"))
register_opener("task", _lazy_opener("tui.screens.tasks", "open_task"))
