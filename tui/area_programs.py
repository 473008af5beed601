"""The staff side in the TUI: the weekly schedule, work programs, reports owed, statistics and
drafting — their menu entries and how a search hit opens them. (Their Hôm nay panels, search
kinds and figures register themselves from models.programs, models.reports, models.drafts.)"""
from __future__ import annotations

from . import strings as S
from .areas import _lazy_opener, register_area, register_opener

register_area("schedule", S.MENU_SCHEDULE, "tui.screens.programs:ScheduleScreen",
              permission="records.view", order=46, help=S.AREA_SCHEDULE_HELP)
register_area("programs", S.MENU_PROGRAMS, "tui.screens.programs:ProgramsScreen",
              permission="records.view", order=47, help=S.AREA_PROGRAMS_HELP)
register_area("reports", S.MENU_REPORTS, "tui.screens.programs:ReportsScreen",
              permission="records.view", order=48, help=S.AREA_REPORTS_HELP)
register_area("statistics", S.MENU_STATISTICS, "tui.screens.programs:StatisticsScreen",
              permission="records.view", order=49, help=S.AREA_STATISTICS_HELP)
register_area("drafts", S.MENU_DRAFTS, "tui.screens.drafts:DraftsScreen",
              permission="documents.edit", order=25, help=S.AREA_DRAFTS_HELP)
register_opener("program_item", _lazy_opener("tui.screens.programs", "open_program_item"))
register_opener("report", _lazy_opener("tui.screens.programs", "open_report"))
register_opener("draft", _lazy_opener("tui.screens.drafts", "open_draft"))
