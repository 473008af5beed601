"""`vanphong demo`: fill an empty office with realistic data.

Each area of the office adds a filler with ``register_filler``; fillers run in order, all in one
run with one seeded random generator so the demo is the same every time.
"""
from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass
from typing import Callable

from . import office, users
from .errors import VanphongError

DEMO_ADMIN = ("admin", "Nguyễn Thị Hoa", "vanphong2026")
DEMO_USERS = [
    ("vanthu", "Trần Thị Mai", "clerk", "vanphong2026"),
    ("thuquy", "Lê Văn Hùng", "treasurer", "vanphong2026"),
    ("bithu", "Phạm Văn Đức", "leader", "vanphong2026"),
    ("xem", "Hoàng Thị Lan", "viewer", "vanphong2026"),
]


@dataclass
class DemoContext:
    admin: users.User
    rng: random.Random
    today: _dt.date
    store: object = None    # models.filestore.FileStore, for fillers that add files
    now: _dt.datetime | None = None   # nothing in the demo happens after this moment
    progress: Callable[[str], None] | None = None   # told each stage as it starts

    def say(self, stage: str) -> None:
        """A filler names the stage it starts ("Sổ văn bản đến…"): one line on the terminal."""
        if self.progress is not None:
            self.progress(stage)
    clerk: users.User | None = None   # the clerk the admin named to the secret book
    leader: users.User | None = None  # records the signatures

    def past(self, at: _dt.datetime, not_before: _dt.datetime | None = None) -> _dt.datetime:
        """``at``, or now if ``at`` is later (a demo filled at 07:40 has no document that
        "arrived" at 15:30 today), never earlier than ``not_before``."""
        if self.now is not None and at > self.now:
            at = self.now
        return max(at, not_before) if not_before is not None else at


_FILLERS: list[tuple[int, str, Callable[[DemoContext], None]]] = []


def register_filler(order: int, name: str, fn: Callable[[DemoContext], None]) -> None:
    global _FILLERS
    _FILLERS = [f for f in _FILLERS if f[1] != name]
    _FILLERS.append((order, name, fn))
    _FILLERS.sort(key=lambda f: f[0])


def fill(today: _dt.date | None = None, store=None, seed: int = 2026,
         progress: Callable[[str], None] | None = None) -> DemoContext:
    """Fill the empty office; ``progress(stage)`` is told each stage as it starts (the demo
    takes a minute: the command line shows one line per stage)."""
    if office.is_configured() or users.has_users():
        raise VanphongError("Văn phòng này đã có dữ liệu; dữ liệu mẫu chỉ nạp vào văn phòng trống.")
    today = today or _dt.date.today()
    if progress is not None:
        progress("Cấp ủy và tài khoản…")
    office.first_run_setup(
        {"name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ tỉnh Tuyên Quang", "body_abbr": "ĐU",
         "place": "Xã Tân Lập", "term_start": _dt.date(2025, 8, 16), "term_label": "2025–2030"},
        *DEMO_ADMIN, admin_must_change=True)      # the demo's passwords are printed for all to see
    admin = users.User.get(users.User.username == DEMO_ADMIN[0])
    made = {username: users.create_user(admin, username, full_name, role, pw)
            for username, full_name, role, pw in DEMO_USERS}
    # the committee assigned its clerk to the secret book; the admin grants it to her by name
    clerk = users.set_secret_handler(admin, made["vanthu"].id, True)
    end_of_day = _dt.datetime.combine(today, _dt.time(17, 0))
    now = min(_dt.datetime.now().replace(microsecond=0), end_of_day) \
        if today == _dt.date.today() else end_of_day
    ctx = DemoContext(admin=admin, rng=random.Random(seed), today=today, store=store, now=now,
                      progress=progress, clerk=clerk, leader=made["bithu"])
    for _, _, f in _FILLERS:
        f(ctx)
    return ctx

from . import demo_dues  # noqa: E402,F401  the treasurer area's filler (members, dues, cash, assets)
from . import demo_reception  # noqa: E402,F401  (the front desk's filler registers itself)
from . import demo_programs  # noqa: E402,F401  work programs, weekly schedules, reports owed
# the registers' and the meetings' fillers: loaded with the demo only, not with every start
from . import demo_registers  # noqa: E402,F401
from . import demo_meetings  # noqa: E402,F401
