"""Shared fixtures: every test gets a real SQLite office in its own temporary home.

An office is built once per run by the code under test and copied for each test (see
tests/templates.py): the copy is owner-only and the test's own. Set
VANPHONG_TEST_FRESH_OFFICES=1 to build every office from scratch instead, as before."""
from __future__ import annotations

import datetime as _dt
import os

import pytest

from tests import templates

os.environ.setdefault("TEXTUAL_COLOR_SYSTEM", "standard")
# no test touches this PC's password store (the day's backup of an app started with its services
# on, and its child process, would): a test that needs a store plugs its own in
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _from_templates(h) -> bool:
    """Offices of this test are copies: an SQLite home (no server from VANPHONG_DB_URL), and
    copies not switched off."""
    return not os.environ.get("VANPHONG_DB_URL") and not os.environ.get("VANPHONG_TEST_FRESH_OFFICES")


def _untouched(h) -> bool:
    """The test's database is still the empty office the ``home`` fixture opened: nothing was
    written to it since (another fixture may have, before ``office`` ran)."""
    from models.db import db, is_sqlite
    return (db.obj is not None and is_sqlite() and not db.obj.is_closed()
            and os.path.realpath(db.obj.database) == os.path.realpath(h.db_path)
            and db.obj.connection().total_changes == 0)


def _replace_database(h, template) -> None:
    """Close the test's (untouched) database, put the template's in its place, open it."""
    from models.db import close_database, open_database
    close_database()
    templates.copy_database(template, h)
    open_database(h.db_url)


@pytest.fixture
def home(tmp_path, tmp_path_factory):
    """An empty office home (folder) with its database opened and migrated."""
    from models.db import close_database, open_database
    from models.home import OfficeHome
    h = OfficeHome(tmp_path / "office")
    if _from_templates(h):
        t = templates.build_once(templates.run_dir(tmp_path_factory), "empty",
                                 lambda f: templates.build_in_process(f, None))
        h.ensure()
        templates.copy_database(t, h)
    else:
        h.ensure()
    open_database(h.db_url)
    yield h
    close_database()


OFFICE_VALUES = {
    "name": "Đảng ủy xã Tân Lập", "superior": "Đảng bộ tỉnh Tuyên Quang", "body_abbr": "ĐU",
    "place": "Xã Tân Lập", "term_start": _dt.date(2025, 8, 16), "term_label": "2025–2030",
}
PASSWORD = "matkhau-2026"
OFFICE_PEOPLE = {"admin": "admin", "clerk": "vanthu", "treasurer": "thuquy", "leader": "bithu",
                 "viewer": "xem"}


def set_up_office() -> None:
    """The configured office: one user per role (passwords hashed with the production cost),
    the clerk named to the secret book."""
    from models import office as office_mod
    from models import users
    office_mod.first_run_setup(OFFICE_VALUES, "admin", "Nguyễn Thị Hoa", PASSWORD)
    admin = users.User.get(users.User.username == "admin")
    made = {}
    for username, name, role in [("vanthu", "Trần Thị Mai", "clerk"),
                                 ("thuquy", "Lê Văn Hùng", "treasurer"),
                                 ("bithu", "Phạm Văn Đức", "leader"),
                                 ("xem", "Hoàng Thị Lan", "viewer")]:
        made[role] = users.create_user(admin, username, name, role, PASSWORD)
    # the committee assigned its clerk to the secret book: the admin grants it to her by name
    users.set_secret_handler(admin, made["clerk"].id, True)


@pytest.fixture
def office(home, tmp_path_factory):
    """A configured office with one user per role; returns a dict role -> User."""
    from models import users
    if _from_templates(home) and _untouched(home):
        _replace_database(home, templates.build_once(
            templates.run_dir(tmp_path_factory), "office",
            lambda f: templates.build_in_process(f, set_up_office)))
    else:
        set_up_office()
    return {role: users.User.get(users.User.username == name) for role, name in OFFICE_PEOPLE.items()}


@pytest.fixture
def demo_filled(home, tmp_path_factory):
    """``demo_filled(today)``: the test's empty office filled by ``demo.fill(today=today)`` (a
    copy of the demo of that day, filled once in this run)."""
    from models import demo, schema  # noqa: F401  (schema: every area's fillers registered)

    def fill(today: _dt.date) -> None:
        if not (_from_templates(home) and _untouched(home)):
            demo.fill(today=today)
            return
        _replace_database(home, templates.build_once(
            templates.run_dir(tmp_path_factory), f"demo-{today.isoformat()}",
            lambda f: templates.build_in_process(f, lambda: demo.fill(today=today))))
    return fill


@pytest.fixture(scope="session")
def cli_demo(tmp_path_factory):
    """The home ``vanphong demo`` made (run once in this run, as a user types it) and what it
    printed: ``(home, stdout)``. Copy the home with ``templates.copy_home`` before using it."""
    t = templates.build_once(templates.run_dir(tmp_path_factory), "cli-demo", templates.build_cli_demo)
    return t / "home", (t / "stdout.txt").read_text()


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


def set_up_pg_office() -> None:
    from models import office as office_mod
    from models import users
    office_mod.first_run_setup(OFFICE_VALUES, "admin", "Nguyễn Thị Hoa", PASSWORD)
    admin = users.User.get(users.User.username == "admin")
    clerk = users.create_user(admin, "vanthu", "Trần Thị Mai", "clerk", PASSWORD)
    users.set_secret_handler(admin, clerk.id, True)      # named to the secret book


@pytest.fixture
def pg_office(pg):
    """A configured office in a new PostgreSQL database: admin and clerk accounts. The
    database is a copy (CREATE DATABASE … TEMPLATE) of one set up once per server."""
    from models import db as dbm
    from models import users
    if pg.office_template is None:
        name = f"vp_template_{os.getpid()}"
        dbm.open_database(pg.create_db(name))
        try:
            set_up_pg_office()
        finally:
            dbm.close_database()
        pg.office_template = name
    url = pg.create_db(f"vp{next(_pg_counter)}_{os.getpid()}", template=pg.office_template)
    dbm.open_database(url)
    admin = users.User.get(users.User.username == "admin")
    clerk = users.User.get(users.User.username == "vanthu")
    yield {"admin": admin, "clerk": clerk, "url": url}
    dbm.close_database()


# --- the order of the run ------------------------------------------------------------------
# The longest tests (and those that build a template the others then copy) go first, so that
# pytest-xdist hands them out while every worker is still busy and the workers finish together,
# instead of one worker starting a two-minute scenario when the other has nothing left. Whole
# files where a module-scoped fixture is shared by their tests. Measured on a 2-core machine;
# the ones marked @pytest.mark.slow in their files go first as well.
SLOW_FIRST = (
    "tests/safety/test_power_and_load.py",
    "tests/tui/test_meetings_screens.py",
    "tests/e2e/test_office_home.py::test_demo_makes_an_office_nobody_else_can_read",
    "tests/models/test_registers.py::test_demo_filled_now_has_nothing_in_the_future",
    "tests/models/test_demo_programs.py",
    "tests/models/test_demo_meetings.py",
    "tests/models/test_users.py::test_the_demo_accounts_must_change_their_printed_password",
    "tests/e2e/test_terminal.py",
    "tests/e2e/test_busy_database.py",
    "tests/tui/test_tui_settings.py",
    "tests/tui/test_programs_screens.py",
    "tests/tui/test_registers_areas.py",
)


def pytest_collection_modifyitems(config, items):
    def slow(item) -> bool:
        return item.get_closest_marker("slow") is not None or item.nodeid.startswith(SLOW_FIRST)
    items.sort(key=lambda item: not slow(item))          # stable: otherwise as collected
