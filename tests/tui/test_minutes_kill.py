"""The minutes survive a killed program: a real process types into the minutes editor and is
killed with SIGKILL at a random moment; reopened, everything the editor had reported as saved
is there (and nothing that was not typed)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPIST = Path(__file__).with_name("minutes_typist.py")
TEXT = ("Đồng chí Hùng: thống nhất với báo cáo, đề nghị bổ sung chỉ tiêu kết nạp đảng viên mới "
        "trong quý II, tập trung ở chi bộ thôn Đồng Tâm và chi bộ trường học.")


class Typist:
    def __init__(self, home: Path, meeting_id: int, text: str = TEXT, env: dict | None = None):
        self.p = subprocess.Popen([sys.executable, str(TYPIST), str(home), "vanthu", str(meeting_id), text],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  encoding="utf-8",
                                  env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
        self.lines: list[str] = []
        self.err: list[str] = []
        threading.Thread(target=self._pump, args=(self.p.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.p.stderr, self.err), daemon=True).start()

    @staticmethod
    def _pump(stream, out):
        for line in stream:
            out.append(line.rstrip("\n"))

    def saved(self) -> list[int]:
        return [int(x.split()[1]) for x in list(self.lines) if x.startswith("SAVED ")]

    def wait_for(self, cond, seconds: float = 120) -> bool:
        end = time.monotonic() + seconds      # a safety net only: the test waits for markers
        while time.monotonic() < end:
            if cond():
                return True
            if self.p.poll() is not None:
                return cond()
            time.sleep(0.02)
        return cond()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_while_typing_loses_nothing_reported_saved(office, home, seed):
    from models import meetings as M
    from models.db import close_database, open_database
    from tests.models.meetings_helpers import planned
    m = planned(office["clerk"])
    close_database()
    rnd = random.Random(seed)
    kill_after = rnd.randint(2, 8)           # saves reported before the kill
    t = Typist(home.path, m.id)
    try:
        assert t.wait_for(lambda: len(t.saved()) >= kill_after or "DONE" in t.lines), \
            "\n".join(t.lines + t.err)
        time.sleep(rnd.random() * 0.3)       # anywhere between two saves
        t.p.send_signal(signal.SIGKILL)
        t.p.wait(30)
    finally:
        if t.p.poll() is None:
            t.p.kill()
    assert t.p.returncode == -signal.SIGKILL
    field = next(x.split()[1] for x in t.lines if x.startswith("FIELD "))
    reported = max(t.saved())
    open_database(home.db_url)
    text = M.drafts(m.id).get(field, "")
    assert 0 < reported < len(TEXT)                          # killed mid-sentence
    assert text.startswith(TEXT[:reported]) and TEXT.startswith(text), (reported, text)
    v = M.meeting_view(office["clerk"], m.id)
    s = next(s for s in v.speeches if f"speech:{s.id}" == field)
    assert s.speaker == "Lê Văn Hùng" and v.speech_text(s) == text   # reopens with it


def test_a_closed_terminal_loses_nothing(office, home):
    """SIGHUP (the terminal window closed, the SSH line dropped) right after the last key:
    what was still waiting for its save is written before the program ends."""
    from models import meetings as M
    from models.db import close_database, open_database
    from tests.models.meetings_helpers import planned
    m = planned(office["clerk"])
    close_database()
    short = "Đề nghị rà soát đơn thư tồn đọng."
    t = Typist(home.path, m.id, short, env={"TYPIST_NO_WAIT": "1"})
    try:
        assert t.wait_for(lambda: any(x.startswith("TYPED") for x in t.lines)), "\n".join(t.lines + t.err)
        t.p.send_signal(signal.SIGHUP)
        t.p.wait(30)
    finally:
        if t.p.poll() is None:
            t.p.kill()
    field = next(x.split()[1] for x in t.lines if x.startswith("FIELD "))
    assert t.p.returncode == -signal.SIGHUP
    open_database(home.db_url)
    assert M.drafts(m.id)[field] == short, t.lines
