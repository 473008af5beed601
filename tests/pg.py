"""A throw-away PostgreSQL server for tests: initdb into a temporary folder, listen on a
Unix socket only (no TCP), stop at the end. Skips when no PostgreSQL server is installed
(.ci/run installs one)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time


def _bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


class TempPostgres:
    def __init__(self):
        self.bindir = _bin()
        self.dir = None
        self.user = None
        self.office_template = None     # a database the tests' offices are copied from

    def available(self) -> bool:
        return self.bindir is not None

    def _run(self, *cmd):
        if os.geteuid() == 0:   # PostgreSQL refuses to run as root
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        subprocess.run(cmd, check=True, capture_output=True)

    def start(self) -> str:
        self.dir = tempfile.mkdtemp(prefix="vp-pg-")
        data, sock = os.path.join(self.dir, "data"), os.path.join(self.dir, "sock")
        os.makedirs(sock)
        self.user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(sock, "postgres")
        self._run(f"{self.bindir}/initdb", "-D", data, "-U", self.user, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self._run(f"{self.bindir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(self.dir, "log"),
                  "-o", f"-k {sock} -c listen_addresses=''", "start")
        self.sock = sock
        return sock

    def create_db(self, name: str, template: str | None = None) -> str:
        import psycopg2
        for _ in range(50):
            try:
                c = psycopg2.connect(host=self.sock, user=self.user, dbname="postgres")
                break
            except psycopg2.OperationalError:
                time.sleep(0.1)
        c.autocommit = True
        copy_of = f' TEMPLATE "{template}"' if template else ""
        c.cursor().execute(f'CREATE DATABASE "{name}"{copy_of}')
        c.close()
        return f"postgresql://{self.user}@/{name}?host={self.sock}"

    def stop(self):
        if self.dir:
            try:
                self._run(f"{self.bindir}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "fast", "stop")
            finally:
                shutil.rmtree(self.dir, ignore_errors=True)
