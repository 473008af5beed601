"""tui.frames writes only the cells that changed: the terminal must end up showing exactly what
Textual's own, full output would have shown. Both outputs go into a terminal emulator (pyte)
and the two screens are compared cell by cell — character, colours and attributes — after
every update, over random sequences of whole frames and pieces of lines with Vietnamese text,
box drawing, double-width characters and the 16 colours."""
from __future__ import annotations

import io
import random

import pyte
import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.frames import SentFrame

W, H = 40, 8
NARROW = list("aăâbcdđeêghiklmnoôơpqrstuưvxy ĐƯÂẢẤỆỲỮởẵ─│╭╮▏▕▌▅… 0123456789")
WIDE = list("中文字")                                    # two cells in Rich and in pyte
COLOURS = [None, "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
           "bright_black", "bright_red", "bright_white", "bright_cyan", "default"]
STYLES = [None] + [Style(color=random.Random(i).choice(COLOURS),
                         bgcolor=random.Random(i + 99).choice(COLOURS),
                         bold=i % 3 == 0, italic=i % 5 == 0, underline=i % 7 == 0,
                         reverse=i % 11 == 0) for i in range(12)]
TAIL = ("", None)


def console() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=W,
                   height=H, legacy_windows=False)


def fill(rng: random.Random, row: list, x1: int, x2: int) -> tuple[int, int]:
    """Random glyphs into row[x1:x2], widened so that no double-width character is cut."""
    if x1 > 0 and row[x1] == TAIL:
        x1 -= 1
    if x2 < W and row[x2] == TAIL:
        x2 += 1
    x = x1
    style = rng.choice(STYLES)
    while x < x2:
        if rng.random() < 0.3:
            style = rng.choice(STYLES)
        if x + 1 < x2 and rng.random() < 0.1:
            row[x], row[x + 1] = (rng.choice(WIDE), style), TAIL
            x += 2
        else:
            row[x] = (rng.choice(NARROW), style)
            x += 1
    return x1, x2


def strip_of(cells: list) -> Strip:
    segs = [Segment(t, s) for t, s in cells if (t, s) != TAIL]
    return Strip(Segment.simplify(segs))


def layout_update(model) -> LayoutUpdate:
    return LayoutUpdate([[strip_of(row)] for row in model], Region(0, 0, W, H))


def chops_update(model, spans) -> ChopsUpdate:
    """Pieces of lines as Textual's compositor gives them: each line cut into chops at a few
    columns (widget edges), and spans saying which columns are to be written."""
    chops, ends = [], []
    for _, row in enumerate(model):
        cuts = [0] + sorted({c for c in (9, 17, 25, 33) if row[c] != TAIL}) + [W]
        line = {a: strip_of(row[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)}
        chops.append(line)
        ends.append(cuts[1:])
    return ChopsUpdate(chops, spans, ends)


def screen_cells(screen: pyte.Screen) -> list:
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
             for c in (screen.buffer[y][x] for x in range(W))] for y in range(H)]


@pytest.mark.parametrize("seed", range(12))
def test_terminal_shows_what_full_output_would_show(seed):
    rng = random.Random(seed)
    model = [[(" ", None)] * W for _ in range(H)]
    full, ours = pyte.Screen(W, H), pyte.Screen(W, H)
    full_in, ours_in = pyte.Stream(full), pyte.Stream(ours)
    con = console()
    sent = SentFrame()
    written_full = written_ours = 0
    for step in range(60):
        kind = rng.random()
        if kind < 0.35:                                # a whole frame, mostly as before
            for _ in range(rng.randint(0, 3)):
                y = rng.randrange(H)
                x1 = rng.randrange(W)
                fill(rng, model[y], x1, min(W, x1 + rng.randint(1, 12)))
            update = layout_update(model)
        else:                                          # pieces of a few lines
            spans = []
            for y in sorted(rng.sample(range(H), rng.randint(1, 3))):
                x1 = rng.randrange(W)
                x1, x2 = fill(rng, model[y], x1, min(W, x1 + rng.randint(1, 15)))
                spans.append((y, x1, x2))
            update = chops_update(model, spans)
        if rng.random() < 0.05:
            sent.forget()                              # Ctrl+B, a resize, back from Ctrl+Z
        raw = update.render_segments(con)
        mine = sent.filter(update, W, con).render_segments(con)
        full_in.feed(raw)
        ours_in.feed(mine)
        written_full += len(raw)
        written_ours += len(mine)
        assert screen_cells(ours) == screen_cells(full), f"seed {seed}, step {step}"
    assert written_ours < written_full / 2               # and for far fewer bytes


def test_an_unchanged_frame_writes_nothing_and_a_forgotten_one_everything():
    rng = random.Random(1)
    model = [[(" ", None)] * W for _ in range(H)]
    for y in range(H):
        fill(rng, model[y], 0, W)
    con, sent = console(), SentFrame()
    first = sent.filter(layout_update(model), W, con)
    assert first.cells == W * H
    assert sent.filter(layout_update(model), W, con).render_segments(con) == ""
    fill(rng, model[3], 5, 8)
    again = sent.filter(layout_update(model), W, con)
    assert 0 < again.cells <= 4 and again.render_segments(con).count("\x1b[4;") == 1  # row 4
    sent.forget()
    assert sent.filter(layout_update(model), W, con).cells == W * H
    assert sent.filter(layout_update(model), W + 1, con).cells == W * H   # a new width


def test_a_run_never_starts_on_half_a_double_width_character():
    con, sent = console(), SentFrame()
    row = [(" ", None)] * W
    row[10], row[11] = ("中", None), TAIL
    model = [list(row) for _ in range(H)]
    sent.filter(layout_update(model), W, con)
    model[0][10], model[0][11] = ("文", None), TAIL         # same width, other character
    out = sent.filter(layout_update(model), W, con).render_segments(con)
    assert out == "\x1b[1;11H文"


def test_a_character_whose_right_half_was_never_written_is_written_whole():
    """A piece of a line may end in the middle of a double-width character (its right half
    then unknown); the next frame must write the whole character, not start on its half."""
    con, sent = console(), SentFrame()
    row = [("x", None)] * W
    row[10], row[11] = ("中", None), TAIL
    model = [list(row) for _ in range(H)]
    sent.filter(chops_update(model, [(0, 0, 11)]), W, con)   # up to the left half only
    term = pyte.Screen(W, H)
    pyte.Stream(term).feed(layout_update(model).render_segments(con))  # what the screen shows
    out = sent.filter(layout_update(model), W, con).render_segments(con)
    assert out.startswith("\x1b[1;11H中")                      # from column 11, not 12
    check = pyte.Screen(W, H)
    stream = pyte.Stream(check)
    stream.feed(chops_update(model, [(0, 0, 11)]).render_segments(con))
    stream.feed(out)
    assert [check.buffer[0][x].data for x in range(W)] == [term.buffer[0][x].data for x in range(W)]


def test_cells_never_written_are_stepped_over_not_filled():
    """Two changes close together are written in one go — unless cells between them were never
    written (after Ctrl+B or a resize) and the update does not give them either: those are
    stepped over with a cursor move, never filled with what follows."""
    con, sent = console(), SentFrame()
    model = [[(c, None) for c in "abcdefghijklmnopqrstuvwxyz0123456789ABCD"] for _ in range(H)]
    full, ours = pyte.Screen(W, H), pyte.Screen(W, H)
    full_in, ours_in = pyte.Stream(full), pyte.Stream(ours)
    first = layout_update(model)
    full_in.feed(first.render_segments(con))
    ours_in.feed(first.render_segments(con))
    sent.forget()                                   # the terminal's content is not known now
    known = chops_update(model, [(0, 0, 5)])        # … except columns 0–4 of the first line
    full_in.feed(known.render_segments(con))
    ours_in.feed(sent.filter(known, W, con).render_segments(con))
    model[0][3] = ("Đ", None)
    model[0][9] = ("Ư", None)
    update = chops_update(model, [(0, 3, 10)])
    update.chops[0] = {0: strip_of(model[0][0:5]), 5: None, 9: strip_of(model[0][9:17]),
                       17: strip_of(model[0][17:25]), 25: strip_of(model[0][25:33]),
                       33: strip_of(model[0][33:40])}
    update.chop_ends[0] = [5, 9, 17, 25, 33, 40]   # columns 5–8: no strip in this update
    full_in.feed(update.render_segments(con))
    out = sent.filter(update, W, con).render_segments(con)
    ours_in.feed(out)
    assert out == "\x1b[1;4HĐe\x1b[1;10HƯ"
    assert screen_cells(ours) == screen_cells(full)


def test_an_update_it_does_not_know_is_written_whole_and_counted():
    from rich.text import Text
    frame = SentFrame()
    c = console()
    assert frame.fallbacks == 0
    odd = Text("not a compositor update")
    assert frame.filter(odd, W, c) is odd
    assert frame.fallbacks == 1


async def test_the_help_screen_says_when_frames_were_written_whole(office, make_app, shown):
    from screen_size import SIZE
    app = make_app(user=office["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "gửi nguyên khung" not in shown(app)
        await pilot.press("escape")
        app._sent_frame.fallbacks = 3
        await pilot.press("f1")
        await pilot.pause()
        text = " ".join(shown(app).split())
        assert "gửi nguyên khung 3 lần" in text
