"""The meetings area in the TUI: its menu entry and how a search hit opens a meeting.
(Its Hôm nay panel, search kind and list source register themselves from models.meetings.)"""
from __future__ import annotations

from . import strings as S
from .areas import _lazy_opener, register_area, register_opener

register_area("meetings", S.AREA_MEETINGS, "tui.screens.meetings:MeetingScreen",
              permission="meetings.view", order=45, help=S.AREA_MEETINGS_HELP)
register_opener("meeting", _lazy_opener("tui.screens.meetings", "open_meeting"))
