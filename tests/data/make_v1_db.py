"""How tests/data/office-v1.sqlite3 was made: a database as schema version 1 ("foundation")
left it, with an office, two users and their audit entries. Kept so the upgrade test always
opens a real old database; re-running this with today's code would NOT reproduce version 1
once the foundation tables change, so the .sqlite3 file is the reference, not this script."""
import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models import db as dbm  # noqa: E402
from models import schema  # noqa: E402

out = Path(__file__).with_name("office-v1.sqlite3")
out.unlink(missing_ok=True)
database = dbm.connect_url(f"sqlite:///{out}")
database.connect()
dbm.db.initialize(database)
with database.atomic():
    database.create_tables([dbm.SchemaVersion])
    schema.MIGRATIONS[0].apply(database)
    dbm.SchemaVersion.create(version=1, name="foundation")
from models import office, users  # noqa: E402
office.first_run_setup({"name": "Đảng ủy phường Hòa Bình", "superior": "Đảng bộ quận Ba Đình",
                        "body_abbr": "ĐU", "place": "Phường Hòa Bình",
                        "term_start": dt.date(2020, 9, 1), "term_label": "2020–2025"},
                       "quantri", "Đỗ Văn Bảy", "matkhau-cu-2024")
admin = users.User.get(users.User.username == "quantri")
users.create_user(admin, "vanthu", "Ngô Thị Tám", "clerk", "matkhau-cu-2024")
database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
database.execute_sql("PRAGMA journal_mode=DELETE")
database.close()
c = sqlite3.connect(out)
print(c.execute("select version from schema_version").fetchall())
