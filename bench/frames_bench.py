"""What tui.frames costs and saves, on real frames of the program.

  python3 bench/frames_bench.py [--rounds 200]

A demo office is opened headless at 80×24; whole frames of Hôm nay and of Văn bản đến are
taken from Textual's compositor (what it writes when a screen changes). Then, per frame:
  - Textual's own output: bytes, and the time to turn the frame into terminal text;
  - tui.frames: the same frame after the other screen (most cells change), and the same frame
    twice in a row (Textual repaints a screen two or three times around each change).
"""
from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def frames(home: Path):
    from models.db import open_database
    from models.home import OfficeHome
    from models.users import User
    from tui.app import VanphongApp
    h = OfficeHome(home)
    open_database(h.db_url)
    app = VanphongApp(h, user=User.get(User.username == "admin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dash = app.screen._compositor.render_update(full=True, screen_stack=[])
        await pilot.press("f3")
        await pilot.pause(0.5)
        reg = app.screen._compositor.render_update(full=True, screen_stack=[])
    return dash, reg


def timed(fn, rounds):
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        r = fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out), r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    import subprocess
    from rich.console import Console
    from tui.frames import SentFrame
    home = Path(tempfile.mkdtemp(prefix="vp-frames-"))
    subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--home", str(home)], check=True,
                   capture_output=True)
    dash, reg = asyncio.run(frames(home))
    con = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=80,
                  height=24, legacy_windows=False)
    print(f"{'':34}{'bytes':>8}{'ms (median)':>13}")
    def uncached(frame):
        for line in frame.strips:              # Strip caches its text: time the first render
            for strip in line:
                strip._render_cache = None
        return frame.render_segments(con)

    for name, frame, other in (("Hôm nay", dash, reg), ("Văn bản đến", reg, dash)):
        ms, raw = timed(lambda frame=frame: uncached(frame), args.rounds)
        print(f"{name + ': Textual, whole frame':34}{len(raw):8}{ms:13.2f}")

        def after_other(frame=frame, other=other):
            s = SentFrame()
            s.filter(other, 80, con)
            return s, s.filter(frame, 80, con).render_segments(con)
        s, _ = after_other()
        ms, (_, text) = timed(after_other, args.rounds)
        ms_other, _ = timed(lambda other=other: SentFrame().filter(other, 80, con), args.rounds)
        print(f"{name + ': frames, after the other':34}{len(text):8}{ms - ms_other:13.2f}")
        s.filter(frame, 80, con)
        ms, upd = timed(lambda s=s, frame=frame: s.filter(frame, 80, con), args.rounds)
        print(f"{name + ': frames, same frame again':34}{len(upd.render_segments(con)):8}{ms:13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
