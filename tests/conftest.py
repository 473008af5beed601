"""Shared fixtures: every test gets a real SQLite office in its own temporary home."""
from __future__ import annotations

import datetime as _dt
import os

import pytest

os.environ.setdefault("TEXTUAL_COLOR_SYSTEM", "standard")


@pytest.fixture
def home(tmp_path):
    """An empty office home (folder) with its database opened and migrated."""
    from models.db import close_database, open_database
    from models.home import OfficeHome
    h = OfficeHome(tmp_path / "office").ensure()
    open_database(h.db_url)
    yield h
    close_database()


OFFICE_VALUES = {
    "name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ tỉnh Tuyên Quang", "body_abbr": "ĐU",
    "place": "Xã Tân Lập", "term_start": _dt.date(2025, 8, 16), "term_label": "2025–2030",
}
PASSWORD = "matkhau-2026"


@pytest.fixture
def office(home):
    """A configured office with one user per role; returns a dict role -> User."""
    from models import office as office_mod
    from models import users
    office_mod.first_run_setup(OFFICE_VALUES, "admin", "Nguyễn Thị Hoa", PASSWORD)
    admin = users.User.get(users.User.username == "admin")
    people = {"admin": admin}
    for username, name, role in [("vanthu", "Trần Thị Mai", "clerk"),
                                 ("thuquy", "Lê Văn Hùng", "treasurer"),
                                 ("bithu", "Phạm Văn Đức", "leader"),
                                 ("xem", "Hoàng Thị Lan", "viewer")]:
        people[role] = users.create_user(admin, username, name, role, PASSWORD)
    # the committee assigned its clerk to the secret book: the admin grants it to her by name
    people["clerk"] = users.set_secret_handler(admin, people["clerk"].id, True)
    return people


# --- PostgreSQL (a throw-away server, started once per test run) ---------------------------
@pytest.fixture(scope="session")
def pg():
    from tests.pg import TempPostgres
    pytest.importorskip("psycopg2")
    server = TempPostgres()
    if not server.available():
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql)")
    server.start()
    yield server
    server.stop()


_pg_counter = iter(range(1, 10**6))


@pytest.fixture
def pg_office(pg):
    """A configured office in a new PostgreSQL database: admin and clerk accounts."""
    from models import db as dbm
    from models import office as office_mod
    from models import users
    url = pg.create_db(f"vp{next(_pg_counter)}_{os.getpid()}")
    dbm.open_database(url)
    office_mod.first_run_setup(OFFICE_VALUES, "admin", "Nguyễn Thị Hoa", PASSWORD)
    admin = users.User.get(users.User.username == "admin")
    clerk = users.create_user(admin, "vanthu", "Trần Thị Mai", "clerk", PASSWORD)
    clerk = users.set_secret_handler(admin, clerk.id, True)      # named to the secret book
    yield {"admin": admin, "clerk": clerk, "url": url}
    dbm.close_database()
