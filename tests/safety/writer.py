"""A writer process for the data-safety tests: registers incoming documents in a loop, as a
desk would, and prints one line per document *after* its transaction committed:

    SAVED <id> <arrival_no> <summary>

so a test knows exactly what the program reported as saved. ``--files`` attaches a small file
to every third document. A "database is locked" (or any error) reaching the caller is printed
as ``ERROR <message>`` and counted by the tests.

    python -m tests.safety.writer HOME TAG COUNT [--files] [--stop FILE]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("home")
    ap.add_argument("tag")
    ap.add_argument("count", type=int)
    ap.add_argument("--files", action="store_true")
    ap.add_argument("--stop", help="stop when this file exists")
    a = ap.parse_args(argv)

    from models import documents, users
    from models.db import open_database
    from models.filestore import FileStore
    from models.home import OfficeHome
    home = OfficeHome(a.home)
    open_database(home.db_url)
    clerk = users.User.get(users.User.username == "vanthu")
    store = FileStore(home.files)
    scratch = Path(home.path).parent / f"scratch-{a.tag}-{os.getpid()}"
    scratch.mkdir(exist_ok=True)
    print("READY", flush=True)
    i = 0
    while a.count <= 0 or i < a.count:
        if a.stop and os.path.exists(a.stop):
            break
        i += 1
        summary = f"{a.tag} số {i}"
        try:
            d = documents.register_incoming(clerk, sender="Huyện ủy Yên Sơn", summary=summary,
                                            doc_type="Công văn")
            if a.files and i % 3 == 0:
                f = scratch / f"{a.tag}-{i}.pdf"
                f.write_bytes(f"%PDF-1.4 {a.tag} {i}\n".encode() + os.urandom(2048))
                documents.attach_file(clerk, store, d, f)
                f.unlink()
        except Exception as e:          # what would reach a person at the desk
            print(f"ERROR {type(e).__name__}: {e}", flush=True)
            continue
        print(f"SAVED {d.id} {d.arrival_no} {summary}", flush=True)
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
