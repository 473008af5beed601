"""The demo's accounts start on a printed password that must be changed at the first login:
the end-to-end scenarios choose their own first, as each person in the office would."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "vanphong2026"       # printed in the README; must be changed at the first login
OWN_PASSWORD = "So-van-thu-2026"     # what the scenarios choose instead


def choose_own_password(home: Path, *usernames: str, new: str = OWN_PASSWORD) -> None:
    code = ("import sys\nfrom models.db import open_database\nfrom models.home import OfficeHome\n"
            "from models import users\n"
            "open_database(OfficeHome(sys.argv[1]).db_url)\n"
            "for name in sys.argv[3:]:\n"
            "    u = users.User.get(users.User.username == name)\n"
            f"    users.set_password(u, u.id, sys.argv[2], old_password={DEMO_PASSWORD!r})\n")
    subprocess.run([sys.executable, "-c", code, str(home), new, *usernames], cwd=ROOT, check=True,
                   capture_output=True)
