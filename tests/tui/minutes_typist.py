"""A recorder typing into the minutes editor, in a process of its own (run by the SIGKILL
test): python minutes_typist.py HOME USERNAME MEETING_ID TEXT

Prints "FIELD speech:N" once the speech exists, then "SAVED n" each time the editor has
written the first n characters of TEXT, and "DONE" at the end (with TYPIST_NO_WAIT set:
"TYPED n" as soon as the last key is in, before it is saved)."""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def main(home_path: str, username: str, meeting_id: int, text: str) -> None:
    from models import users
    from models.db import open_database
    from models.home import OfficeHome
    from tui.app import VanphongApp
    from tui.screens.meetings import MeetingDetail
    from tui.screens.minutes_editor import MinutesEditor
    home = OfficeHome(home_path).ensure()
    open_database(home.db_url)
    user = users.User.get(users.User.username == username)
    app = VanphongApp(home, user=user, today=dt.date(2026, 3, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingDetail(meeting_id))
        await pilot.pause()
        await pilot.press("g")
        while not isinstance(app.screen, MinutesEditor):
            await pilot.pause(0.02)
        ed = app.screen
        await pilot.press("f5", *"hung", "enter")
        while not (ed.field or "").startswith("speech:") or ed.query_one("#editor-speaker").value:
            await pilot.pause(0.02)
        print(f"FIELD {ed.field}", flush=True)
        last = -1
        for ch in text:
            await pilot.press(ch)
            await pilot.pause(0.01)
            if ed.saved_seq != last:
                last = ed.saved_seq
                print(f"SAVED {len(ed.saved_text)}", flush=True)
        if os.environ.get("TYPIST_NO_WAIT"):          # stop at once, the last keys unsaved
            print(f"TYPED {len(text)} pending={ed.saved_seq != ed.seq}", flush=True)
        else:
            while ed.saved_seq != ed.seq:
                await pilot.pause(0.05)
            print(f"SAVED {len(ed.saved_text)}", flush=True)
            print("DONE", flush=True)
        await asyncio.sleep(3600)          # wait here to be killed


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
